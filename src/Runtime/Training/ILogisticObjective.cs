using System;

namespace LogRegGen.Optimization;

/// <summary>
/// The training objective over the parameter vector θ = [w₀, …, wₙ₋₁, b] (the bias last, and absent
/// when the intercept is not fitted), as every solver sees it: the value, the gradient, the Hessian,
/// and the estimates from a range of samples that stochastic gradient descent steps on.
/// </summary>
/// <remarks>
/// The convention is the sum scale used by scikit-learn 1.2: F(θ) = Σᵢ sᵢ·L(zᵢ, yᵢ) + (λ/2)‖w‖²,
/// with zᵢ = wᵀx⁽ⁱ⁾ + b, L the notes' cross-entropy, sᵢ the sample weights and λ the L2 strength
/// (<see cref="L2Penalty"/> maps C and the mean-scale L2 option to λ). The bias is never
/// penalized. F/S, with S = Σᵢ sᵢ, is the notes' mean cost J plus the mean-scale penalty.
/// Implementations may keep scratch buffers, so one instance must not be used from two threads at once.
/// The production implementation is <see cref="LogisticObjective{TKernel}"/>.
/// </remarks>
internal interface ILogisticObjective
{
    /// <summary>The number of parameters: n, plus 1 when the intercept is fitted.</summary>
    int Dimension { get; }

    /// <summary>The number of samples m.</summary>
    int SampleCount { get; }

    /// <summary>The sum of the sample weights S = Σᵢ sᵢ (m when unweighted): the factor between F and the notes' mean cost.</summary>
    double TotalWeight { get; }

    /// <summary>Evaluates F(θ) and writes ∇F(θ).</summary>
    /// <param name="theta">The parameters, of length <see cref="Dimension"/>.</param>
    /// <param name="gradient">Receives ∇F(θ), of length <see cref="Dimension"/>.</param>
    /// <returns>F(θ).</returns>
    double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>Writes the Hessian ∇²F(θ), a symmetric d × d matrix in row-major order (d = <see cref="Dimension"/>).</summary>
    /// <param name="theta">The parameters, of length d.</param>
    /// <param name="hessian">Receives the d × d Hessian, row-major; both triangles are written.</param>
    void Hessian(ReadOnlySpan<double> theta, Span<double> hessian);

    /// <summary>Evaluates F(θ) and writes ∇F(θ) and ∇²F(θ), in one pass over the data where the implementation can.</summary>
    /// <param name="theta">The parameters, of length d = <see cref="Dimension"/>.</param>
    /// <param name="gradient">Receives ∇F(θ), of length d.</param>
    /// <param name="hessian">Receives the d × d Hessian, row-major, both triangles.</param>
    /// <returns>F(θ).</returns>
    double ValueGradientAndHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian);

    /// <summary>
    /// Estimates F(θ) and ∇F(θ) from the samples B = [start, end):
    /// (m / |B|)·Σ_{i∈B} sᵢ·Lᵢ + (λ/2)‖w‖² and its gradient, unbiased when B is a range of samples in
    /// random order (see <see cref="Shuffled"/>).
    /// </summary>
    /// <param name="theta">The parameters, of length <see cref="Dimension"/>.</param>
    /// <param name="start">The first sample of the batch.</param>
    /// <param name="end">One past the last sample; more than <paramref name="start"/>.</param>
    /// <param name="gradient">Receives the gradient estimate.</param>
    /// <returns>The value estimate.</returns>
    double BatchValueAndGradient(ReadOnlySpan<double> theta, int start, int end, Span<double> gradient);

    /// <summary>
    /// The same objective over a copy of the samples in an order drawn from <paramref name="random"/>,
    /// so that consecutive ranges of it are random mini-batches.
    /// </summary>
    /// <param name="random">The source of the permutation.</param>
    /// <param name="reuse">A copy returned by an earlier call on this objective, whose storage is
    /// overwritten instead of allocating another; or null.</param>
    /// <returns>An objective with the same F, on shuffled data.</returns>
    ILogisticObjective Shuffled(Random random, ILogisticObjective? reuse);
}

/// <summary>An objective whose Hessian can be estimated from a part of its samples.</summary>
internal interface ISubsampledObjective
{
    /// <summary>
    /// The same objective on the first 1/<paramref name="every"/> of each <see cref="ChunkScheduler"/>
    /// shard's samples, its data sums scaled by m / (samples used) so that it estimates F on the same
    /// scale. Its passes add their time to this objective's.
    /// </summary>
    /// <param name="every">The fraction's denominator, at least 2.</param>
    /// <returns>The subsampled objective.</returns>
    ILogisticObjective Subsampled(int every);

    /// <summary>Whether this objective is itself a subsample (<see cref="Subsampled"/>), which has none of its own.</summary>
    bool IsSubsample { get; }

    /// <summary>
    /// F and ∇F at θ over every sample, and in the same pass the Hessian of <see cref="Subsampled"/>(<paramref name="every"/>)
    /// at θ: the subsample's curvatures come from the logits the gradient needs, and its X from the same read.
    /// </summary>
    /// <param name="theta">θ.</param>
    /// <param name="gradient">Receives ∇F.</param>
    /// <param name="hessian">Receives the subsample's Hessian estimate (d × d, row-major).</param>
    /// <param name="every">The subsample's fraction's denominator, at least 2.</param>
    /// <returns>F at θ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is less than 2.</exception>
    /// <exception cref="InvalidOperationException">This objective is itself a subsample (<see cref="IsSubsample"/>).</exception>
    double ValueGradientAndSubsampledHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, int every);
}

/// <summary>How many whole-data passes an objective made and how long they took.</summary>
internal interface IPassTimings
{
    /// <summary>The value-and-gradient passes over all samples.</summary>
    int GradientPasses { get; }

    /// <summary>Their total time.</summary>
    TimeSpan GradientPassTime { get; }

    /// <summary>The Hessian passes over all samples.</summary>
    int HessianPasses { get; }

    /// <summary>Their total time.</summary>
    TimeSpan HessianPassTime { get; }
}
