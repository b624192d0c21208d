using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// Multinomial (softmax) logistic regression with K classes on a <see cref="FeatureMatrix"/> whose
/// labels are class indices 0 … K − 1: the same options, solvers, standardization and report as
/// <see cref="LogisticTrainer"/>, to scikit-learn's multinomial optimum (K weight vectors, the
/// L2 penalty on all of W and none on the intercepts, which are returned centred: Σₖ bₖ = 0).
/// </summary>
public static class MultinomialTrainer
{
    /// <summary>
    /// The most parameters, K·(n + 1), for which <see cref="Solver.Auto"/> picks Newton's method
    /// (else L-BFGS). A Hessian pass costs about K·(n + 1) times a gradient pass (its K² blocks of
    /// (n + 1)² are summed per sample, the gradient's K·(n + 1) sums four samples per vector), so
    /// beyond a few dozen parameters the ten or so Newton iterations cost more than L-BFGS's hundred.
    /// </summary>
    public const int AutoNewtonLimit = 48;

    /// <summary>
    /// Trains on <paramref name="data"/>, each sample counting <paramref name="sampleWeights"/>[i] times.
    /// </summary>
    /// <param name="data">X (n, m) and the labels, class indices 0 … K − 1. Never modified.</param>
    /// <param name="classCount">K, at least 2.</param>
    /// <param name="sampleWeights">One weight per sample, finite and at least 0; empty for all 1.</param>
    /// <param name="options">The settings; null means the defaults. <see cref="TrainingOptions.BalancedClassWeights"/>
    /// gives class k the weight m / (K·mₖ); <see cref="TrainingOptions.ClassWeights"/> holds two classes' weights and works only for K = 2.</param>
    /// <param name="weights">Receives W, K rows of n weights (row-major, class by class), for raw features.</param>
    /// <param name="biases">Receives the K intercepts for raw features, centred (0 without an intercept).</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <param name="classNames">The K class names, for error messages; null names classes by index.</param>
    /// <returns>What happened during training.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, K is below 2, or <see cref="TrainingOptions.ClassWeights"/> is set with K &gt; 2.</exception>
    /// <exception cref="LogisticDataException">A feature value is not finite, a label is not a class index, a sample weight is invalid,
    /// or a class has no sample with positive weight (the message names it).</exception>
    public static TrainingReport Train(FeatureMatrix data, int classCount, ReadOnlySpan<float> sampleWeights, TrainingOptions? options, Span<float> weights, Span<float> biases, IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        long entered = Stopwatch.GetTimestamp();
        options ??= new TrainingOptions();
        options.Validate();
        CheckArguments(data, classCount, weights.Length, biases.Length, featureNames, classNames, options.MaxDegreeOfParallelism, scanValues: !options.Standardize);
        int n = data.FeatureCount;
        var wRaw = new double[classCount * n];
        var bRaw = new double[classCount];
        double[]? theta = null;
        TrainingReport report = Fit(data, classCount, sampleWeights, options, ref theta, wRaw, bRaw, entered, classNames, options.Standardize ? new LogisticTrainer.UncheckedValues(featureNames) : null);
        LogisticTrainer.ToSingles(wRaw, weights);
        LogisticTrainer.ToSingles(bRaw, biases);
        return report;
    }

    /// <summary>
    /// Everything of <c>Train</c> after the options, shapes and data are checked, in double: the sample
    /// weights, standardization, the solve, the fold back to raw parameters and the centring of the
    /// intercepts. Cross-validation calls it once per fold and C, carrying <paramref name="theta"/> along.
    /// </summary>
    /// <param name="data">X and the labels, already validated.</param>
    /// <param name="classCount">K.</param>
    /// <param name="sampleWeights">One weight per sample, or empty.</param>
    /// <param name="options">The validated settings.</param>
    /// <param name="theta">The start in the standardized space, overwritten with the optimum; null for the usual start, and then set to the optimum.</param>
    /// <param name="wRaw">Receives W for raw features (K rows of n).</param>
    /// <param name="bRaw">Receives the K centred intercepts for raw features.</param>
    /// <param name="entered">When the caller was entered (the report's validation time runs from it).</param>
    /// <param name="classNames">The K class names, for error messages, or null.</param>
    /// <param name="unchecked">When X's values are not yet known to be finite (the caller standardizes): the names to report a bad one by.</param>
    internal static TrainingReport Fit(FeatureMatrix data, int classCount, ReadOnlySpan<float> sampleWeights, TrainingOptions options, ref double[]? theta, Span<double> wRaw, Span<double> bRaw, long entered, IReadOnlyList<string>? classNames, LogisticTrainer.UncheckedValues? @unchecked = null)
    {
        int n = data.FeatureCount;
        double[] s = SampleWeights(data.Labels, classCount, sampleWeights, options);
        double totalWeight = CheckEveryClass(data.Labels, classCount, s, classNames);
        options.CancellationToken.ThrowIfCancellationRequested();

        long started = Stopwatch.GetTimestamp();
        (float[] means, float[] scales) = FeatureScaling.ForTraining(data, options);
        @unchecked?.Check(data, means, scales, classCount, options.MaxDegreeOfParallelism);

        double[] meansExact = Array.ConvertAll(means, static v => (double)v);
        double[] scalesExact = Array.ConvertAll(scales, static v => (double)v);
        int dimension = classCount * (n + (options.FitIntercept ? 1 : 0));
        Solver solver = options.ResolveSolver(dimension, AutoNewtonLimit);
        (double l2, double l1) = L2Penalty.From(options, totalWeight);
        var objective = new MultinomialObjective(
            data,
            classCount,
            s,
            totalWeight,
            l2,
            options.FitIntercept,
            options.MaxDegreeOfParallelism,
            options.Standardize ? meansExact : null,
            options.Standardize ? scalesExact : null);
        bool warm = theta is not null;
        theta ??= new double[objective.Dimension];
        var history = new List<double>(Math.Min(options.Epochs, 1 << 16) + 1);
        long solving = Stopwatch.GetTimestamp();
        (StopReason reason, double gradientNorm) = LogisticTrainer.Minimize(objective, solver, options, theta, history, subsampleWarmStart: !warm, l1, n);
        TimeSpan solverTime = Stopwatch.GetElapsedTime(solving);

        // Fold the standardization back, then centre the intercepts (their common shift is free).
        MultinomialObjective.ToRaw(theta, classCount, n, options.FitIntercept, options.Standardize ? meansExact : null, options.Standardize ? scalesExact : null, wRaw, bRaw);
        double mean = 0d;
        for (int k = 0; k < classCount; k++)
        {
            mean += bRaw[k];
        }

        mean = options.FitIntercept ? mean / classCount : 0d;
        for (int k = 0; k < classCount; k++)
        {
            bRaw[k] = options.FitIntercept ? bRaw[k] - mean : 0d;
        }

        return LogisticTrainer.Report(objective, history, reason, gradientNorm, (entered, started, solving), solverTime, means, scales, solver, LogisticTrainer.CountZeros(wRaw));
    }

    /// <summary>
    /// The checks of a multinomial <c>Train</c> before any work: K, the lengths of W, b and the class names, then
    /// every label of the data and, when <paramref name="scanValues"/>, every value (on up to <paramref name="threads"/> cores).
    /// </summary>
    internal static void CheckArguments(FeatureMatrix data, int classCount, int weightCount, int biasCount, IReadOnlyList<string>? featureNames, IReadOnlyList<string>? classNames, int threads, bool scanValues = true)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least 2 classes.");
        }

        ShapeGuard.SameLength(classCount * data.FeatureCount, weightCount, "weights");
        ShapeGuard.SameLength(classCount, biasCount, "biases");
        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {classCount} class names but got {classNames.Count}."), nameof(classNames));
        }

        data.Validate(featureNames, classCount, threads, scanValues);
    }

    /// <summary>The sample weights times the class weights (all 1 when neither is given).</summary>
    private static double[] SampleWeights(ReadOnlySpan<float> labels, int classCount, ReadOnlySpan<float> sampleWeights, TrainingOptions options)
    {
        int m = labels.Length;
        if (!sampleWeights.IsEmpty)
        {
            ShapeGuard.SameLength(m, sampleWeights.Length, nameof(sampleWeights));
        }

        var s = new double[m];
        for (int i = 0; i < m; i++)
        {
            s[i] = sampleWeights.IsEmpty ? 1d : ShapeGuard.SampleWeight(sampleWeights[i], i);
        }

        if (options.WeightsPerClass is { } perClass)
        {
            CheckClassCount(perClass, classCount);
            for (int i = 0; i < m; i++)
            {
                s[i] *= perClass[(int)labels[i]];
            }
        }
        else if (options.ClassWeights is ClassWeights pair)
        {
            if (classCount != 2)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"ClassWeights holds the weights of two classes; this model has {classCount}. Use BalancedClassWeights or sample weights."),
                    nameof(options));
            }

            pair.Apply(labels, s);
        }
        else if (options.BalancedClassWeights)
        {
            var counts = new int[classCount];
            for (int i = 0; i < m; i++)
            {
                counts[(int)labels[i]]++;
            }

            for (int i = 0; i < m; i++)
            {
                int k = (int)labels[i];
                s[i] *= counts[k] == 0 ? 0d : m / ((double)classCount * counts[k]);
            }
        }

        return s;
    }

    /// <summary>Throws unless <see cref="TrainingOptions.WeightsPerClass"/> has one weight per class.</summary>
    internal static void CheckClassCount(IReadOnlyList<double> weightsPerClass, int classCount)
    {
        if (weightsPerClass.Count != classCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"WeightsPerClass holds {weightsPerClass.Count} weights but the model has {classCount} classes; give one weight per class."),
                "options");
        }
    }

    /// <summary>Throws unless every class carries positive weight; returns the total weight S.</summary>
    private static double CheckEveryClass(ReadOnlySpan<float> labels, int classCount, double[] s, IReadOnlyList<string>? classNames)
    {
        var totals = new double[classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            totals[(int)labels[i]] += s[i];
        }

        double total = 0d;
        for (int k = 0; k < classCount; k++)
        {
            if (!(totals[k] > 0d))
            {
                string name = classNames is null ? k.ToString(CultureInfo.InvariantCulture) : $"{k} ({classNames[k]})";
                throw new LogisticDataException(
                    string.Create(CultureInfo.InvariantCulture, $"Column 'label': class {name} has no rows (with positive weight) among the {labels.Length}; every one of the {classCount} classes needs training rows."),
                    row: null,
                    "label");
            }

            total += totals[k];
        }

        return total;
    }
}
