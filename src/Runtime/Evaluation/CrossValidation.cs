using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// Choosing C by stratified k-fold cross-validation, as scikit-learn's <c>LogisticRegressionCV</c>: every C of
/// the grid is fitted on each fold's training rows (standardized by their own statistics when
/// <see cref="TrainingOptions.Standardize"/> is on, as a scaler in a pipeline is) and scored on its test rows;
/// the C with the best mean score is refitted on all rows. Folds run in parallel, and each walks the grid
/// from the smallest C up, starting every fit from the previous C's optimum.
/// </summary>
public static class CrossValidation
{
    /// <summary>Fits one fold at one C: <paramref name="theta"/> carries the standardized optimum, <paramref name="raw"/> receives the raw parameters.</summary>
    private delegate TrainingReport FitOne(FeatureMatrix train, TrainingOptions options, ref double[]? theta, double[] raw, long entered);

    /// <summary>
    /// Chooses C for a binary model by cross-validation and refits on all rows with it (generated models' <c>CrossValidate</c>).
    /// </summary>
    /// <typeparam name="TKernel">The model's kernel.</typeparam>
    /// <param name="data">X (n, m) and labels 0 or 1. Never modified.</param>
    /// <param name="options">The grid, folds, score and training options; null for the defaults.</param>
    /// <param name="weights">Receives the refitted model's n weights, for raw features.</param>
    /// <param name="bias">Receives its bias.</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <returns>The scores, the chosen C and the refit's report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have n elements, or a class has fewer samples than folds.</exception>
    /// <exception cref="LogisticDataException">A feature value is not finite or a label is not 0 or 1 (the message names the row and column).</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was cancelled.</exception>
    public static CrossValidationReport Train<TKernel>(FeatureMatrix data, CrossValidationOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames = null)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        long entered = Stopwatch.GetTimestamp();
        options ??= new CrossValidationOptions();
        options.Validate();
        int n = data.FeatureCount;
        ShapeGuard.FeatureCount(weights, n);
        data.Validate(featureNames, classCount: 2, options.MaxDegreeOfParallelism);
        FitOne fit = (FeatureMatrix train, TrainingOptions fitOptions, ref double[]? theta, double[] raw, long started) =>
            LogisticTrainer.Fit<TKernel>(train, default, fitOptions, ref theta, raw.AsSpan(0, n), out raw[n], started);
        var parameters = new double[n + 1];
        CrossValidationReport report = Search(data, classCount: 2, logits: 1, options, fit, parameters, entered);
        LogisticTrainer.ToSingles(parameters.AsSpan(0, n), weights);
        bias = (float)parameters[n];
        return report;
    }

    /// <summary>
    /// Chooses C for a multinomial model of K classes by cross-validation and refits on all rows with it.
    /// </summary>
    /// <param name="data">X (n, m) and labels 0 … K − 1. Never modified.</param>
    /// <param name="classCount">K, at least 2.</param>
    /// <param name="options">The grid, folds, score and training options; null for the defaults.</param>
    /// <param name="weights">Receives W, K rows of n weights for raw features.</param>
    /// <param name="biases">Receives the K centred intercepts.</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <param name="classNames">The K class names, for error messages; null names classes by index.</param>
    /// <returns>The scores, the chosen C and the refit's report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the exception names it), or K is below 2.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or a class has fewer samples than folds.</exception>
    /// <exception cref="LogisticDataException">A feature value is not finite or a label is not a class index.</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was cancelled.</exception>
    public static CrossValidationReport Train(FeatureMatrix data, int classCount, CrossValidationOptions? options, Span<float> weights, Span<float> biases, IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        long entered = Stopwatch.GetTimestamp();
        options ??= new CrossValidationOptions();
        options.Validate();
        MultinomialTrainer.CheckArguments(data, classCount, weights.Length, biases.Length, featureNames, classNames, options.MaxDegreeOfParallelism);
        int wCount = classCount * data.FeatureCount;
        FitOne fit = (FeatureMatrix train, TrainingOptions fitOptions, ref double[]? theta, double[] raw, long started) =>
            MultinomialTrainer.Fit(train, classCount, default, fitOptions, ref theta, raw.AsSpan(0, wCount), raw.AsSpan(wCount), started, classNames);
        var parameters = new double[wCount + classCount];
        CrossValidationReport report = Search(data, classCount, logits: classCount, options, fit, parameters, entered);
        LogisticTrainer.ToSingles(parameters.AsSpan(0, wCount), weights);
        LogisticTrainer.ToSingles(parameters.AsSpan(wCount), biases);
        return report;
    }

    /// <summary>
    /// The search: folds in parallel, the grid in ascending order within each with warm starts, the mean scores
    /// and the choice, then the refit on all rows into <paramref name="parameters"/>.
    /// </summary>
    private static CrossValidationReport Search(FeatureMatrix data, int classCount, int logits, CrossValidationOptions options, FitOne fit, double[] parameters, long entered)
    {
        TrainingOptions training = options.Training ?? new TrainingOptions();
        CancellationToken token = options.CancellationToken.CanBeCanceled ? options.CancellationToken : training.CancellationToken;
        int k = options.Folds;
        double[] cs = [.. options.Cs ?? CrossValidationOptions.DefaultCs];
        int[] folds = StratifiedFolds(data.Labels, k);
        RequireFoldsPerClass(data.Labels, classCount, k);

        int[] ascending = RegularizationPath.Ascending(cs);
        var scores = new double[cs.Length][];
        for (int i = 0; i < cs.Length; i++)
        {
            scores[i] = new double[k];
        }

        int threads = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        int foldThreads = Math.Min(k, threads);
        int inner = Math.Max(1, threads / foldThreads);
        int completed = 0, total = k * cs.Length;

        // A fold that fails stops the others at their next fit; the failure of the lowest such fold is thrown.
        var failures = new Exception?[k];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = foldThreads, CancellationToken = token }, (f, state) =>
        {
            try
            {
                (FeatureMatrix train, FeatureMatrix test) = Split(data, folds, f);
                double[]? theta = null;
                var raw = new double[parameters.Length];
                foreach (int i in ascending)
                {
                    if (state.ShouldExitCurrentIteration)
                    {
                        return;
                    }

                    token.ThrowIfCancellationRequested();
                    fit(train, training.WithC(cs[i], inner, token, progress: false), ref theta, raw, Stopwatch.GetTimestamp());
                    scores[i][f] = Score(test, raw, classCount, logits, options.Scoring);
                    options.Progress?.Report(new CrossValidationProgress(Interlocked.Increment(ref completed), total, f, cs[i], scores[i][f]));
                }
            }
            catch (Exception e)
            {
                failures[f] = e;
                state.Stop();
            }
        });

        foreach (Exception? failure in failures)
        {
            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        // scikit-learn's choice: the folds' scores added in fold order, the first best sum in grid order; the means
        // are those sums divided by k.
        bool lowerIsBetter = options.Scoring == CrossValidationScoring.LogLoss;
        var sums = new double[cs.Length];
        var means = new double[cs.Length];
        int best = 0;
        for (int i = 0; i < cs.Length; i++)
        {
            for (int f = 0; f < k; f++)
            {
                sums[i] += scores[i][f];
            }

            means[i] = sums[i] / k;
            if (lowerIsBetter ? sums[i] < sums[best] : sums[i] > sums[best])
            {
                best = i;
            }
        }

        double[]? start = null;
        TrainingReport refit = fit(data, training.WithC(cs[best], options.MaxDegreeOfParallelism, token, progress: true), ref start, parameters, Stopwatch.GetTimestamp());
        return new CrossValidationReport(cs, scores, means, best, options.Scoring, refit, Stopwatch.GetElapsedTime(entered));
    }

    /// <summary>Throws unless every class has at least k samples, so that every training fold holds every class.</summary>
    private static void RequireFoldsPerClass(ReadOnlySpan<float> labels, int classCount, int k)
    {
        var counts = new int[classCount];
        foreach (float y in labels)
        {
            counts[(int)y]++;
        }

        for (int c = 0; c < classCount; c++)
        {
            if (counts[c] < k)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Cross-validation with {k} folds needs at least {k} samples of every class, but class {c} has {counts[c]}."),
                    "data");
            }
        }
    }

    /// <summary>The training rows (every fold but <paramref name="fold"/>) and the test rows, in their order.</summary>
    private static (FeatureMatrix Train, FeatureMatrix Test) Split(FeatureMatrix data, int[] folds, int fold)
    {
        int m = data.SampleCount, testCount = 0;
        foreach (int f in folds)
        {
            testCount += f == fold ? 1 : 0;
        }

        // Every value of both is written below: neither is cleared first.
        FeatureMatrix train = FeatureMatrix.Uninitialized(data.FeatureCount, m - testCount);
        FeatureMatrix test = FeatureMatrix.Uninitialized(data.FeatureCount, testCount);
        for (int j = -1; j < data.FeatureCount; j++)
        {
            ReadOnlySpan<float> source = j < 0 ? data.Labels : data.Feature(j);
            Span<float> toTrain = j < 0 ? train.Labels : train.Feature(j);
            Span<float> toTest = j < 0 ? test.Labels : test.Feature(j);
            int a = 0, b = 0;
            for (int i = 0; i < m; i++)
            {
                if (folds[i] == fold)
                {
                    toTest[b++] = source[i];
                }
                else
                {
                    toTrain[a++] = source[i];
                }
            }
        }

        return (train, test);
    }

    /// <summary>
    /// The score of raw parameters on the test rows, the logits computed in double: accuracy with the model's own
    /// rule (class 1 when z ≥ 0; the first largest logit), the log loss with each sample's probability clipped to
    /// [ε, 1 − ε], ε = 2⁻⁵² (scikit-learn's <c>log_loss</c> since 1.2),
    /// or the ROC AUC (of the logit; one-vs-rest of the probabilities for K &gt; 2).
    /// </summary>
    private static double Score(FeatureMatrix test, double[] raw, int classCount, int logits, CrossValidationScoring scoring)
    {
        int n = test.FeatureCount, m = test.SampleCount;
        var z = new double[m * logits];
        for (int k = 0; k < logits; k++)
        {
            DoubleKernels.Logits(test, raw.AsSpan(k * n, n), raw[(logits * n) + k], 0, z.AsSpan(k * m, m));
        }

        ReadOnlySpan<float> labels = test.Labels;
        double maxLoss = -Math.Log(Epsilon), minLoss = -Math.Log(1d - Epsilon);
        switch (scoring)
        {
            case CrossValidationScoring.Accuracy:
            {
                int correct = 0;
                for (int i = 0; i < m; i++)
                {
                    int predicted = logits == 1 ? (z[i] >= 0d ? 1 : 0) : ArgMax(z, i, m, logits);
                    correct += predicted == (int)labels[i] ? 1 : 0;
                }

                return (double)correct / m;
            }

            case CrossValidationScoring.LogLoss:
            {
                double sum = 0d;
                for (int i = 0; i < m; i++)
                {
                    // −log p(y): the binomial loss; log Σ exp(z) − z_y for K classes.
                    int y = (int)labels[i];
                    double loss = logits == 1 ? LogisticMath.Loss(z[i], y) : LogSumExp(z, i, m, logits) - z[(y * m) + i];
                    sum += Math.Clamp(loss, minLoss, maxLoss);
                }

                return sum / m;
            }

            default:
            {
                if (logits == 1)
                {
                    return RocAuc(z, labels);
                }

                var probabilities = new float[m * logits];
                for (int i = 0; i < m; i++)
                {
                    double log = LogSumExp(z, i, m, logits);
                    for (int k = 0; k < logits; k++)
                    {
                        probabilities[(i * logits) + k] = (float)Math.Exp(z[(k * m) + i] - log);
                    }
                }

                return Metrics.OneVsRestRocAuc(probabilities, labels, classCount);
            }
        }
    }

    /// <summary>The double epsilon, 2⁻⁵², at which scikit-learn's <c>log_loss</c> clips probabilities of double inputs.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// The ROC AUC of double scores (as scikit-learn's <c>roc_auc_score</c> on float64 decision values): the samples
    /// sorted by score, each group of tied scores adding its trapezoid under the (false, true positive) curve.
    /// </summary>
    private static double RocAuc(double[] scores, ReadOnlySpan<float> labels)
    {
        int m = scores.Length;
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        Array.Sort((double[])scores.Clone(), order);
        double positives = 0d, negatives = 0d, area = 0d;
        for (int end = m; end > 0;)
        {
            // The samples tied at the next highest score, from the top down.
            int start = end - 1;
            while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]])
            {
                start--;
            }

            double p = 0d, q = 0d;
            for (int i = start; i < end; i++)
            {
                p += labels[order[i]];
            }

            q = (end - start) - p;
            area += q * (positives + (p / 2d));
            positives += p;
            negatives += q;
            end = start;
        }

        return area / (positives * negatives);
    }

    private static int ArgMax(double[] z, int i, int m, int logits)
    {
        int best = 0;
        for (int k = 1; k < logits; k++)
        {
            if (z[(k * m) + i] > z[(best * m) + i])
            {
                best = k;
            }
        }

        return best;
    }

    private static double LogSumExp(double[] z, int i, int m, int logits)
    {
        double max = z[i];
        for (int k = 1; k < logits; k++)
        {
            max = Math.Max(max, z[(k * m) + i]);
        }

        double sum = 0d;
        for (int k = 0; k < logits; k++)
        {
            sum += Math.Exp(z[(k * m) + i] - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>
    /// The test fold of every sample under stratified k-fold, assigned exactly as scikit-learn's
    /// <c>StratifiedKFold(n_splits=k)</c> (no shuffling) assigns them: classes numbered by first
    /// appearance, each fold given the share of each class that taking every k-th sample of the
    /// class-sorted labels gives it, and each class's samples dealt to folds 0, 1, … in blocks, in order.
    /// The same labels give the same folds, so the same C is chosen.
    /// </summary>
    /// <param name="labels">One label per sample (a class index, or 0 and 1).</param>
    /// <param name="foldCount">k, at least 2.</param>
    /// <returns>For each sample, its fold in [0, k).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="foldCount"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">There are fewer samples than folds, or every class has fewer samples than folds.</exception>
    public static int[] StratifiedFolds(ReadOnlySpan<float> labels, int foldCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(foldCount, 2);
        int m = labels.Length;
        if (m < foldCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{foldCount} folds need at least {foldCount} samples but there are {m}."), nameof(labels));
        }

        // Classes numbered by first appearance, and their sizes.
        var codes = new Dictionary<float, int>();
        var counts = new List<int>();
        int[] code = new int[m];
        for (int i = 0; i < m; i++)
        {
            if (!codes.TryGetValue(labels[i], out int c))
            {
                c = counts.Count;
                codes.Add(labels[i], c);
                counts.Add(0);
            }

            code[i] = c;
            counts[c]++;
        }

        int largest = 0;
        foreach (int count in counts)
        {
            largest = Math.Max(largest, count);
        }

        if (largest < foldCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{foldCount} folds need more samples than that in at least one class, but the largest class has {largest}."),
                nameof(labels));
        }

        // allocation[f, c]: how many of class c's positions in the class-sorted labels are ≡ f (mod k).
        int classes = counts.Count;
        var allocation = new int[foldCount, classes];
        int position = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int j = 0; j < counts[c]; j++, position++)
            {
                allocation[position % foldCount, c]++;
            }
        }

        // Each class's samples, in order, go to fold 0 for allocation[0, c] of them, then fold 1, ...
        var fold = new int[classes];
        var used = new int[classes];
        int[] folds = new int[m];
        for (int i = 0; i < m; i++)
        {
            int c = code[i];
            while (used[c] == allocation[fold[c], c])
            {
                fold[c]++;
                used[c] = 0;
            }

            folds[i] = fold[c];
            used[c]++;
        }

        return folds;
    }
}
