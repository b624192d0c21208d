using System;
using System.Threading;

namespace LogRegGen;

/// <summary>
/// Settings for batch gradient descent (<see cref="LogisticTrainer"/>). Immutable once built;
/// <see cref="Validate"/> checks every value.
/// </summary>
public sealed class TrainingOptions
{
    /// <summary>The learning rate α in <c>w := w − α·dw</c>, <c>b := b − α·db</c>. Must be positive and finite. Default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The maximum number of gradient-descent updates. Must be positive. Default 1000.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>
    /// Training stops early once the gradient's Euclidean norm ‖(dw, db)‖ is at most this value.
    /// Must be finite and non-negative; 0 disables the early stop. Default 1e−6.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// Null (the default) starts from w = 0, b = 0, as in the notes. A value starts from small
    /// random weights drawn from N(0, 0.01²) by a <see cref="Random"/> with this seed, so runs with
    /// the same seed are identical.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>
    /// When true (the default), training runs on standardized features (x − mean)/std (population
    /// std per feature, 1 for a constant feature), and the learned weights are folded back so they
    /// apply to raw features.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Receives a <see cref="TrainingProgress"/> every <see cref="ProgressInterval"/> updates and after the last one, on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>How many updates pass between progress reports. Must be positive. Default 100.</summary>
    public int ProgressInterval { get; init; } = 100;

    /// <summary>Checked before every update; cancellation makes training throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The most threads one epoch may use: -1 (the default) for one per processor, or a positive
    /// number. Each thread sums the gradient over its own contiguous range of samples and the
    /// partial sums are combined in a fixed order, so the same data, options and thread count give
    /// the same model. Data sets of under 16,384 samples use one thread.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the exception's
    /// <see cref="ArgumentException.ParamName"/> is the property's name and
    /// <see cref="ArgumentOutOfRangeException.ActualValue"/> the bad value.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0d) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a positive, finite number.");
        }

        if (Epochs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (!(Tolerance >= 0d) || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number >= 0 (0 disables the early stop).");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (one thread per processor) or at least 1.");
        }

        if (ProgressInterval <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "ProgressInterval must be at least 1.");
        }
    }
}
