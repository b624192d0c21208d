using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LogRegGen;

/// <summary>
/// The single-precision loops of the kernel layer (σ over a span, dot products, the logits of a
/// chunk, residuals with their losses, the backward pass of a chunk), one per <see cref="SimdPath"/>:
/// behind <see cref="LogisticMath"/>, <see cref="LogisticKernels"/> and, through
/// <see cref="KernelSupport"/>, the generated kernels. Callers validate lengths; these work on refs without bounds checks.
/// Each vector loop finishes with a scalar tail that performs the same operations as a lane, so
/// a result never depends on where an element falls relative to the vector width.
/// </summary>
internal static class FloatKernels
{
    private const int ChunkSize = ChunkScheduler.ChunkSize;

    // ------------------------------------------------------------------ sigmoid over a span

    /// <summary>a[i] = σ(z[i]) for i &lt; length; a may be z.</summary>
    internal static void Sigmoid(ref float z, ref float a, int length, SimdPath path)
    {
        int i = 0;
        if (path == SimdPath.Vector256)
        {
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                SimdMath.Sigmoid(Vector256.LoadUnsafe(ref z, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector128)
        {
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                SimdMath.Sigmoid(Vector128.LoadUnsafe(ref z, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref a, i) = SimdMath.Sigmoid(Unsafe.Add(ref z, i));
        }
    }

    // ------------------------------------------------------------------ dot product of one block

    /// <summary>
    /// Σ a[i]·b[i] in float with several independent accumulators. Meant for blocks of at most a
    /// few thousand elements; longer sums are split by the caller and added in double.
    /// </summary>
    internal static float DotBlock(ref float a, ref float b, int length, SimdPath path)
    {
        int i = 0;
        float sum = 0f;
        if (path == SimdPath.Vector256)
        {
            const int W = 8;
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (; i <= length - (4 * W); i += 4 * W)
            {
                acc0 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
                acc1 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + W)), Vector256.LoadUnsafe(ref b, (nuint)(i + W)), acc1);
                acc2 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + (2 * W))), Vector256.LoadUnsafe(ref b, (nuint)(i + (2 * W))), acc2);
                acc3 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + (3 * W))), Vector256.LoadUnsafe(ref b, (nuint)(i + (3 * W))), acc3);
            }

            for (; i <= length - W; i += W)
            {
                acc0 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), acc0);
            }

            sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        }
        else if (path == SimdPath.Vector128)
        {
            const int W = 4;
            Vector128<float> acc0 = Vector128<float>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (; i <= length - (4 * W); i += 4 * W)
            {
                acc0 = SimdMath.MultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i), acc0);
                acc1 = SimdMath.MultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)(i + W)), Vector128.LoadUnsafe(ref b, (nuint)(i + W)), acc1);
                acc2 = SimdMath.MultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)(i + (2 * W))), Vector128.LoadUnsafe(ref b, (nuint)(i + (2 * W))), acc2);
                acc3 = SimdMath.MultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)(i + (3 * W))), Vector128.LoadUnsafe(ref b, (nuint)(i + (3 * W))), acc3);
            }

            for (; i <= length - W; i += W)
            {
                acc0 = SimdMath.MultiplyAdd(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128.LoadUnsafe(ref b, (nuint)i), acc0);
            }

            sum = Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
        }
        else
        {
            float s1 = 0f;
            for (; i <= length - 2; i += 2)
            {
                sum = SimdMath.MultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), sum);
                s1 = SimdMath.MultiplyAdd(Unsafe.Add(ref a, i + 1), Unsafe.Add(ref b, i + 1), s1);
            }

            sum += s1;
        }

        for (; i < length; i++)
        {
            sum = SimdMath.MultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), sum);
        }

        return sum;
    }

    /// <summary>
    /// The backward pass of one chunk: dw[j] += Σ_i X[j, i]·dz[i] for the <paramref name="rows"/>
    /// feature rows that start at <paramref name="x"/>, <paramref name="stride"/> apart. Four rows
    /// share each load of dz, each row with two accumulators so the multiply-add chains overlap.
    /// </summary>
    internal static void Backward(ref float x, nint stride, int rows, ref float dz, int count, Span<double> dw, SimdPath path)
    {
        int j = 0;
        if (path == SimdPath.Vector256)
        {
            for (; j <= rows - 4; j += 4)
            {
                ref float r0 = ref Unsafe.Add(ref x, j * stride);
                ref float r1 = ref Unsafe.Add(ref r0, stride);
                ref float r2 = ref Unsafe.Add(ref r1, stride);
                ref float r3 = ref Unsafe.Add(ref r2, stride);
                Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
                int i = 0;
                for (; i <= count - 16; i += 16)
                {
                    Vector256<float> d = Vector256.LoadUnsafe(ref dz, (nuint)i);
                    Vector256<float> e = Vector256.LoadUnsafe(ref dz, (nuint)(i + 8));
                    a0 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)i), d, a0);
                    a1 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)i), d, a1);
                    a2 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)i), d, a2);
                    a3 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)i), d, a3);
                    c0 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)(i + 8)), e, c0);
                    c1 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)(i + 8)), e, c1);
                    c2 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)(i + 8)), e, c2);
                    c3 = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)(i + 8)), e, c3);
                }

                dw[j] += Vector256.Sum(a0 + c0) + DotBlock(ref Unsafe.Add(ref r0, i), ref Unsafe.Add(ref dz, i), count - i, path);
                dw[j + 1] += Vector256.Sum(a1 + c1) + DotBlock(ref Unsafe.Add(ref r1, i), ref Unsafe.Add(ref dz, i), count - i, path);
                dw[j + 2] += Vector256.Sum(a2 + c2) + DotBlock(ref Unsafe.Add(ref r2, i), ref Unsafe.Add(ref dz, i), count - i, path);
                dw[j + 3] += Vector256.Sum(a3 + c3) + DotBlock(ref Unsafe.Add(ref r3, i), ref Unsafe.Add(ref dz, i), count - i, path);
            }
        }

        for (; j < rows; j++)
        {
            dw[j] += DotBlock(ref Unsafe.Add(ref x, j * stride), ref dz, count, path);
        }
    }

    /// <summary>
    /// Σ a[i]·b[i] for any length: float blocks of <see cref="ChunkSize"/> elements whose sums are
    /// added in double, so the error does not grow with the length.
    /// </summary>
    internal static double Dot(ref float a, ref float b, int length, SimdPath path)
    {
        double total = 0d;
        for (int start = 0; start < length; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, length - start);
            total += DotBlock(ref Unsafe.Add(ref a, start), ref Unsafe.Add(ref b, start), count, path);
        }

        return total;
    }

    // ------------------------------------------------------------------ forward pass: logits

    /// <summary>
    /// z[i − start] = b + Σ_j w_j·X[j, i] for start ≤ i &lt; start + count. The feature loop is inside
    /// the sample loop, with four vectors of samples in flight so the FMA chains overlap.
    /// </summary>
    internal static void Logits(FeatureMatrix data, ref float w, float b, int start, int count, ref float z, SimdPath path)
    {
        Debug.Assert(start >= 0 && count >= 0 && start + count <= data.SampleCount);
        int n = data.FeatureCount;
        nint stride = data.Stride;
        ref float x = ref Unsafe.Add(ref data.Origin, start);
        int i = 0;

        if (path == SimdPath.Vector256)
        {
            const int W = 8;
            Vector256<float> bias = Vector256.Create(b);
            for (; i <= count - (4 * W); i += 4 * W)
            {
                Vector256<float> z0 = bias, z1 = bias, z2 = bias, z3 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    Vector256<float> wj = Vector256.Create(Unsafe.Add(ref w, j));
                    z0 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row), z0);
                    z1 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, W), z1);
                    z2 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, 2 * W), z2);
                    z3 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, 3 * W), z3);
                    row = ref Unsafe.Add(ref row, stride);
                }

                z0.StoreUnsafe(ref z, (nuint)i);
                z1.StoreUnsafe(ref z, (nuint)(i + W));
                z2.StoreUnsafe(ref z, (nuint)(i + (2 * W)));
                z3.StoreUnsafe(ref z, (nuint)(i + (3 * W)));
            }

            for (; i <= count - W; i += W)
            {
                Vector256<float> z0 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    z0 = SimdMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, j)), Vector256.LoadUnsafe(ref row), z0);
                    row = ref Unsafe.Add(ref row, stride);
                }

                z0.StoreUnsafe(ref z, (nuint)i);
            }
        }
        else if (path == SimdPath.Vector128)
        {
            const int W = 4;
            Vector128<float> bias = Vector128.Create(b);
            for (; i <= count - (4 * W); i += 4 * W)
            {
                Vector128<float> z0 = bias, z1 = bias, z2 = bias, z3 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    Vector128<float> wj = Vector128.Create(Unsafe.Add(ref w, j));
                    z0 = SimdMath.MultiplyAdd(wj, Vector128.LoadUnsafe(ref row), z0);
                    z1 = SimdMath.MultiplyAdd(wj, Vector128.LoadUnsafe(ref row, W), z1);
                    z2 = SimdMath.MultiplyAdd(wj, Vector128.LoadUnsafe(ref row, 2 * W), z2);
                    z3 = SimdMath.MultiplyAdd(wj, Vector128.LoadUnsafe(ref row, 3 * W), z3);
                    row = ref Unsafe.Add(ref row, stride);
                }

                z0.StoreUnsafe(ref z, (nuint)i);
                z1.StoreUnsafe(ref z, (nuint)(i + W));
                z2.StoreUnsafe(ref z, (nuint)(i + (2 * W)));
                z3.StoreUnsafe(ref z, (nuint)(i + (3 * W)));
            }

            for (; i <= count - W; i += W)
            {
                Vector128<float> z0 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    z0 = SimdMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, j)), Vector128.LoadUnsafe(ref row), z0);
                    row = ref Unsafe.Add(ref row, stride);
                }

                z0.StoreUnsafe(ref z, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            float zi = b;
            ref float row = ref Unsafe.Add(ref x, i);
            for (int j = 0; j < n; j++)
            {
                zi = SimdMath.MultiplyAdd(Unsafe.Add(ref w, j), row, zi);
                row = ref Unsafe.Add(ref row, stride);
            }

            Unsafe.Add(ref z, i) = zi;
        }
    }

    // ------------------------------------------------------------------ loss sums and residuals

    /// <summary>
    /// Overwrites the logits z with the residuals dz = σ(z) − y, and returns the chunk's loss sum
    /// and residual sum (both accumulated in double lanes). One exp serves σ and the loss.
    /// </summary>
    internal static (double Loss, double Residual) Residuals(ref float z, ref float y, int length, SimdPath path)
    {
        int i = 0;
        double loss = 0d, residual = 0d;
        if (path == SimdPath.Vector256)
        {
            Vector256<double> lossLo = Vector256<double>.Zero, lossHi = lossLo, resLo = lossLo, resHi = lossLo;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> zv = Vector256.LoadUnsafe(ref z, (nuint)i);
                Vector256<float> yv = Vector256.LoadUnsafe(ref y, (nuint)i);
                Vector256<float> e = SimdMath.Exp(-Vector256.Abs(zv));
                Vector256<float> dz = SimdMath.SigmoidFromExp(zv, e) - yv;
                dz.StoreUnsafe(ref z, (nuint)i);

                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(SimdMath.LossFromExp(zv, yv, e));
                lossLo += lower;
                lossHi += upper;
                (lower, upper) = Vector256.Widen(dz);
                resLo += lower;
                resHi += upper;
            }

            loss = Vector256.Sum(lossLo + lossHi);
            residual = Vector256.Sum(resLo + resHi);
        }
        else if (path == SimdPath.Vector128)
        {
            Vector128<double> lossLo = Vector128<double>.Zero, lossHi = lossLo, resLo = lossLo, resHi = lossLo;
            for (; i <= length - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> zv = Vector128.LoadUnsafe(ref z, (nuint)i);
                Vector128<float> yv = Vector128.LoadUnsafe(ref y, (nuint)i);
                Vector128<float> e = SimdMath.Exp(-Vector128.Abs(zv));
                Vector128<float> dz = SimdMath.SigmoidFromExp(zv, e) - yv;
                dz.StoreUnsafe(ref z, (nuint)i);

                (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(SimdMath.LossFromExp(zv, yv, e));
                lossLo += lower;
                lossHi += upper;
                (lower, upper) = Vector128.Widen(dz);
                resLo += lower;
                resHi += upper;
            }

            loss = Vector128.Sum(lossLo + lossHi);
            residual = Vector128.Sum(resLo + resHi);
        }

        for (; i < length; i++)
        {
            ref float zi = ref Unsafe.Add(ref z, i);
            float yi = Unsafe.Add(ref y, i);
            float e = SimdMath.Exp(-MathF.Abs(zi));
            loss += SimdMath.LossFromExp(zi, yi, e);
            float dz = SimdMath.SigmoidFromExp(zi, e) - yi;
            residual += dz;
            zi = dz;
        }

        return (loss, residual);
    }

    // ------------------------------------------------------------------ moments of a feature row

    /// <summary>Σ x[i] in double: the floats widened exactly, eight double lanes, so the error does not grow with the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Sum(ReadOnlySpan<float> x)
    {
        int i = 0;
        double sum = 0d;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float r = ref MemoryMarshal.GetReference(x);
            Vector256<double> a = Vector256<double>.Zero, c = a;
            for (; i <= x.Length - 8; i += 8)
            {
                a += SimdMath.Widen(ref Unsafe.Add(ref r, i));
                c += SimdMath.Widen(ref Unsafe.Add(ref r, i + 4));
            }

            sum = Vector256.Sum(a + c);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>
    /// The running sums of <see cref="ShiftedMoments(ReadOnlySpan{float}, double)"/> while a row is added in pieces
    /// (<see cref="AddShiftedMoments(ReadOnlySpan{float}, double, ref MomentLanes)"/>, then
    /// <see cref="FinishShiftedMoments"/>): the vector lanes, or the scalar sums where vectors are not accelerated.
    /// The default is the empty sums.
    /// </summary>
    internal struct MomentLanes
    {
        public Vector256<double> Sum0, Sum1, Squares0, Squares1;
        public double Sum, Squares;
    }

    /// <summary>Σ (x[i] − shift) and Σ (x[i] − shift)² in double, eight double lanes: one read of x gives the mean and the variance, well conditioned when the shift is near the mean.</summary>
    internal static (double Sum, double Squares) ShiftedMoments(ReadOnlySpan<float> x, double shift)
    {
        MomentLanes lanes = default;
        int done = AddShiftedMoments(x, shift, ref lanes);
        return FinishShiftedMoments(x[done..], shift, in lanes);
    }

    /// <summary>
    /// Adds a piece of a row to <paramref name="lanes"/>: its whole groups of eight values to the vector lanes, or
    /// all of it where vectors are not accelerated. Pieces added in order, each but the last a whole number of
    /// eights, then <see cref="FinishShiftedMoments"/> on the rest, give the bits of one call on the whole row.
    /// </summary>
    /// <returns>How many values of the piece were added; the rest are the row's last.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int AddShiftedMoments(ReadOnlySpan<float> x, double shift, ref MomentLanes lanes)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float r = ref MemoryMarshal.GetReference(x);
            Vector256<double> k = Vector256.Create(shift);
            Vector256<double> a = lanes.Squares0, c = lanes.Squares1, s0 = lanes.Sum0, s1 = lanes.Sum1;
            for (; i <= x.Length - 8; i += 8)
            {
                Vector256<double> d0 = SimdMath.Widen(ref Unsafe.Add(ref r, i)) - k;
                Vector256<double> d1 = SimdMath.Widen(ref Unsafe.Add(ref r, i + 4)) - k;
                s0 += d0;
                s1 += d1;
                a = SimdMath.MultiplyAdd(d0, d0, a);
                c = SimdMath.MultiplyAdd(d1, d1, c);
            }

            (lanes.Sum0, lanes.Sum1, lanes.Squares0, lanes.Squares1) = (s0, s1, a, c);
            return i;
        }

        AddScalar(x, shift, ref lanes.Sum, ref lanes.Squares);
        return x.Length;
    }

    /// <summary>
    /// <see cref="AddShiftedMoments(ReadOnlySpan{float}, double, ref MomentLanes)"/> of two pieces of the same
    /// length at once: eight independent chains in flight instead of four, each row's sums formed exactly as alone.
    /// </summary>
    /// <returns>How many values of each piece were added.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int AddShiftedMoments(ReadOnlySpan<float> x, double shiftX, ref MomentLanes lanesX, ReadOnlySpan<float> y, double shiftY, ref MomentLanes lanesY)
    {
        Debug.Assert(x.Length == y.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float r = ref MemoryMarshal.GetReference(x);
            ref float q = ref MemoryMarshal.GetReference(y);
            Vector256<double> kx = Vector256.Create(shiftX), ky = Vector256.Create(shiftY);
            Vector256<double> a = lanesX.Squares0, c = lanesX.Squares1, s0 = lanesX.Sum0, s1 = lanesX.Sum1;
            Vector256<double> ay = lanesY.Squares0, cy = lanesY.Squares1, t0 = lanesY.Sum0, t1 = lanesY.Sum1;
            for (; i <= x.Length - 8; i += 8)
            {
                Vector256<double> d0 = SimdMath.Widen(ref Unsafe.Add(ref r, i)) - kx;
                Vector256<double> d1 = SimdMath.Widen(ref Unsafe.Add(ref r, i + 4)) - kx;
                Vector256<double> e0 = SimdMath.Widen(ref Unsafe.Add(ref q, i)) - ky;
                Vector256<double> e1 = SimdMath.Widen(ref Unsafe.Add(ref q, i + 4)) - ky;
                s0 += d0;
                s1 += d1;
                t0 += e0;
                t1 += e1;
                a = SimdMath.MultiplyAdd(d0, d0, a);
                c = SimdMath.MultiplyAdd(d1, d1, c);
                ay = SimdMath.MultiplyAdd(e0, e0, ay);
                cy = SimdMath.MultiplyAdd(e1, e1, cy);
            }

            (lanesX.Sum0, lanesX.Sum1, lanesX.Squares0, lanesX.Squares1) = (s0, s1, a, c);
            (lanesY.Sum0, lanesY.Sum1, lanesY.Squares0, lanesY.Squares1) = (t0, t1, ay, cy);
            return i;
        }

        AddScalar(x, shiftX, ref lanesX.Sum, ref lanesX.Squares);
        AddScalar(y, shiftY, ref lanesY.Sum, ref lanesY.Squares);
        return x.Length;
    }

    /// <summary>The sums of a row added in pieces: the lanes summed, then the row's last values (fewer than eight) one by one.</summary>
    internal static (double Sum, double Squares) FinishShiftedMoments(ReadOnlySpan<float> rest, double shift, in MomentLanes lanes)
    {
        double sum = lanes.Sum, squares = lanes.Squares;
        if (Vector256.IsHardwareAccelerated)
        {
            sum = Vector256.Sum(lanes.Sum0 + lanes.Sum1);
            squares = Vector256.Sum(lanes.Squares0 + lanes.Squares1);
        }

        AddScalar(rest, shift, ref sum, ref squares);
        return (sum, squares);
    }

    private static void AddScalar(ReadOnlySpan<float> x, double shift, ref double sum, ref double squares)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - shift;
            sum += d;
            squares += d * d;
        }
    }
}
