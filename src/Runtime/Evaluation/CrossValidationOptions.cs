using System;
using System.Collections.Generic;
using System.Threading;

namespace LogRegGen;

/// <summary>How cross-validation scores a C on a test fold.</summary>
public enum CrossValidationScoring
{
    /// <summary>The fraction of the fold's samples classified correctly (higher is better). The default, as scikit-learn's.</summary>
    Accuracy,

    /// <summary>The mean cross-entropy of the fold's predicted probabilities, computed in double from the logits (lower is better).</summary>
    LogLoss,

    /// <summary>The area under the ROC curve; for more than two classes the mean of the one-vs-rest areas (higher is better).</summary>
    RocAuc,
}

/// <summary>One fit of cross-validation done: fold <see cref="Fold"/> at <see cref="C"/>, and its score.</summary>
/// <param name="Completed">Fits done so far, including this one.</param>
/// <param name="Total">Fits in all: folds × Cs.</param>
/// <param name="Fold">The test fold, in [0, k).</param>
/// <param name="C">The C fitted.</param>
/// <param name="Score">Its score on the test fold.</param>
public readonly record struct CrossValidationProgress(int Completed, int Total, int Fold, double C, double Score);

/// <summary>
/// Settings of <see cref="CrossValidation"/>: the grid of C, the folds, the score, and the training
/// options every fit uses (with C set from the grid).
/// </summary>
public sealed class CrossValidationOptions
{
    /// <summary>
    /// scikit-learn's default grid, <c>np.logspace(-4, 4, 10)</c>: 10ᵉ for e = −4 + i·8/9, i = 0 … 9, the last exactly 10⁴.
    /// </summary>
    public static IReadOnlyList<double> DefaultCs { get; } = Array.AsReadOnly(LogSpace(-4d, 4d, 10));

    /// <summary>The values of C to try, each positive and finite, without repeats; null (the default) for <see cref="DefaultCs"/>.</summary>
    public IReadOnlyList<double>? Cs { get; init; }

    /// <summary>k, the number of stratified folds (<see cref="CrossValidation.StratifiedFolds"/>). At least 2; default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The score that chooses C. Default <see cref="CrossValidationScoring.Accuracy"/>.</summary>
    public CrossValidationScoring Scoring { get; init; }

    /// <summary>
    /// The options of every fit and of the refit, except C (the grid sets it, so <see cref="TrainingOptions.C"/> and
    /// <see cref="TrainingOptions.L2"/> must be unset), the threads (<see cref="MaxDegreeOfParallelism"/> shares them
    /// among the folds) and the cancellation (<see cref="CancellationToken"/>, when it can be cancelled). Null for the
    /// defaults. Their <see cref="TrainingOptions.Progress"/> reports the refit only. Each fold's training rows are
    /// copied, (k − 1)/k of X per fold running.
    /// </summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>Receives a report after every fit of a fold, from the thread that ran it.</summary>
    public IProgress<CrossValidationProgress>? Progress { get; init; }

    /// <summary>Checked before every fit and every solver iteration; cancellation makes cross-validation throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The most threads: -1 (the default) for one per processor. Folds are fitted in parallel, each on its share
    /// of the threads; every pass sums in an order fixed by the sample count alone, so the scores, the choice and
    /// the refitted model are the same bits on any number of threads.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        if (Folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds.");
        }

        if (!Enum.IsDefined(Scoring))
        {
            throw new ArgumentOutOfRangeException(nameof(Scoring), Scoring, "Scoring must be Accuracy, LogLoss or RocAuc.");
        }

        if (OptionRules.Check(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism) is { } rule)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, rule);
        }

        if (Cs is { } cs)
        {
            RegularizationPath.CheckGrid(cs, nameof(Cs));
        }

        Training?.ValidateForGrid(nameof(Training), "Cross-validation chooses C from Cs");
    }

    /// <summary>numpy's <c>logspace(start, stop, count)</c>: base 10 raised to <c>linspace</c>'s exponents (i·step + start, the last exactly <paramref name="stop"/>).</summary>
    private static double[] LogSpace(double start, double stop, int count)
    {
        double step = (stop - start) / (count - 1);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Pow(10d, i == count - 1 ? stop : (i * step) + start);
        }

        return values;
    }
}
