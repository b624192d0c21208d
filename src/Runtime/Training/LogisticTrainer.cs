using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// Trains a logistic regression model. The default solver is Newton's method (L-BFGS for many
/// features); <see cref="Solver.GradientDescent"/> is the notes' batch gradient descent, where each
/// update computes <c>dw</c> and <c>db</c> over all m samples with the model's SIMD kernel
/// (<see cref="LogisticKernels.Gradients{TKernel}(FeatureMatrix, ReadOnlySpan{float}, float, Span{double}, out double, int)"/>),
/// then sets <c>w := w − α·dw</c> and <c>b := b − α·db</c>. Every solver minimizes the objective
/// described on <see cref="TrainingOptions"/>, on standardized features when
/// <see cref="TrainingOptions.Standardize"/> is on, and returns weights for raw features.
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
    /// <inheritdoc cref="Train{TKernel}(FeatureMatrix, ReadOnlySpan{float}, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)" path="/exception"/>
    public static TrainingReport Train(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias) =>
        Train<RuntimeKernel>(data, default, options, weights, out bias, featureNames: null);

    /// <summary>Trains on <paramref name="data"/> and writes the learned parameters; data errors name features by <paramref name="featureNames"/>.</summary>
    /// <inheritdoc cref="Train{TKernel}(FeatureMatrix, ReadOnlySpan{float}, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)"/>
    public static TrainingReport Train(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames) =>
        Train<RuntimeKernel>(data, default, options, weights, out bias, featureNames);

    /// <summary>Trains on <paramref name="data"/> with a weight per sample.</summary>
    /// <inheritdoc cref="Train{TKernel}(FeatureMatrix, ReadOnlySpan{float}, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)"/>
    public static TrainingReport Train(FeatureMatrix data, ReadOnlySpan<float> sampleWeights, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames = null) =>
        Train<RuntimeKernel>(data, sampleWeights, options, weights, out bias, featureNames);

    /// <summary>
    /// Trains on <paramref name="data"/> with a model's specialised kernel (generated models pass
    /// themselves), using up to <see cref="TrainingOptions.MaxDegreeOfParallelism"/> threads per epoch.
    /// </summary>
    /// <typeparam name="TKernel">The fused forward/backward kernel for the data's feature count.</typeparam>
    /// <inheritdoc cref="Train{TKernel}(FeatureMatrix, ReadOnlySpan{float}, TrainingOptions?, Span{float}, out float, IReadOnlyList{string}?)"/>
    public static TrainingReport Train<TKernel>(FeatureMatrix data, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames)
        where TKernel : ILogisticKernel =>
        Train<TKernel>(data, default, options, weights, out bias, featureNames);

    /// <summary>
    /// Trains on <paramref name="data"/>, each sample counting <paramref name="sampleWeights"/>[i]
    /// times (as scikit-learn's <c>sample_weight</c>), with a model's specialised kernel.
    /// </summary>
    /// <typeparam name="TKernel">The fused forward/backward kernel for the data's feature count.</typeparam>
    /// <param name="data">X (n, m) and Y. Never modified; standardization works on a copy.</param>
    /// <param name="sampleWeights">One weight per sample, finite and at least 0; empty for all 1.</param>
    /// <param name="options">The settings; null means the defaults.</param>
    /// <param name="weights">Receives the n learned weights, which apply to raw (unstandardized) features.</param>
    /// <param name="bias">Receives the learned bias, for raw features (0 without an intercept).</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <returns>What happened during training.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting in <paramref name="options"/> is invalid (the exception names it).</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have n elements, <paramref name="sampleWeights"/> is
    /// neither empty nor one per sample, or <paramref name="featureNames"/> does not have n names.</exception>
    /// <exception cref="LogisticDataException">A feature value is NaN or infinite, a label is not 0 or 1, a sample weight is
    /// negative or not finite, or only one class occurs (with positive weight); the message names the row and column.</exception>
    /// <exception cref="ArithmeticException">Gradient descent or SGD diverged (the learning rate is too large).</exception>
    /// <exception cref="OperationCanceledException"><see cref="TrainingOptions.CancellationToken"/> was cancelled.</exception>
    public static TrainingReport Train<TKernel>(FeatureMatrix data, ReadOnlySpan<float> sampleWeights, TrainingOptions? options, Span<float> weights, out float bias, IReadOnlyList<string>? featureNames)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TrainingOptions();
        options.Validate();
        ShapeGuard.FeatureCount(weights, data.FeatureCount);
        data.Validate(featureNames);
        double[]? s = EffectiveSampleWeights(data.Labels, sampleWeights, options);
        double totalWeight = CheckBothClasses(data.Labels, s);
        options.CancellationToken.ThrowIfCancellationRequested();

        long started = Stopwatch.GetTimestamp();
        int n = data.FeatureCount;
        var means = new float[n];
        var scales = new float[n];
        FeatureMatrix train = data;
        if (options.Standardize)
        {
            train = data.Clone();
            Standardize(train, means, scales, center: options.FitIntercept);
        }
        else
        {
            scales.AsSpan().Fill(1f);
        }

        // λ on the mean scale of J; scikit-learn's C means λ = 1/(C·S).
        double lambda = options.C is double c ? (double.IsPositiveInfinity(c) ? 0d : 1d / (c * totalWeight)) : options.L2;
        Solver solver = options.ResolveSolver(n);
        var theta = new double[n + 1];
        var history = new List<double>(Math.Min(options.Epochs, 1 << 16) + 1);
        StopReason reason;
        double gradientNorm;
        if (solver == Solver.GradientDescent)
        {
            InitializeWeights(theta.AsSpan(0, n), options.Seed);
            GradientSource source = s is null
                ? new KernelGradients<TKernel>(train, lambda, options.MaxDegreeOfParallelism)
                : new ObjectiveGradients(new KernelLogisticObjective<TKernel>(train, s, totalWeight, lambda * totalWeight, options.FitIntercept, options.MaxDegreeOfParallelism), totalWeight);
            (reason, gradientNorm) = GradientDescent(source, options, theta, history);
        }
        else
        {
            // Newton and L-BFGS: the model's double-precision kernels. SGD needs gradients of random
            // mini-batches, which the dense reference objective provides.
            ILogisticObjective objective = solver == Solver.StochasticGradientDescent
                ? DenseLogisticObjective.FromMatrix(train, s, lambda * totalWeight, options.FitIntercept)
                : new KernelLogisticObjective<TKernel>(train, s, totalWeight, lambda * totalWeight, options.FitIntercept, options.MaxDegreeOfParallelism);
            (reason, gradientNorm) = Minimize(objective, totalWeight, options.FitIntercept, solver, options, theta, history);
        }

        // Fold the standardization back: w_j (x_j − μ_j)/s_j = (w_j/s_j) x_j − w_j μ_j/s_j.
        double b = theta[n];
        for (int j = 0; j < n; j++)
        {
            double raw = theta[j] / scales[j];
            weights[j] = (float)raw;
            b -= raw * means[j];
        }

        bias = (float)b;
        return new TrainingReport(history.ToArray(), reason, gradientNorm, Stopwatch.GetElapsedTime(started), means, scales, solver);
    }

    /// <summary>
    /// The notes' batch gradient descent on θ = (w, b): cost and gradient from <paramref name="source"/>,
    /// then θ := θ − α_e·∇, with α_e = α / (1 + decay·e).
    /// </summary>
    private static (StopReason Reason, double GradientNorm) GradientDescent(GradientSource source, TrainingOptions options, double[] theta, List<double> history)
    {
        int n = theta.Length - 1;
        var gradient = new double[n + 1];
        StopReason reason = StopReason.MaxEpochs;
        double gradientNorm;
        int epoch = 0;
        while (true)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            double cost = source.Evaluate(theta, gradient);
            if (!options.FitIntercept)
            {
                gradient[n] = 0d;
            }

            history.Add(cost);
            gradientNorm = Norm(gradient);
            if (!double.IsFinite(cost) || !double.IsFinite(gradientNorm))
            {
                throw new ArithmeticException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Gradient descent diverged: the cost became {cost} after {epoch} epochs; use a smaller LearningRate (it is {options.LearningRate})."));
            }

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
                return (reason, gradientNorm);
            }

            double alpha = options.LearningRate / (1d + (options.LearningRateDecay * epoch));
            for (int j = 0; j <= n; j++)
            {
                theta[j] -= alpha * gradient[j];
            }

            epoch++;
        }
    }

    /// <summary>
    /// Newton's method, L-BFGS or SGD on the sum-scale objective F = S·(J + (λ/2)‖w‖²); the
    /// history, progress and tolerance are on the mean scale F/S, as for gradient descent.
    /// </summary>
    private static (StopReason Reason, double GradientNorm) Minimize(ILogisticObjective objective, double scale, bool fitIntercept, Solver solver, TrainingOptions options, double[] theta, List<double> history)
    {
        var progress = new ProgressRelay(options, scale, history);
        double tolerance = options.Tolerance * scale;
        var parameters = new double[objective.Dimension];
        SolverResult result = solver switch
        {
            Solver.Newton => new NewtonSolver
            {
                Tolerance = tolerance, MaxIterations = options.Epochs, Progress = progress, CancellationToken = options.CancellationToken,
            }.Minimize(objective, parameters),
            Solver.Lbfgs => new LbfgsSolver
            {
                Tolerance = tolerance, MaxIterations = options.Epochs, Progress = progress, CancellationToken = options.CancellationToken,
            }.Minimize(objective, parameters),
            _ => new StochasticGradientSolver
            {
                Tolerance = tolerance,
                MaxIterations = options.Epochs,
                Progress = progress,
                CancellationToken = options.CancellationToken,
                LearningRate = options.LearningRate,
                Decay = options.LearningRateDecay,
                BatchSize = options.BatchSize,
                Seed = options.Seed ?? 0,
            }.Minimize((IStochasticObjective)objective, parameters),
        };

        progress.ReportLast(result.Iterations);
        int n = theta.Length - 1;
        parameters.AsSpan(0, n).CopyTo(theta);
        theta[n] = fitIntercept ? parameters[n] : 0d;
        StopReason reason = result.Reason switch
        {
            SolverStopReason.Converged => StopReason.Converged,
            SolverStopReason.MaxIterations => StopReason.MaxEpochs,
            _ => StopReason.NoFurtherProgress,
        };

        return (reason, result.GradientNorm / scale);
    }

    /// <summary>
    /// The sample weights with the class weights multiplied in, or null when every sample weighs 1
    /// (so gradient descent can use the unweighted SIMD kernel).
    /// </summary>
    private static double[]? EffectiveSampleWeights(ReadOnlySpan<float> labels, ReadOnlySpan<float> sampleWeights, TrainingOptions options)
    {
        int m = labels.Length;
        if (!sampleWeights.IsEmpty)
        {
            ShapeGuard.SameLength(m, sampleWeights.Length, nameof(sampleWeights));
        }

        ClassWeights? classWeights = options.BalancedClassWeights ? ClassWeights.Balanced(labels) : options.ClassWeights;
        if (sampleWeights.IsEmpty && classWeights is null)
        {
            return null;
        }

        var s = new double[m];
        for (int i = 0; i < m; i++)
        {
            s[i] = sampleWeights.IsEmpty ? 1d : ShapeGuard.SampleWeight(sampleWeights[i], i);
        }

        classWeights?.Apply(labels, s);
        return s;
    }

    /// <summary>Throws unless both classes carry positive weight; returns the total weight S.</summary>
    private static double CheckBothClasses(ReadOnlySpan<float> labels, double[]? s)
    {
        double positive = 0d, negative = 0d;
        for (int i = 0; i < labels.Length; i++)
        {
            double weight = s is null ? 1d : s[i];
            if (labels[i] == 1f)
            {
                positive += weight;
            }
            else
            {
                negative += weight;
            }
        }

        if (!(positive > 0d && negative > 0d))
        {
            throw new LogisticDataException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Column 'label': only class {(positive > 0d ? 1 : 0)} occurs (with positive weight) in the {labels.Length} rows; logistic regression needs samples of both classes."),
                row: null,
                "label");
        }

        return positive + negative;
    }

    /// <summary>The cost and gradient (∂/∂w, then ∂/∂b) of the mean-scale objective at θ = (w, b).</summary>
    private abstract class GradientSource
    {
        public abstract double Evaluate(double[] theta, double[] gradient);
    }

    /// <summary>Unweighted: one pass of the model's SIMD kernel, plus the L2 term.</summary>
    private sealed class KernelGradients<TKernel> : GradientSource
        where TKernel : ILogisticKernel
    {
        private readonly FeatureMatrix _data;
        private readonly double _lambda;
        private readonly int _threads;
        private readonly float[] _w;
        private readonly double[] _dw;

        public KernelGradients(FeatureMatrix data, double lambda, int threads)
        {
            _data = data;
            _lambda = lambda;
            _threads = threads;
            _w = new float[data.FeatureCount];
            _dw = new double[data.FeatureCount];
        }

        public override double Evaluate(double[] theta, double[] gradient)
        {
            int n = _w.Length;
            double penalty = 0d;
            for (int j = 0; j < n; j++)
            {
                _w[j] = (float)theta[j];
                penalty += theta[j] * theta[j];
            }

            double cost = LogisticKernels.Gradients<TKernel>(_data, _w, (float)theta[n], _dw, out double db, _threads);
            for (int j = 0; j < n; j++)
            {
                gradient[j] = _dw[j] + (_lambda * theta[j]);
            }

            gradient[n] = db;
            return cost + (0.5d * _lambda * penalty);
        }
    }

    /// <summary>Weighted: the double-precision objective, divided by the total weight S.</summary>
    private sealed class ObjectiveGradients : GradientSource
    {
        private readonly ILogisticObjective _objective;
        private readonly double _inverseWeight;
        private readonly double[] _parameters;
        private readonly double[] _gradient;

        public ObjectiveGradients(ILogisticObjective objective, double totalWeight)
        {
            _objective = objective;
            _inverseWeight = 1d / totalWeight;
            _parameters = new double[objective.Dimension];
            _gradient = new double[objective.Dimension];
        }

        public override double Evaluate(double[] theta, double[] gradient)
        {
            // θ is (w, b); without an intercept the objective's parameters are w alone.
            theta.AsSpan(0, _parameters.Length).CopyTo(_parameters);
            double value = _objective.ValueAndGradient(_parameters, _gradient);
            Array.Clear(gradient);
            for (int j = 0; j < _gradient.Length; j++)
            {
                gradient[j] = _gradient[j] * _inverseWeight;
            }

            return value * _inverseWeight;
        }
    }

    /// <summary>Records the mean-scale cost of every iteration and forwards every k-th (and the last) to the user.</summary>
    private sealed class ProgressRelay : IProgress<SolverProgress>
    {
        private readonly TrainingOptions _options;
        private readonly double _scale;
        private readonly List<double> _history;
        private SolverProgress _latest;
        private int _lastReported = -1;

        public ProgressRelay(TrainingOptions options, double scale, List<double> history)
        {
            _options = options;
            _scale = scale;
            _history = history;
        }

        public void Report(SolverProgress value)
        {
            _latest = value;
            _history.Add(value.Value / _scale);
            if (value.Iteration > 0 && value.Iteration % _options.ProgressInterval == 0)
            {
                Forward(value);
            }
        }

        public void ReportLast(int iterations)
        {
            if (_lastReported != iterations && _latest.Iteration == iterations)
            {
                Forward(_latest);
            }
        }

        private void Forward(SolverProgress value)
        {
            _lastReported = value.Iteration;
            _options.Progress?.Report(new TrainingProgress(value.Iteration, value.Value / _scale, value.GradientNorm / _scale));
        }
    }

    /// <summary>
    /// Replaces each feature x_j by (x_j − μ_j)/s_j in place, with μ_j the mean (0 when not
    /// <paramref name="center"/>ing, for a model without intercept) and s_j the population standard
    /// deviation (1 when it is 0), both computed in double by two passes.
    /// </summary>
    private static void Standardize(FeatureMatrix matrix, Span<float> means, Span<float> scales, bool center)
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
            float meanSingle = center ? (float)mean : 0f;
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

    private static double Norm(ReadOnlySpan<double> gradient)
    {
        double sum = 0d;
        foreach (double d in gradient)
        {
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
