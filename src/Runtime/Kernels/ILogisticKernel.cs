using System;

namespace LogRegGen;

/// <summary>
/// The fused forward and backward pass over a range of samples, specialised for one feature count.
/// Generated models implement it with code unrolled for their n; the runtime's training loop and
/// <see cref="LogisticKernels.Gradients{TKernel}(FeatureMatrix, ReadOnlySpan{float}, float, Span{double}, out double, int)"/>
/// are generic over it, so the JIT compiles one specialised loop per model with no virtual calls.
/// </summary>
public interface ILogisticKernel
{
    /// <summary>
    /// For the samples <c>start ≤ i &lt; end</c> of <paramref name="data"/>: computes z = wᵀx + b,
    /// a = σ(z) and dz = a − y, adds Σ x_ij·dz_i to <paramref name="dw"/>[j], and returns Σ L(a_i, y_i)
    /// with Σ dz_i in <paramref name="db"/>. Sums, not means: the caller divides by m once.
    /// </summary>
    /// <param name="data">X (n, m) and Y (1, m); its feature count must be the kernel's n.</param>
    /// <param name="w">The weights w, n of them.</param>
    /// <param name="b">The bias b.</param>
    /// <param name="start">The first sample.</param>
    /// <param name="end">One past the last sample.</param>
    /// <param name="dw">n sums that the kernel adds to.</param>
    /// <param name="db">Σ dz_i over the range.</param>
    /// <returns>Σ L(a_i, y_i) over the range.</returns>
    static abstract double AccumulateGradients(FeatureMatrix data, ReadOnlySpan<float> w, float b, int start, int end, Span<double> dw, out double db);

    /// <summary>
    /// The forward pass in double precision for Newton's method and L-BFGS: z_i = b + Σ_j w_j·x_ji
    /// for the samples <c>start ≤ i &lt; start + logits.Length</c>, with X read as float and widened exactly.
    /// </summary>
    /// <param name="data">X (n, m); its feature count must be the kernel's n.</param>
    /// <param name="w">The weights w, n of them.</param>
    /// <param name="b">The bias b.</param>
    /// <param name="start">The first sample.</param>
    /// <param name="logits">Receives one logit per sample.</param>
    static abstract void PreciseLogits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> logits);
}
