using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogRegGen;

/// <summary>
/// The one façade that generated kernels call and users should not: fused multiply-add, the
/// residual dz = σ(z) − y with its loss from one exponential, the backward pass of a chunk, the
/// double-precision widening, a prefetch and the argument checks, each forwarding to the kernel
/// layer (<see cref="SimdMath"/>, <see cref="FloatKernels"/>). Hidden from IntelliSense.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelSupport
{
    /// <summary>
    /// Samples per chunk: the generated kernels keep a chunk's residuals (2 KiB) in L1 and read the
    /// chunk of X a second time for the backward pass while it is still in cache.
    /// </summary>
    public const int ChunkSize = ChunkScheduler.ChunkSize;

    /// <summary>
    /// How far ahead (in floats, along each feature row) the vector kernels prefetch: one chunk's
    /// worth of time is far more than a memory round trip, and the lines arrive in L1 before use.
    /// </summary>
    public const int PrefetchDistance = 512;

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => SimdMath.MultiplyAdd(a, b, c);

    /// <summary>a·b + c in each lane, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => SimdMath.MultiplyAdd(a, b, c);

    /// <summary>a·b + c in each lane, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => SimdMath.MultiplyAdd(a, b, c);

    /// <summary>Returns dz = σ(z) − y and adds the loss L(σ(z), y) to <paramref name="loss"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Residual(float z, float y, ref float loss)
    {
        float e = SimdMath.Exp(-MathF.Abs(z));
        loss += SimdMath.LossFromExp(z, y, e);
        return SimdMath.SigmoidFromExp(z, e) - y;
    }

    /// <summary>Returns dz = σ(z) − y per lane and adds the losses to <paramref name="loss"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Residual(Vector128<float> z, Vector128<float> y, ref Vector128<float> loss)
    {
        Vector128<float> e = SimdMath.Exp(-Vector128.Abs(z));
        loss += SimdMath.LossFromExp(z, y, e);
        return SimdMath.SigmoidFromExp(z, e) - y;
    }

    /// <summary>Returns dz = σ(z) − y per lane and adds the losses to <paramref name="loss"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Residual(Vector256<float> z, Vector256<float> y, ref Vector256<float> loss)
    {
        Vector256<float> e = SimdMath.Exp(-Vector256.Abs(z));
        loss += SimdMath.LossFromExp(z, y, e);
        return SimdMath.SigmoidFromExp(z, e) - y;
    }

    /// <summary>
    /// The backward pass of one chunk with 256-bit vectors: dw[j] += Σ_i X[j, i]·dz[i] for
    /// <paramref name="rows"/> feature rows starting at <paramref name="x"/>, <paramref name="stride"/> apart.
    /// </summary>
    public static void Backward256(ref float x, nint stride, int rows, ref float dz, int count, Span<double> dw) =>
        FloatKernels.Backward(ref x, stride, rows, ref dz, count, dw, SimdPath.Vector256);

    /// <summary>The backward pass of one chunk with 128-bit vectors (see <see cref="Backward256"/>).</summary>
    public static void Backward128(ref float x, nint stride, int rows, ref float dz, int count, Span<double> dw) =>
        FloatKernels.Backward(ref x, stride, rows, ref dz, count, dw, SimdPath.Vector128);

    /// <summary>The backward pass of one chunk in scalar code (see <see cref="Backward256"/>).</summary>
    public static void BackwardScalar(ref float x, nint stride, int rows, ref float dz, int count, Span<double> dw) =>
        FloatKernels.Backward(ref x, stride, rows, ref dz, count, dw, SimdPath.Scalar);

    /// <summary>
    /// Asks the CPU to start loading the cache line at <paramref name="location"/> into the cache
    /// (x86 <c>prefetcht0</c>); does nothing elsewhere. Harmless for any address, even past the end
    /// of the data: a prefetch never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(ref float location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    /// <summary>a·b + c in double, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => SimdMath.MultiplyAdd(a, b, c);

    /// <summary>a·b + c in each double lane, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => SimdMath.MultiplyAdd(a, b, c);

    /// <summary>The four floats at <paramref name="location"/>, widened exactly to doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Widen(ref float location) => SimdMath.Widen(ref location);

    /// <summary>
    /// Checks a <see cref="ILogisticKernel.PreciseLogits"/> call: the data has
    /// <paramref name="featureCount"/> features, w as many values, and the samples
    /// [start, start + logits.Length) exist.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or the range is wrong; the message gives expected and actual.</exception>
    public static void CheckPreciseArguments(FeatureMatrix data, int featureCount, ReadOnlySpan<double> w, int start, Span<double> logits)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != featureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a matrix with {featureCount} features (shape ({featureCount}, m)) but got ({data.FeatureCount}, {data.SampleCount})."),
                nameof(data));
        }

        if (w.Length != featureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {featureCount} weights (shape ({featureCount},)) but got {w.Length}."), nameof(w));
        }

        if (start < 0 || start > data.SampleCount - logits.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                string.Create(CultureInfo.InvariantCulture, $"Expected 0 <= start and start + {logits.Length} <= {data.SampleCount} but got start {start}."));
        }
    }

    /// <summary>
    /// Checks a kernel call: the data has <paramref name="featureCount"/> features, w and dw have as
    /// many values, and <c>0 ≤ start ≤ end ≤ m</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or the range is wrong; the message gives expected and actual.</exception>
    public static void CheckKernelArguments(FeatureMatrix data, int featureCount, ReadOnlySpan<float> w, Span<double> dw, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != featureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a matrix with {featureCount} features (shape ({featureCount}, m)) but got ({data.FeatureCount}, {data.SampleCount})."),
                nameof(data));
        }

        ShapeGuard.FeatureCount(w, featureCount);
        if (dw.Length != featureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {featureCount} features (shape ({featureCount},)) but got {dw.Length}."), nameof(dw));
        }

        if ((uint)start > (uint)end || end > data.SampleCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end),
                string.Create(CultureInfo.InvariantCulture, $"Expected 0 <= start <= end <= {data.SampleCount} but got start {start}, end {end}."));
        }
    }
}
