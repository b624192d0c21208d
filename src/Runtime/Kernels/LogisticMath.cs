using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogRegGen;

/// <summary>
/// The numerics of a single logistic unit: the sigmoid (scalar, vector and span forms), the
/// cross-entropy loss from a logit, and a SIMD dot product.
/// </summary>
/// <remarks>
/// <para>
/// The sigmoid is computed as <c>e = exp(−|z|)</c>, then <c>σ = 1/(1+e)</c> for <c>z ≥ 0</c> and
/// <c>σ = e/(1+e)</c> otherwise, so nothing overflows and no finite or infinite input yields NaN.
/// The exponential is the library's own single-precision routine (Cody–Waite range reduction, a
/// degree-7 polynomial, and <c>2^k</c> assembled in the exponent bits), using fused multiply-add
/// when <see cref="System.Runtime.Intrinsics.X86.Fma.IsSupported"/>.
/// </para>
/// <para>
/// <b>Accuracy.</b> Measured against a double-precision reference on every path (scalar,
/// <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/>) for every one of the 2,237,530,114
/// floats in [−87, 88], the maximum error is <b>2.40 ulp</b> (with FMA, on AVX2 hardware; a
/// sampled sweep without FMA gives the same maximum, which comes from the final division). The
/// documented bound, which the tests enforce on every path, is <b>4 ulp</b>. <c>σ(z)</c> is exactly 1 for <c>z ≥ 17</c> or so where
/// the true value rounds to 1, and exactly 0 below about −87.68 (where the true value is a
/// subnormal smaller than 1.2e−38); <c>σ(+∞) = 1</c>, <c>σ(−∞) = 0</c>, <c>σ(NaN) = NaN</c>.
/// </para>
/// <para>
/// All paths perform the same operations in the same order, so the span overload returns, for
/// every element, exactly what the scalar overload returns for it.
/// </para>
/// </remarks>
public static class LogisticMath
{
    /// <summary>The logistic sigmoid σ(z) = 1/(1 + e^−z) of one value.</summary>
    /// <param name="z">The logit.</param>
    /// <returns>σ(z) in [0, 1]; see the type remarks for the accuracy.</returns>
    public static float Sigmoid(float z) => SimdMath.Sigmoid(z);

    /// <summary>The logistic sigmoid of each of the four lanes.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>σ of each lane; see the type remarks for the accuracy.</returns>
    public static Vector128<float> Sigmoid(Vector128<float> z) => SimdMath.Sigmoid(z);

    /// <summary>The logistic sigmoid of each of the eight lanes.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>σ of each lane; see the type remarks for the accuracy.</returns>
    public static Vector256<float> Sigmoid(Vector256<float> z) => SimdMath.Sigmoid(z);

    /// <summary>
    /// The most features for which a generated model's <c>PredictLogit</c> sums b + w₀x₀ + w₁x₁ + … in
    /// one chain; above it, four partial sums. The generator writes the same rule (its
    /// <c>SinglePartialSumLimit</c>); a test compares the two paths bit for bit.
    /// </summary>
    private const int SingleChainLimit = 8;

    /// <summary>
    /// The logits z = wᵀx + b of <paramref name="count"/> samples laid out row-major, as an array of the
    /// user's rows is when their features are contiguous floats: feature j of sample i is
    /// <c>rows[i · rowStride + j]</c>. Each logit has exactly the arithmetic of the generated model's
    /// one-row <c>PredictLogit</c> (up to eight features b + w₀x₀ + w₁x₁ + … in order; above, four partial
    /// sums zₖ over the features j ≡ k (mod 4), then ((z₀ + z₁) + (z₂ + z₃)) + b; every product rounded
    /// before its addition), so batch and one-row predictions agree bit for bit. The rows are transposed
    /// 8 × 8 into blocks of 32 samples, and each lane of a vector runs one sample's sum; where n is a multiple
    /// of 4 above 8 they are read along their features instead (<see cref="RowsAlongLanes"/>).
    /// </summary>
    /// <param name="weights">w, n values.</param>
    /// <param name="bias">b.</param>
    /// <param name="rows">The samples: at least (count − 1)·rowStride + n values.</param>
    /// <param name="rowStride">The distance between two samples' first features; at least n.</param>
    /// <param name="count">The samples.</param>
    /// <param name="logits">Receives the count logits.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void RowLogits(ReadOnlySpan<float> weights, float bias, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> logits)
    {
        int n = weights.Length;
        RowParallel.CheckRows(n, rows.Length, rowStride, count, minimumFeatures: 1);
        ShapeGuard.SameLength(count, logits.Length, nameof(logits));
        if (count == 0)
        {
            return;
        }

        if (Avx.IsSupported && n > SingleChainLimit && n % 4 == 0)
        {
            RowsAlongLanes(weights, bias, rows, rowStride, count, logits);
            return;
        }

        const int block = MultinomialMath.BlockSize;
        float[] x = System.Buffers.ArrayPool<float>.Shared.Rent(n * block);
        Span<float> lanes = stackalloc float[8];
        try
        {
            for (int start = 0; start < count; start += block)
            {
                int samples = Math.Min(block, count - start);
                MultinomialMath.Transpose(rows.Slice(start * rowStride), rowStride, n, samples, x, MultinomialMath.BlockSize);
                for (int v = 0; v < samples; v += 8)
                {
                    int width = Math.Min(8, samples - v);
                    Span<float> target = width == 8 ? logits.Slice(start + v, 8) : lanes;
                    BlockLogits(weights, bias, x, v, target);
                    if (width < 8)
                    {
                        lanes[..width].CopyTo(logits.Slice(start + v, width));
                    }
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(x);
        }
    }

    /// <summary>
    /// The probabilities σ(wᵀx + b) of <paramref name="count"/> samples laid out row-major as for
    /// <see cref="RowLogits"/>, each equal to the one-row <c>PredictProbability</c> bit for bit, on up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all; at least 16,384 rows each). Every row's
    /// result is the same whatever the number of cores.
    /// </summary>
    /// <param name="weights">w, n values.</param>
    /// <param name="bias">b.</param>
    /// <param name="rows">The samples: at least (count − 1)·rowStride + n values.</param>
    /// <param name="rowStride">The distance between two samples' first features; at least n.</param>
    /// <param name="count">The samples.</param>
    /// <param name="probabilities">Receives the count probabilities.</param>
    /// <param name="maxDegreeOfParallelism">The most cores: -1 for all, or a positive number.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    public static void RowProbabilities(ReadOnlySpan<float> weights, float bias, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> probabilities, int maxDegreeOfParallelism = 1)
    {
        int workers = ChunkScheduler.WorkerCount(Math.Max(count, 0), maxDegreeOfParallelism);
        if (workers == 1)
        {
            RowLogits(weights, bias, rows, rowStride, count, probabilities);
            Sigmoid(probabilities, probabilities);
            return;
        }

        // The checks of the serial path, once, before any worker starts.
        RowParallel.CheckRows(weights.Length, rows.Length, rowStride, count, minimumFeatures: 1);
        ShapeGuard.SameLength(count, probabilities.Length, nameof(probabilities));
        RowParallel.Run(
            (Weights: weights.ToArray(), Bias: bias, Stride: rowStride),
            rows,
            rowStride,
            count,
            probabilities,
            1,
            workers,
            static (state, range, samples, output) =>
            {
                RowLogits(state.Weights, state.Bias, range, state.Stride, samples, output);
                Sigmoid(output, output);
            });
    }

    /// <summary>Eight samples' logits from lane <paramref name="v"/> of a feature-major block of <see cref="MultinomialMath.BlockSize"/> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockLogits(ReadOnlySpan<float> weights, float bias, ReadOnlySpan<float> x, int v, Span<float> z)
    {
        const int block = MultinomialMath.BlockSize;
        int n = weights.Length;
        if (!Vector256.IsHardwareAccelerated)
        {
            Span<float> row = stackalloc float[n];
            for (int i = 0; i < 8; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    row[j] = x[(j * block) + v + i];
                }

                z[i] = OneLogit(weights, bias, row);
            }

            return;
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float column = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), v);
        Vector256<float> result;
        if (n <= SingleChainLimit)
        {
            result = Vector256.Create(bias);
            for (int j = 0; j < n; j++)
            {
                result += Vector256.Create(Unsafe.Add(ref w, j)) * Vector256.LoadUnsafe(ref column, (nuint)(j * block));
            }
        }
        else
        {
            Vector256<float> z0 = Vector256.Create(w) * Vector256.LoadUnsafe(ref column);
            Vector256<float> z1 = Vector256.Create(Unsafe.Add(ref w, 1)) * Vector256.LoadUnsafe(ref column, block);
            Vector256<float> z2 = Vector256.Create(Unsafe.Add(ref w, 2)) * Vector256.LoadUnsafe(ref column, 2 * block);
            Vector256<float> z3 = Vector256.Create(Unsafe.Add(ref w, 3)) * Vector256.LoadUnsafe(ref column, 3 * block);
            int j = 4;
            for (; j + 4 <= n; j += 4)
            {
                z0 += Vector256.Create(Unsafe.Add(ref w, j)) * Vector256.LoadUnsafe(ref column, (nuint)(j * block));
                z1 += Vector256.Create(Unsafe.Add(ref w, j + 1)) * Vector256.LoadUnsafe(ref column, (nuint)((j + 1) * block));
                z2 += Vector256.Create(Unsafe.Add(ref w, j + 2)) * Vector256.LoadUnsafe(ref column, (nuint)((j + 2) * block));
                z3 += Vector256.Create(Unsafe.Add(ref w, j + 3)) * Vector256.LoadUnsafe(ref column, (nuint)((j + 3) * block));
            }

            if (j < n)
            {
                z0 += Vector256.Create(Unsafe.Add(ref w, j)) * Vector256.LoadUnsafe(ref column, (nuint)(j * block));
            }

            if (j + 1 < n)
            {
                z1 += Vector256.Create(Unsafe.Add(ref w, j + 1)) * Vector256.LoadUnsafe(ref column, (nuint)((j + 1) * block));
            }

            if (j + 2 < n)
            {
                z2 += Vector256.Create(Unsafe.Add(ref w, j + 2)) * Vector256.LoadUnsafe(ref column, (nuint)((j + 2) * block));
            }

            result = ((z0 + z1) + (z2 + z3)) + Vector256.Create(bias);
        }

        result.StoreUnsafe(ref MemoryMarshal.GetReference(z));
    }

    /// <summary>
    /// <see cref="RowLogits"/> for n a multiple of 4 above <see cref="SingleChainLimit"/>, without a transpose: the
    /// four partial sums zₖ (features j ≡ k mod 4) of a sample are the four lanes of half a vector, so a sample's row
    /// is read straight along its features, four at a time, the same products added in the same order. Two samples
    /// share a vector and four vectors cover eight samples; two rounds of pairwise horizontal adds then form
    /// (z₀ + z₁) + (z₂ + z₃) for all eight, in the generated <c>PredictLogit</c>'s order, and b is added. Probabilities
    /// of 10⁶ rows of 64 features on a Zen 3 core, best of 30: 25.1–26.0 → 18.8–21.8 ms, as the 8 × 8 transposes
    /// cost more shuffles than the sums themselves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsAlongLanes(ReadOnlySpan<float> weights, float bias, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> logits)
    {
        int n = weights.Length;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float x = ref MemoryMarshal.GetReference(rows);
        ref float z = ref MemoryMarshal.GetReference(logits);
        Vector256<float> b = Vector256.Create(bias);

        // Samples i and i + 4 share a vector: hadd(hadd(s₀|s₄, s₁|s₅), hadd(s₂|s₆, s₃|s₇)) then leaves the eight sums
        // in order, 0 1 2 3 | 4 5 6 7, with AVX alone (no cross-lane permute).
        int i = 0;
        for (; i + 8 <= count; i += 8)
        {
            ref float r0 = ref Unsafe.Add(ref x, (nint)i * rowStride);
            ref float r1 = ref Unsafe.Add(ref r0, rowStride);
            ref float r2 = ref Unsafe.Add(ref r1, rowStride);
            ref float r3 = ref Unsafe.Add(ref r2, rowStride);
            ref float r4 = ref Unsafe.Add(ref r3, rowStride);
            ref float r5 = ref Unsafe.Add(ref r4, rowStride);
            ref float r6 = ref Unsafe.Add(ref r5, rowStride);
            ref float r7 = ref Unsafe.Add(ref r6, rowStride);
            Vector128<float> w4 = Vector128.LoadUnsafe(ref w);
            Vector256<float> wj = Vector256.Create(w4, w4);
            Vector256<float> a = wj * Pair(ref r0, ref r4, 0);
            Vector256<float> c = wj * Pair(ref r1, ref r5, 0);
            Vector256<float> d = wj * Pair(ref r2, ref r6, 0);
            Vector256<float> e = wj * Pair(ref r3, ref r7, 0);
            for (int j = 4; j < n; j += 4)
            {
                w4 = Vector128.LoadUnsafe(ref w, (nuint)j);
                wj = Vector256.Create(w4, w4);
                a += wj * Pair(ref r0, ref r4, j);
                c += wj * Pair(ref r1, ref r5, j);
                d += wj * Pair(ref r2, ref r6, j);
                e += wj * Pair(ref r3, ref r7, j);
            }

            (Avx.HorizontalAdd(Avx.HorizontalAdd(a, c), Avx.HorizontalAdd(d, e)) + b).StoreUnsafe(ref z, (nuint)i);
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref z, i) = OneLogit(weights, bias, rows.Slice(i * rowStride, n));
        }

        static Vector256<float> Pair(ref float first, ref float second, int j) =>
            Vector256.Create(Vector128.LoadUnsafe(ref first, (nuint)j), Vector128.LoadUnsafe(ref second, (nuint)j));
    }

    /// <summary>One sample's logit with <see cref="RowLogits"/>' arithmetic, for hardware without vectors.</summary>
    private static float OneLogit(ReadOnlySpan<float> w, float b, ReadOnlySpan<float> x)
    {
        int n = w.Length;
        if (n <= SingleChainLimit)
        {
            float z = b;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[j];
            }

            return z;
        }

        Span<float> partial = stackalloc float[4];
        for (int k = 0; k < 4; k++)
        {
            partial[k] = w[k] * x[k];
        }

        for (int j = 4; j < n; j++)
        {
            partial[j % 4] += w[j] * x[j];
        }

        return ((partial[0] + partial[1]) + (partial[2] + partial[3])) + b;
    }

    /// <summary>
    /// Writes <c>a[i] = σ(z[i])</c> for every element, eight (or four) at a time when the hardware
    /// accelerates vectors.
    /// </summary>
    /// <param name="z">The logits.</param>
    /// <param name="a">The destination, of the same length as <paramref name="z"/>. It may be the
    /// same memory as <paramref name="z"/> (in place), but must not partially overlap it.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans partially overlap.</exception>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> a) => Sigmoid(z, a, SimdPaths.Best);

    /// <summary><see cref="Sigmoid(ReadOnlySpan{float}, Span{float})"/> on a chosen path.</summary>
    internal static void Sigmoid(ReadOnlySpan<float> z, Span<float> a, SimdPath path)
    {
        if (z.Length != a.Length)
        {
            ThrowLengthMismatch(nameof(a), z.Length, a.Length);
        }

        if (z.Overlaps(a, out int offset) && offset != 0)
        {
            throw new ArgumentException("The destination must be the source itself or must not overlap it.", nameof(a));
        }

        FloatKernels.Sigmoid(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(a), z.Length, path);
    }

    /// <summary>
    /// The decision rule of every binary model: class 1 when the logit <c>z = wᵀx + b</c> is at least
    /// 0, which is σ(z) ≥ ½ decided on z itself, so no rounding of σ near ½ can flip it
    /// (−0 counts as 0; NaN gives false).
    /// </summary>
    /// <param name="logit">The logit z.</param>
    /// <returns>True for class 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Classify(float logit) => logit >= 0f;

    /// <summary>
    /// The cross-entropy loss of one sample from its logit,
    /// <c>L = −[y log σ(z) + (1 − y) log(1 − σ(z))]</c>, in the stable form
    /// <c>softplus(z) − y·z = max(z, 0) + log(1 + e^−|z|) − y·z</c>, which never takes the log of 0.
    /// </summary>
    /// <param name="z">The logit <c>wᵀx + b</c>.</param>
    /// <param name="y">The label, 0 or 1.</param>
    /// <returns>The loss, in nats; 0 only in the limit of a perfect, infinitely confident prediction.</returns>
    public static double Loss(double z, double y) => LossFromExp(z, y, Math.Exp(-Math.Abs(z)));

    /// <summary>
    /// <see cref="Loss"/> from <paramref name="e"/> = e^−|z| computed by the caller, which also
    /// gives σ(z) (<see cref="SigmoidFromExp(double, double)"/>): the one double-precision
    /// binomial loss of the library.
    /// </summary>
    internal static double LossFromExp(double z, double y, double e) => Math.Max(z, 0d) - (y * z) + Log1p(e);

    /// <summary>σ(z) in double from e = e^−|z|: 1/(1 + e) for z ≥ 0, e/(1 + e) otherwise.</summary>
    internal static double SigmoidFromExp(double z, double e) => z >= 0d ? 1d / (1d + e) : e / (1d + e);

    /// <summary>The dot product Σ a[i]·b[i].</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector, of the same length.</param>
    /// <returns>The dot product. Blocks of 512 products are summed in float vector accumulators and the
    /// block sums in double, so the rounding error does not grow with the length.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Dot(a, b, SimdPaths.Best);

    /// <summary><see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> on a chosen path.</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdPath path)
    {
        if (a.Length != b.Length)
        {
            ThrowLengthMismatch(nameof(b), a.Length, b.Length);
        }

        return (float)FloatKernels.Dot(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length, path);
    }

    /// <summary>log(1 + x) without the cancellation of <c>Math.Log(1 + x)</c> for small x.</summary>
    private static double Log1p(double x)
    {
        double u = 1d + x;
        // u − 1 is exact, and log(u)/(u − 1) varies slowly, so this recovers the bits lost in 1 + x.
        return u == 1d ? x : Math.Log(u) * (x / (u - 1d));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException($"Expected length {expected} (the same as the first span) but got {actual}.", paramName);
}
