using System;
using System.Collections.Generic;
using System.Threading;

namespace LogRegGen;

/// <summary>
/// Settings for <see cref="LogisticTrainer"/> and the generated <c>Train</c> methods: the solver,
/// the objective (regularization, class weights, intercept) and the stopping rules. Immutable once
/// built; <see cref="Validate"/> checks every value.
/// </summary>
/// <remarks>
/// Every solver minimizes the same objective, the (weighted) mean cross-entropy plus an L2 penalty
/// on w (never on b): J(w, b) + (λ/2)‖w‖², with λ = <see cref="L2"/>, or λ = 1/(C·S) for
/// scikit-learn's <see cref="C"/> (S the total sample weight, m when unweighted); with <see cref="L1Ratio"/> ρ,
/// scikit-learn's elastic net, λ = (1 − ρ)/(C·S) plus (ρ/(C·S))‖w‖₁. It is convex, so every solver that
/// converges reaches the same weights.
/// </remarks>
public sealed class TrainingOptions
{
    /// <summary>The largest number of parameters (n, plus 1 with an intercept) for which <see cref="Solver.Auto"/> picks Newton's method.</summary>
    public const int AutoNewtonLimit = 512;

    private double? _c;
    private IProgress<TrainingProgress>? _progress;
    private int _threads = -1;
    private CancellationToken _cancellation;

    /// <summary>The solver. Default <see cref="Solver.Auto"/>: Newton's method up to <see cref="AutoNewtonLimit"/> parameters, else L-BFGS.</summary>
    public Solver Solver { get; init; } = Solver.Auto;

    /// <summary>
    /// The L2 strength λ on the notes' mean scale: minimize J(w, b) + (λ/2)‖w‖². Finite and at
    /// least 0; default 0 (no penalty). Cannot be combined with <see cref="C"/>.
    /// </summary>
    public double L2 { get; init; }

    /// <summary>
    /// scikit-learn's inverse regularization strength: minimize C·Σᵢ sᵢ·L⁽ⁱ⁾ + ½‖w‖², the objective
    /// of <c>LogisticRegression(C=...)</c>. Positive; null (the default) for none. Cannot be
    /// combined with a positive <see cref="L2"/>.
    /// </summary>
    public double? C { get => _c; init => _c = value; }

    /// <summary>
    /// The share ρ of the L1 penalty in scikit-learn's elastic net: minimize C·Σᵢ sᵢ·L⁽ⁱ⁾ + ((1 − ρ)/2)‖w‖² + ρ‖w‖₁
    /// (<c>penalty="elasticnet", l1_ratio=ρ</c>; ρ = 1 is <c>penalty="l1"</c>). Between 0 and 1; default 0, the L2
    /// penalty alone. A positive ρ needs <see cref="C"/>, and is solved by <see cref="Solver.ProximalNewton"/>
    /// (which <see cref="Solver.Auto"/> picks), reaching the exact optimum with exact zeros; the report counts them.
    /// </summary>
    public double L1Ratio { get; init; }

    /// <summary>Whether to learn the bias b (default true). When false, b = 0 and standardization only scales, without centring.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>
    /// Weights for the two classes, multiplied into each sample's weight. Null (the default) for
    /// none. Cannot be combined with <see cref="BalancedClassWeights"/>.
    /// </summary>
    public ClassWeights? ClassWeights { get; init; }

    /// <summary>
    /// The weight of each class k = 0 … K − 1, multiplied into the weight of its samples (scikit-learn's
    /// <c>class_weight</c> as a dict), for a model of any number of classes: a binary model's class 0 is
    /// false (0) and class 1 true (1); a multinomial model's classes are its enum's members in declaration
    /// order (its generated <c>WeightsPerClass(...)</c> builds this list by enum value). Each weight finite
    /// and at least 0; the count must be the model's number of classes. Null (the default) for none.
    /// Cannot be combined with <see cref="ClassWeights"/> or <see cref="BalancedClassWeights"/>.
    /// </summary>
    public IReadOnlyList<double>? WeightsPerClass { get; init; }

    /// <summary>
    /// scikit-learn's <c>class_weight="balanced"</c>: each class weighs m / (2·mₖ), computed from the
    /// training labels (see <see cref="LogRegGen.ClassWeights.Balanced"/>). Default false.
    /// </summary>
    public bool BalancedClassWeights { get; init; }

    /// <summary>The number of samples per step of <see cref="Solver.StochasticGradientDescent"/>. At least 1; default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// The decay d of the learning rate of gradient descent and SGD: epoch e uses α / (1 + d·e).
    /// Finite and at least 0; default 0, a constant rate.
    /// </summary>
    public double LearningRateDecay { get; init; }

    /// <summary>
    /// The learning rate α in <c>w := w − α·dw</c>, <c>b := b − α·db</c>, for gradient descent and
    /// SGD (Newton and L-BFGS choose their own steps). Must be positive and finite. Default 0.1.
    /// </summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The maximum number of updates: epochs for gradient descent and SGD, iterations for Newton and L-BFGS. Must be positive. Default 1000.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>
    /// Training stops early once the gradient of the mean-scale objective is this small: its
    /// Euclidean norm ‖(dw, db)‖ for gradient descent, its largest component for Newton, L-BFGS and
    /// SGD (checked after each epoch). Must be finite and non-negative; 0 disables the early stop.
    /// Default 1e−6.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// Null (the default) starts gradient descent from w = 0, b = 0, as in the notes. A value starts
    /// it from small random weights drawn from N(0, 0.01²) by a <see cref="Random"/> with this seed,
    /// so runs with the same seed are identical. SGD shuffles with this seed (0 when null); Newton
    /// and L-BFGS always start from 0.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>
    /// When true (the default), training runs on standardized features (x − mean)/std (population
    /// std per feature, 1 for a constant feature), and the learned weights are folded back so they
    /// apply to raw features.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Receives a <see cref="TrainingProgress"/> every <see cref="ProgressInterval"/> updates and after the last one, on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get => _progress; init => _progress = value; }

    /// <summary>How many updates pass between progress reports. Must be positive. Default 100.</summary>
    public int ProgressInterval { get; init; } = 100;

    /// <summary>Checked before every update; cancellation makes training throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get => _cancellation; init => _cancellation = value; }

    /// <summary>
    /// The most threads one epoch may use: -1 (the default) for one per processor, or a positive
    /// number. Each thread sums the gradient over its own contiguous range of samples and the
    /// partial sums are combined in a fixed order, so the same data, options and thread count give
    /// the same model. Data sets of under 16,384 samples use one thread.
    /// </summary>
    public int MaxDegreeOfParallelism { get => _threads; init => _threads = value; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the exception's
    /// <see cref="ArgumentException.ParamName"/> is the property's name and
    /// <see cref="ArgumentOutOfRangeException.ActualValue"/> the bad value.</exception>
    public void Validate()
    {
        // The rules and their messages are in OptionRules (src/Shared), which the analyzers share (LRG018).
        Require(nameof(LearningRate), LearningRate, LearningRate);
        Require(nameof(Epochs), Epochs, Epochs);
        Require(nameof(Tolerance), Tolerance, Tolerance);
        Require(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, MaxDegreeOfParallelism);
        Require(nameof(ProgressInterval), ProgressInterval, ProgressInterval);

        if (!Enum.IsDefined(Solver))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), Solver, OptionRules.Solver);
        }

        Require(nameof(L2), L2, L2);
        if (C is double c)
        {
            Require(nameof(C), c, c);
        }

        if (C is not null && L2 > 0d)
        {
            throw new ArgumentOutOfRangeException(nameof(C), C, OptionRules.CWithL2);
        }

        if (ClassWeights is { } weights && !(weights.Negative >= 0d && double.IsFinite(weights.Negative) && weights.Positive >= 0d && double.IsFinite(weights.Positive)))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), weights, OptionRules.ClassWeights);
        }

        if (ClassWeights is not null && BalancedClassWeights)
        {
            throw new ArgumentOutOfRangeException(nameof(BalancedClassWeights), BalancedClassWeights, OptionRules.ClassWeightsWithBalanced);
        }

        if (WeightsPerClass is { } perClass)
        {
            if (ClassWeights is not null || BalancedClassWeights)
            {
                throw new ArgumentOutOfRangeException(nameof(WeightsPerClass), perClass, OptionRules.WeightsPerClassWithOthers);
            }

            for (int k = 0; k < perClass.Count; k++)
            {
                if (!(perClass[k] >= 0d && double.IsFinite(perClass[k])))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(WeightsPerClass),
                        perClass[k],
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{OptionRules.ClassWeights}; class {k} has {perClass[k]}."));
                }
            }
        }

        Require(nameof(L1Ratio), L1Ratio, L1Ratio);
        if (L1Ratio > 0d && C is null)
        {
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio, OptionRules.L1RatioWithoutC);
        }

        if (L1Ratio > 0d && Solver is not (Solver.Auto or Solver.ProximalNewton))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), Solver, OptionRules.L1RatioSolver);
        }

        Require(nameof(BatchSize), BatchSize, BatchSize);
        Require(nameof(LearningRateDecay), LearningRateDecay, LearningRateDecay);
    }

    /// <summary>
    /// Checks every setting as <see cref="Validate"/> does, and that C and L2 are unset, for a caller that sets C itself
    /// from a grid (cross-validation, a regularization path); <see cref="L1Ratio"/> may be set without C then.
    /// </summary>
    /// <param name="paramName">The name of the options' parameter or property, for the exception.</param>
    /// <param name="who">Who sets C, for the message.</param>
    internal void ValidateForGrid(string paramName, string who)
    {
        if (C is not null || L2 > 0d)
        {
            throw new ArgumentOutOfRangeException(paramName, C is double c ? c : L2, who + ": leave C and L2 unset.");
        }

        WithC(1d, MaxDegreeOfParallelism, CancellationToken, progress: false).Validate();
    }

    /// <summary>Throws when <paramref name="value"/> breaks the rule of <paramref name="option"/>, with the rule as the message.</summary>
    private static void Require(string option, double value, object actualValue)
    {
        if (OptionRules.Check(option, value) is { } rule)
        {
            throw new ArgumentOutOfRangeException(option, actualValue, rule);
        }
    }

    /// <summary>
    /// A copy with C set, at most <paramref name="threads"/> threads per pass and the given cancellation,
    /// reporting progress only when <paramref name="progress"/>: one fit of cross-validation's grid, or its refit.
    /// </summary>
    internal TrainingOptions WithC(double c, int threads, CancellationToken cancellation, bool progress)
    {
        var copy = (TrainingOptions)MemberwiseClone();
        copy._c = c;
        copy._threads = threads;
        copy._cancellation = cancellation;
        if (!progress)
        {
            copy._progress = null;
        }

        return copy;
    }

    /// <summary>The solver <see cref="Solver.Auto"/> stands for with this many features.</summary>
    /// <param name="featureCount">n.</param>
    /// <returns>The solver that <see cref="LogisticTrainer"/> runs.</returns>
    public Solver ResolveSolver(int featureCount) => ResolveSolver(featureCount + (FitIntercept ? 1 : 0), AutoNewtonLimit);

    /// <summary>
    /// The solver <see cref="Solver.Auto"/> stands for with this many parameters: proximal Newton with an L1 penalty,
    /// else Newton's method up to <paramref name="newtonLimit"/> parameters (the binary and the multinomial limits
    /// differ), else L-BFGS.
    /// </summary>
    internal Solver ResolveSolver(int dimension, int newtonLimit) => Solver != Solver.Auto
        ? Solver
        : L1Ratio > 0d ? Solver.ProximalNewton
        : dimension <= newtonLimit ? Solver.Newton : Solver.Lbfgs;
}
