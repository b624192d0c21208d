using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;

namespace LogRegGen;

/// <summary>
/// Trains a logistic regression model by batch gradient descent, as in the notes: each update
/// computes <c>dw</c> and <c>db</c> over all m samples with
/// <see cref="LogisticKernels.Gradients(FeatureMatrix, ReadOnlySpan{float}, float, Span{double}, out double)"/>,
/// then sets <c>w := w − α·dw</c> and <c>b := b − α·db</c>.
/// </summary>
public static class LogisticTrainer
{
    private const double InitialWeightStd = 0.01;

    /// <summary>Trains on <paramref name="data"/> and writes the learned parameters.</summary>
    /// <param name="data">X (n, m) and Y. Never modified; standardization works on a copy.</param>
    /// <param name="options">The settings; null means the defaults.</param>
    /// <param name="weights">Receives the n learned weights, which apply to raw (unstandardized) features.</param>
    /// <param name="bias">Receives the learned bias, for raw features.</param>
    /// <returns>What happened during training.</returns>
    /// <inheritdoc cref="Train(FeatureMatrix, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)" path="/exception"/>
    public static TrainingReport Train(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias) =>
        Train(data, options, weights, out bias, featureNames: null);

    /// <summary>Trains on <paramref name="data"/> and writes the learned parameters; data errors name features by <paramref name="featureNames"/>.</summary>
    /// <param name="data">X (n, m) and Y. Never modified; standardization works on a copy.</param>
    /// <param name="options">The settings; null means the defaults.</param>
    /// <param name="weights">Receives the n learned weights, which apply to raw (unstandardized) features.</param>
    /// <param name="bias">Receives the learned bias, for raw features.</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <returns>What happened during training.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting in <paramref name="options"/> is invalid (the exception names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have n elements, or <paramref name="featureNames"/> does not have n names.</exception>
    /// <exception cref="LogisticDataException">A feature value is NaN or infinite, or a label is not 0 or 1.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainingOptions.CancellationToken"/> was cancelled.</exception>
    public static TrainingReport Train(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames) =>
        Train<RuntimeKernel>(data, options, weights, out bias, featureNames);

    /// <summary>
    /// Trains on <paramref name="data"/> with a model's specialised kernel (generated models pass
    /// themselves), using up to <see cref="TrainingOptions.MaxDegreeOfParallelism"/> threads per epoch.
    /// </summary>
    /// <typeparam name="TKernel">The fused forward/backward kernel for the data's feature count.</typeparam>
    /// <inheritdoc cref="Train(FeatureMatrix, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)"/>
    public static TrainingReport Train<TKernel>(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TrainingOptions();
        options.Validate();
        ShapeGuard.FeatureCount(weights, data.FeatureCount);
        data.Validate(featureNames);
        options.CancellationToken.ThrowIfCancellationRequested();

        long started = Stopwatch.GetTimestamp();
        int n = data.FeatureCount;
        var means = new float[n];
        var scales = new float[n];
        FeatureMatrix train = data;
        if (options.Standardize)
        {
            train = data.Clone();
            Standardize(train, means, scales);
        }
        else
        {
            scales.AsSpan().Fill(1f);
        }

        double[] w = ArrayPool<double>.Shared.Rent(n);
        double[] dw = ArrayPool<double>.Shared.Rent(n);
        float[] wSingle = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Span<double> wSpan = w.AsSpan(0, n);
            Span<double> dwSpan = dw.AsSpan(0, n);
            Span<float> wFloat = wSingle.AsSpan(0, n);
            InitializeWeights(wSpan, options.Seed);
            double b = 0d;

            var history = new List<double>(Math.Min(options.Epochs, 1 << 16) + 1);
            double alpha = options.LearningRate;
            StopReason reason = StopReason.MaxEpochs;
            double gradientNorm;
            int epoch = 0;
            while (true)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                for (int j = 0; j < n; j++)
                {
                    wFloat[j] = (float)wSpan[j];
                }

                double cost = LogisticKernels.Gradients<TKernel>(train, wFloat, (float)b, dwSpan, out double db, options.MaxDegreeOfParallelism);
                history.Add(cost);
                gradientNorm = Norm(dwSpan, db);

                bool last = epoch == options.Epochs;
                if (!last && options.Tolerance > 0d && gradientNorm <= options.Tolerance)
                {
                    reason = StopReason.Converged;
                    last = true;
                }

                if (options.Progress is { } progress && (last || (epoch > 0 && epoch % options.ProgressInterval == 0)))
                {
                    progress.Report(new TrainingProgress(epoch, cost, gradientNorm));
                }

                if (last)
                {
                    break;
                }

                for (int j = 0; j < n; j++)
                {
                    wSpan[j] -= alpha * dwSpan[j];
                }

                b -= alpha * db;
                epoch++;
            }

            // Fold the standardization back: w_j (x_j − μ_j)/s_j = (w_j/s_j) x_j − w_j μ_j/s_j.
            for (int j = 0; j < n; j++)
            {
                double raw = wSpan[j] / scales[j];
                weights[j] = (float)raw;
                b -= raw * means[j];
            }

            bias = (float)b;
            return new TrainingReport(history.ToArray(), reason, gradientNorm, Stopwatch.GetElapsedTime(started), means, scales);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(w);
            ArrayPool<double>.Shared.Return(dw);
            ArrayPool<float>.Shared.Return(wSingle);
        }
    }

    /// <summary>
    /// Replaces each feature x_j by (x_j − μ_j)/s_j in place, with μ_j the mean and s_j the
    /// population standard deviation (1 when it is 0), both computed in double by two passes.
    /// </summary>
    private static void Standardize(FeatureMatrix matrix, Span<float> means, Span<float> scales)
    {
        int m = matrix.SampleCount;
        for (int j = 0; j < matrix.FeatureCount; j++)
        {
            Span<float> row = matrix.Feature(j);
            double sum = 0d;
            foreach (float v in row)
            {
                sum += v;
            }

            double mean = sum / m;
            double squares = 0d;
            foreach (float v in row)
            {
                double d = v - mean;
                squares += d * d;
            }

            double std = Math.Sqrt(squares / m);
            float meanSingle = (float)mean;
            float scale = (float)std;
            if (scale == 0f)
            {
                // A constant feature (or a spread too small for a float) is only centred.
                scale = 1f;
            }

            means[j] = meanSingle;
            scales[j] = scale;

            // Standardize with the float mean and scale the report exposes, so folding back with
            // them describes exactly the model that was trained.
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (row[i] - meanSingle) / scale;
            }
        }
    }

    /// <summary>Zeros, or N(0, 0.01²) draws from a seeded <see cref="Random"/> (Box–Muller).</summary>
    private static void InitializeWeights(Span<double> w, int? seed)
    {
        if (seed is not int s)
        {
            w.Clear();
            return;
        }

        var random = new Random(s);
        for (int j = 0; j < w.Length; j += 2)
        {
            double u1 = 1d - random.NextDouble(); // (0, 1], so the log is finite
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2d * Math.Log(u1)) * InitialWeightStd;
            w[j] = radius * Math.Cos(2d * Math.PI * u2);
            if (j + 1 < w.Length)
            {
                w[j + 1] = radius * Math.Sin(2d * Math.PI * u2);
            }
        }
    }

    private static double Norm(ReadOnlySpan<double> dw, double db)
    {
        double sum = db * db;
        foreach (double d in dw)
        {
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
