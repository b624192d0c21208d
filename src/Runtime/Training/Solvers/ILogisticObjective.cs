using System;

namespace LogRegGen.Optimization;

/// <summary>
/// A smooth, convex training objective over the parameter vector θ = [w₀, …, wₙ₋₁, b] (the bias
/// last, and absent when the intercept is not fitted), as minimized by <see cref="NewtonSolver"/>
/// and <see cref="LbfgsSolver"/>.
/// </summary>
/// <remarks>
/// The convention is the sum scale used by scikit-learn 1.2: F(θ) = Σᵢ sᵢ·L(zᵢ, yᵢ) + (λ/2)‖w‖²,
/// with zᵢ = wᵀx⁽ⁱ⁾ + b, L the notes' cross-entropy, sᵢ the sample weights and λ the L2 strength
/// (see <see cref="L2Penalty"/> for the mappings from C and from the mean-scale L2 option). The
/// bias is never penalized. Implementations may keep scratch buffers, so one instance must not be
/// used from two threads at once.
/// </remarks>
internal interface ILogisticObjective
{
    /// <summary>The number of parameters: n, plus 1 when the intercept is fitted.</summary>
    int Dimension { get; }

    /// <summary>Evaluates F(θ) and writes ∇F(θ).</summary>
    /// <param name="theta">The parameters, of length <see cref="Dimension"/>.</param>
    /// <param name="gradient">Receives ∇F(θ), of length <see cref="Dimension"/>.</param>
    /// <returns>F(θ).</returns>
    double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>Writes the Hessian ∇²F(θ), a symmetric d × d matrix in row-major order (d = <see cref="Dimension"/>).</summary>
    /// <param name="theta">The parameters, of length d.</param>
    /// <param name="hessian">Receives the d × d Hessian, row-major; both triangles are written.</param>
    void Hessian(ReadOnlySpan<double> theta, Span<double> hessian);
}

/// <summary>An objective that can also estimate its gradient from a subset of the samples, for <see cref="StochasticGradientSolver"/>.</summary>
internal interface IStochasticObjective : ILogisticObjective
{
    /// <summary>The number of samples m.</summary>
    int SampleCount { get; }

    /// <summary>The sum of the sample weights S = Σᵢ sᵢ (m when unweighted): the factor between F and the notes' mean cost.</summary>
    double TotalWeight { get; }

    /// <summary>
    /// Estimates F(θ) and ∇F(θ) from a mini-batch B: (m / |B|)·Σ_{i∈B} sᵢ·Lᵢ + (λ/2)‖w‖² and its
    /// gradient, which are unbiased when B is drawn uniformly.
    /// </summary>
    /// <param name="theta">The parameters, of length <see cref="ILogisticObjective.Dimension"/>.</param>
    /// <param name="samples">The indices of the samples in the batch, each in [0, m); not empty.</param>
    /// <param name="gradient">Receives the gradient estimate.</param>
    /// <returns>The value estimate.</returns>
    double BatchValueAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> samples, Span<double> gradient);
}
