using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// Trains a logistic regression model: validates the data and options, standardizes the features
/// (on a copy), builds the one objective (<see cref="LogisticObjective{TKernel}"/>, on the model's
/// generated kernels), runs the chosen solver on it and folds the standardization back into the
/// weights. The default solver is Newton's method (L-BFGS for many features);
/// <see cref="Solver.GradientDescent"/> is the notes' batch gradient descent,
/// <c>w := w − α·dw</c> and <c>b := b − α·db</c>. Every solver minimizes the objective described on
/// <see cref="TrainingOptions"/> and reports its progress the same way.
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
        long entered = Stopwatch.GetTimestamp();
        options ??= new TrainingOptions();
        options.Validate();
        ShapeGuard.FeatureCount(weights, data.FeatureCount);
        // With standardization the statistics' pass tells whether X is finite, so X is scanned only when it is not.
        data.Validate(featureNames, classCount: 2, options.MaxDegreeOfParallelism, scanValues: !options.Standardize);
        var raw = new double[data.FeatureCount];
        double[]? theta = null;
        TrainingReport report = Fit<TKernel>(data, sampleWeights, options, ref theta, raw, out double rawBias, entered, options.Standardize ? new UncheckedValues(featureNames) : null);
        ToSingles(raw, weights);
        bias = (float)rawBias;
        return report;
    }

    /// <summary>
    /// Everything of <c>Train</c> after the options, shapes and data are checked: the effective sample
    /// weights, standardization, the solve and the fold back to raw parameters (in double). Cross-validation
    /// calls it once per fold and C, carrying <paramref name="theta"/> from one C to the next as a warm start.
    /// </summary>
    /// <param name="data">X and Y, already validated.</param>
    /// <param name="sampleWeights">One weight per sample, or empty.</param>
    /// <param name="options">The validated settings.</param>
    /// <param name="theta">The start in the standardized space, overwritten with the optimum; null for the usual start, and then set to the optimum.</param>
    /// <param name="raw">Receives the n weights for raw features.</param>
    /// <param name="rawBias">Receives the bias for raw features.</param>
    /// <param name="entered">When the caller was entered (the report's validation time runs from it).</param>
    /// <param name="unchecked">When X's values are not yet known to be finite (the caller standardizes): the names to report a bad one by.</param>
    internal static TrainingReport Fit<TKernel>(FeatureMatrix data, ReadOnlySpan<float> sampleWeights, TrainingOptions options, ref double[]? theta, Span<double> raw, out double rawBias, long entered, UncheckedValues? @unchecked = null)
        where TKernel : ILogisticKernel
    {
        double[]? s = EffectiveSampleWeights(data.Labels, sampleWeights, options);
        double totalWeight = CheckBothClasses(data.Labels, s);
        options.CancellationToken.ThrowIfCancellationRequested();

        long started = Stopwatch.GetTimestamp();
        int n = data.FeatureCount;
        (float[] means, float[] scales) = FeatureScaling.ForTraining(data, options);
        @unchecked?.Check(data, means, scales, classCount: 2, options.MaxDegreeOfParallelism);
        Solver solver = options.ResolveSolver(n);

        // The double-precision kernels read raw X exactly and the objective folds the scaling in;
        // the float kernel of gradient descent needs standardized values (a raw offset would cancel in float z).
        bool folded = options.Standardize && solver != Solver.GradientDescent;
        FeatureMatrix train = data;
        if (options.Standardize && !folded)
        {
            train = data.Clone();
            FeatureScaling.Apply(train, means, scales);
        }

        double[] meansExact = Array.ConvertAll(means, static v => (double)v);
        double[] scalesExact = Array.ConvertAll(scales, static v => (double)v);
        (double l2, double l1) = L2Penalty.From(options, totalWeight);
        var objective = new LogisticObjective<TKernel>(
            train,
            s,
            totalWeight,
            l2,
            options.FitIntercept,
            options.MaxDegreeOfParallelism,
            solver == Solver.GradientDescent ? ObjectivePrecision.Single : ObjectivePrecision.Double,
            folded ? meansExact : null,
            folded ? scalesExact : null);
        bool warm = theta is not null;
        theta ??= new double[objective.Dimension];
        if (solver == Solver.GradientDescent && !warm)
        {
            InitializeWeights(theta.AsSpan(0, n), options.Seed);
        }

        var history = new List<double>(Math.Min(options.Epochs, 1 << 16) + 1);
        long solving = Stopwatch.GetTimestamp();
        (StopReason reason, double gradientNorm) = Minimize(objective, solver, options, theta, history, subsampleWarmStart: !warm, l1, n);
        TimeSpan solverTime = Stopwatch.GetElapsedTime(solving);

        // Fold the standardization back, as the objective does on every evaluation.
        rawBias = FeatureScaling.ToRaw(theta, options.FitIntercept, meansExact, scalesExact, raw);
        return Report(objective, history, reason, gradientNorm, (entered, started, solving), solverTime, means, scales, solver, CountZeros(raw));
    }

    /// <summary>
    /// The report of a finished <c>Train</c>: the cost history and stopping reason, the scaling, and
    /// where the time went (validation until <c>started</c>, setup until <c>solving</c>, then the
    /// objective's passes and the solver's own arithmetic).
    /// </summary>
    internal static TrainingReport Report(IPassTimings passes, List<double> history, StopReason reason, double gradientNorm, (long Entered, long Started, long Solving) timestamps, TimeSpan solverTime, float[] means, float[] scales, Solver solver, int zeroWeights)
    {
        // One end for both totals, so the whole call (from Entered) is never shorter than the part after
        // validation (from Started), as it could be when each read the clock itself.
        long finished = Stopwatch.GetTimestamp();
        var phases = new TrainingPhases(
            Stopwatch.GetElapsedTime(timestamps.Entered, timestamps.Started),
            Stopwatch.GetElapsedTime(timestamps.Started, timestamps.Solving),
            passes.GradientPassTime,
            passes.GradientPasses,
            passes.HessianPassTime,
            passes.HessianPasses,
            TimeSpan.FromTicks(Math.Max(0L, (solverTime - passes.GradientPassTime - passes.HessianPassTime).Ticks)),
            Stopwatch.GetElapsedTime(timestamps.Entered, finished));
        return new TrainingReport(history.ToArray(), reason, gradientNorm, Stopwatch.GetElapsedTime(timestamps.Started, finished), means, scales, solver, phases, zeroWeights);
    }

    /// <summary>
    /// X's values not yet scanned: the standardization statistics, whose double sums are finite exactly when every
    /// value is (2³¹ floats of at most 3.4·10³⁸, or their squares, cannot overflow a double), stand in for the scan;
    /// when a mean or scale is not finite, the scan runs to name the first bad value.
    /// </summary>
    internal sealed class UncheckedValues(IReadOnlyList<string>? featureNames)
    {
        /// <summary>Throws <see cref="LogisticDataException"/> for the first bad value when the statistics say there is one.</summary>
        public void Check(FeatureMatrix data, ReadOnlySpan<float> means, ReadOnlySpan<float> scales, int classCount, int threads)
        {
            for (int j = 0; j < means.Length; j++)
            {
                if (!float.IsFinite(means[j]) || !float.IsFinite(scales[j]))
                {
                    data.Validate(featureNames, classCount, threads);
                    return;
                }
            }
        }
    }

    /// <summary>Rounds trained parameters to the model's floats: destination[i] = (float)source[i].</summary>
    internal static void ToSingles(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>The number of weights that are exactly 0.</summary>
    internal static int CountZeros(ReadOnlySpan<double> weights)
    {
        int zeros = 0;
        foreach (double w in weights)
        {
            zeros += w == 0d ? 1 : 0;
        }

        return zeros;
    }

    /// <summary>
    /// Runs the chosen solver on the sum-scale objective F = S·(J + (λ/2)‖w‖²); the history, the
    /// progress reports and the tolerance are on the mean scale F/S, the same for every solver.
    /// </summary>
    /// <param name="objective">F, on the sum scale.</param>
    /// <param name="solver">The resolved solver.</param>
    /// <param name="options">The settings (tolerance, iterations, progress, cancellation, learning rate).</param>
    /// <param name="theta">The start, overwritten with the result.</param>
    /// <param name="history">Receives the mean-scale objective after every iteration.</param>
    /// <param name="subsampleWarmStart">Whether Newton's method may start from a subsample's optimum (not when θ is already a warm start).</param>
    /// <param name="l1Strength">α of an L1 term α Σ |wⱼ| over the weights (proximal Newton only).</param>
    /// <param name="featureCount">n: θ is blocks of n weights, each then its intercept when fitted (one block, or K).</param>
    internal static (StopReason Reason, double GradientNorm) Minimize(ILogisticObjective objective, Solver solver, TrainingOptions options, double[] theta, List<double> history, bool subsampleWarmStart, double l1Strength, int featureCount)
    {
        double scale = objective.TotalWeight;
        var progress = new ProgressRelay(options, scale, history);
        IterativeSolver minimizer = solver switch
        {
            Solver.Newton => new NewtonSolver(),
            Solver.Lbfgs => new LbfgsSolver(),
            Solver.ProximalNewton => ProximalNewtonSolver.ForWeights(l1Strength, objective.Dimension, featureCount, options.FitIntercept),
            Solver.GradientDescent => new GradientDescentSolver { LearningRate = options.LearningRate, Decay = options.LearningRateDecay },
            _ => new StochasticGradientSolver { LearningRate = options.LearningRate, Decay = options.LearningRateDecay, BatchSize = options.BatchSize, Seed = options.Seed ?? 0 },
        };
        minimizer.Tolerance = options.Tolerance * scale;
        minimizer.MaxIterations = options.Epochs;
        minimizer.Progress = progress;
        minimizer.CancellationToken = options.CancellationToken;
        if (minimizer is NewtonSolver newton && subsampleWarmStart)
        {
            WarmStart(objective, newton, options, theta);
        }

        SolverResult result = minimizer.Minimize(objective, theta);
        progress.ReportLast(result.Iterations);
        StopReason reason = result.Reason switch
        {
            SolverStopReason.Converged => StopReason.Converged,
            SolverStopReason.MaxIterations => StopReason.MaxEpochs,
            _ => StopReason.NoFurtherProgress,
        };

        return (reason, result.GradientNorm / scale);
    }

    /// <summary>
    /// From this many samples on, Newton's method starts from the optimum of a subsample (<see cref="WarmStart"/>).
    /// </summary>
    internal const int WarmStartMinimumSamples = 16 * ChunkScheduler.ShardSize;

    /// <summary>The subsample of the warm start: the first 1/16 of every shard.</summary>
    private const int WarmStartFraction = 16;

    /// <summary>The subsample whose Hessian the full solve takes after its first step: the first 1/4 of every shard.</summary>
    private const int RefreshFraction = 4;

    /// <summary>The coarser subsample the warm start's subsample starts from: the first 1/64 of every shard.</summary>
    private const int CoarseWarmStartFraction = 64;

    /// <summary>From this many samples on (at least 8,192 in the coarse subsample), the warm start starts from a coarser one's optimum.</summary>
    internal const int CoarseWarmStartMinimumSamples = 32 * ChunkScheduler.ShardSize;

    /// <summary>Where a warm-start stage stops: this fraction of the total weight over √(its samples), its sampling error's scale.</summary>
    private const double StageToleranceFactor = 0.01;

    /// <summary>The most Newton iterations the warm start may take before it is abandoned.</summary>
    private const int WarmStartIterations = 12;

    /// <summary>
    /// Newton's method on a sixteenth of the samples (<see cref="ISubsampledObjective"/>), until its gradient is
    /// well inside its sampling error (<see cref="StageToleranceFactor"/>), from θ's start (from 524,288 samples
    /// on, from the optimum of a sixty-fourth, found the same way, where the global iterations from θ's start
    /// cost a quarter as much, and whose last exact Hessian the sixteenth's solve steps with, frozen and corrected);
    /// its optimum becomes the start of the full solve, and what it knows of the Hessian there (the approximation it
    /// ends with, or the last exact Hessian it stepped with, or after a single step a Hessian pass at its optimum)
    /// the full solve's first Hessian (<see cref="NewtonSolver.FrozenHessian"/>), which a quarter's Hessian replaces after the first step
    /// (<see cref="NewtonSolver.RefreshEvery"/>, from the pass of that step's gradient) and BFGS corrects after each later one. The subsample's optimum
    /// and Hessian lie within sampling error of the full ones, so the full solve converges in two or
    /// three gradient passes instead of five or six passes with a Hessian each, for the price of about a
    /// third of one. The answer is the full solve's, to the same tolerance, so it does not move; a
    /// subsample that does not converge (one that happens to be separable, say) is ignored and θ keeps its start.
    /// </summary>
    private static void WarmStart(ILogisticObjective objective, NewtonSolver solver, TrainingOptions options, double[] theta)
    {
        if (objective is not ISubsampledObjective subsampling || objective.SampleCount < WarmStartMinimumSamples)
        {
            return;
        }

        // A subsample's optimum lies within its sampling error of the full one, which a tighter solve does not
        // reduce: each stops once its gradient is well inside that error (a hundredth of S/√(its samples), S the
        // total weight), or at the full solve's tolerance if that is looser.
        NewtonSolver Stage(int fraction) => new()
        {
            Tolerance = Math.Max(solver.Tolerance, StageToleranceFactor * objective.TotalWeight / Math.Sqrt((double)objective.SampleCount / fraction)),
            MaxIterations = WarmStartIterations,
            CancellationToken = options.CancellationToken,
        };

        int d = objective.Dimension;
        var start = (double[])theta.Clone();
        double[]? coarseHessian = null;
        if (objective.SampleCount >= CoarseWarmStartMinimumSamples)
        {
            // Newton's first, global iterations on a quarter of the subsample: the subsample's own solve
            // then starts within sampling error of its optimum and takes two or three iterations, not six.
            // It keeps the last exact Hessian it stepped with, for the subsample's solve to step with.
            var coarse = (double[])start.Clone();
            try
            {
                NewtonSolver coarseStage = Stage(CoarseWarmStartFraction);
                coarseStage.LastHessian = new double[d * d];
                if (coarseStage.Minimize(subsampling.Subsampled(CoarseWarmStartFraction), coarse).Reason == SolverStopReason.Converged)
                {
                    coarse.CopyTo(start, 0);
                    coarseHessian = coarseStage.LastHessianIsSet ? coarseStage.LastHessian : null;
                }
            }
            catch (NotPositiveDefiniteException)
            {
                // The subsample's solve starts from θ's start instead.
            }
        }

        ILogisticObjective part = subsampling.Subsampled(WarmStartFraction);
        try
        {
            // The subsample's solve steps with the coarse stage's Hessian, frozen and BFGS-corrected, so its
            // iterations are gradient passes (a sixteenth's Hessian costs about three of its gradient passes);
            // it keeps a copy of any exact Hessian it steps with.
            NewtonSolver stage = Stage(WarmStartFraction);
            var hessian = new double[d * d];
            stage.LastHessian = hessian;
            stage.FrozenHessian = coarseHessian;
            var from = (double[])start.Clone();
            SolverResult solved;
            try
            {
                solved = stage.Minimize(part, start);
            }
            catch (NotPositiveDefiniteException) when (coarseHessian is not null)
            {
                // The coarse Hessian would not factor: the subsample's solve with exact Hessians, from the same start.
                from.CopyTo(start, 0);
                stage = Stage(WarmStartFraction);
                stage.LastHessian = hessian;
                solved = stage.Minimize(part, start);
            }

            if (solved.Reason == SolverStopReason.Converged)
            {
                start.CopyTo(theta, 0);

                // For the full solve's first step, factored, a Hessian within sampling error of the full one: after
                // two steps or more, the subsample's own knowledge of it (the approximation it was still stepping
                // with, BFGS-corrected up to 129 parameters, or the last exact Hessian it stepped with, one step
                // back), which costs no pass;
                // after one step that knowledge is the coarser stage's, twice as far off, and costs the full solve a
                // pass more (n = 4: three passes became four), so the subsample's Hessian at its optimum.
                if (solved.Iterations >= 2 && d <= NewtonSolver.FusedDimensionLimit && stage.CorrectedHessian is { } corrected)
                {
                    corrected.CopyTo(hessian, 0);
                }
                else if (solved.Iterations < 2 || !stage.LastHessianIsSet)
                {
                    part.Hessian(start, hessian);
                }

                solver.FrozenHessian = hessian;

                // After the full solve's first step, a quarter's Hessian there: nearer the optimum, from more
                // samples, it takes the following steps about twice as far as the sixteenth's. It comes from the
                // pass that evaluates the step's gradient, which computes the quarter's logits and reads its X anyway.
                solver.RefreshEvery = RefreshFraction;
            }
        }
        catch (NotPositiveDefiniteException)
        {
            // θ keeps its start; the full solve reports its own trouble, if any.
        }
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
        if (options.WeightsPerClass is { } perClass)
        {
            MultinomialTrainer.CheckClassCount(perClass, 2);
            classWeights = new ClassWeights(perClass[0], perClass[1]);
        }

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
        // The labels are already checked to be 0 or 1, so the sums need no branch (a random label
        // sequence would mispredict half of them): unweighted, positives are Σ y (exact, integers).
        double positive = 0d, negative = 0d;
        if (s is null)
        {
            positive = FloatKernels.Sum(labels);
            negative = labels.Length - positive;
        }
        else
        {
            for (int i = 0; i < labels.Length; i++)
            {
                double y = labels[i];
                positive += y * s[i];
                negative += (1d - y) * s[i];
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
}
