using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogRegGen;

/// <summary>
/// The double-precision passes behind Newton's method and L-BFGS (and the cost of a batch): per
/// chunk of samples a model's generated, n-unrolled <see cref="ILogisticKernel.PreciseLogits"/>
/// gives z in double, then σ(z), the loss and the curvature are evaluated in double (one exponential
/// serves all three), and X is read again, while in cache, for Xᵀ·r in double and for Xᵀ·diag(h)·X
/// through <see cref="HessianAccumulator"/> (float products, double sums: the Hessian only steers the
/// steps). Every pass runs on <see cref="ChunkScheduler"/>.
/// </summary>
/// <remarks>
/// Why double: the exact solvers drive the gradient to ~1e-8 and, with weak regularization and
/// correlated features, the optimum moves by (Hessian)⁻¹ times any error in the gradient. The float
/// kernels that gradient descent uses carry ~1e-7 relative error in z, which would move such an
/// optimum far more than scikit-learn's tolerance. X stays float; only the arithmetic is double.
/// Sums, not means: these are the terms of F = Σᵢ sᵢ·Lᵢ (the penalty is the objective's).
/// The loss is <see cref="LogisticMath.Loss"/>'s accurate form, from the same exponential as σ.
/// </remarks>
internal static class DoubleKernels
{
    private const int ChunkSize = ChunkScheduler.ChunkSize;

    /// <summary>The most factors 1 + e ≤ 2 in one lane's product before <see cref="Residuals"/> takes its logarithm: at most 2¹²⁸.</summary>
    private const int LogProductLength = 128;

    /// <summary>
    /// One pass over the samples [start, end): per chunk, z in double from the model's
    /// <see cref="ILogisticKernel.PreciseLogits"/>, then what <paramref name="outputs"/> asks for, while the
    /// chunk of X is in cache: the loss Σᵢ sᵢ·L(zᵢ, yᵢ) (returned; 0 for a pass that asks for the Hessian
    /// alone); with
    /// <see cref="PassOutputs.Gradient"/>, Σᵢ rᵢ·xᵢ added to <paramref name="dw"/> and Σᵢ rᵢ in
    /// <paramref name="db"/>, rᵢ = sᵢ(pᵢ − yᵢ); with <see cref="PassOutputs.Hessian"/>, the lower triangle
    /// and the intercept column of Σᵢ hᵢ·xᵢxᵢᵀ, hᵢ = sᵢ·pᵢ(1 − pᵢ), added to <paramref name="hessian"/>
    /// (d × d, row-major, d = n plus 1 with the intercept, whose row and column come last;
    /// <see cref="Mirror"/> completes it).
    /// </summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The n weights.</param>
    /// <param name="b">The bias.</param>
    /// <param name="s">One weight per sample of the whole data, or empty for all 1.</param>
    /// <param name="first">The first sample.</param>
    /// <param name="end">One past the last sample.</param>
    /// <param name="outputs">What to compute besides the loss.</param>
    /// <param name="dw">The n sums that the gradient adds to (unused without <see cref="PassOutputs.Gradient"/>).</param>
    /// <param name="db">Σᵢ rᵢ over the range (0 without <see cref="PassOutputs.Gradient"/>).</param>
    /// <param name="hessian">The d × d sums that the Hessian adds to (unused without <see cref="PassOutputs.Hessian"/>).</param>
    /// <param name="fitIntercept">Whether the Hessian has the intercept's row and column.</param>
    /// <param name="every">1 for every sample of the range; else the range is whole shards (from a multiple of
    /// <see cref="ChunkScheduler.ShardSize"/>) of which only each one's <see cref="ChunkScheduler.Subsample"/> is summed.</param>
    /// <param name="hessianEvery">With <paramref name="every"/> 1, the range whole shards and both the gradient and the
    /// Hessian asked for: the Hessian of each shard's <see cref="ChunkScheduler.Subsample"/> of one in this many, the
    /// gradient and the loss of every sample — a subsample's Hessian from the logits and the read of X that the
    /// gradient's pass makes anyway. 1 for the Hessian of every sample.</param>
    /// <returns>Σᵢ sᵢ·Lᵢ over the range.</returns>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Accumulate<TKernel>(FeatureMatrix data, ReadOnlySpan<double> w, double b, ReadOnlySpan<double> s, int first, int end, PassOutputs outputs, Span<double> dw, out double db, Span<double> hessian, bool fitIntercept, int every = 1, int hessianEvery = 1)
        where TKernel : ILogisticKernel
    {
        int n = data.FeatureCount, d = n + (fitIntercept ? 1 : 0);
        bool gradient = (outputs & PassOutputs.Gradient) != 0, curvature = (outputs & PassOutputs.Hessian) != 0;
        Debug.Assert(hessianEvery == 1 || (every == 1 && gradient && curvature && first % ChunkScheduler.ShardSize == 0), "A subsample's Hessian rides on a whole-range gradient pass over whole shards.");

        HessianAccumulator? curvatureSums = curvature ? HessianAccumulator.Rent(n) : null;
        Span<double> zBuffer = stackalloc double[ChunkSize];
        Span<double> hBuffer = stackalloc double[curvature ? ChunkSize : 0];
        ReadOnlySpan<float> y = data.Labels;
        double loss = 0d, dbSum = 0d;
        bool byShard = every != 1 || hessianEvery != 1;
        for (int shard = first; shard < end; shard += byShard ? ChunkScheduler.ShardSize : end - first)
        {
            int shardEnd = byShard ? Math.Min(end, shard + ChunkScheduler.ShardSize) : end;
            (int from, int to) = ChunkScheduler.Subsample(shard, shardEnd, every);

            // Up to here the chunks' curvatures are kept: all of them, or those of the Hessian's subsample (none without a Hessian).
            int curvatureEnd = curvature ? ChunkScheduler.Subsample(shard, shardEnd, hessianEvery).End : from;
            for (int start = from; start < to; start += ChunkSize)
            {
                int count = Math.Min(ChunkSize, to - start);
                Span<double> z = zBuffer[..count];
                TKernel.PreciseLogits(data, w, b, start, z);
                ReadOnlySpan<double> weights = s.IsEmpty ? default : s.Slice(start, count);
                if (gradient || !curvature)
                {
                    // One exponential per sample serves the loss, the residual and the curvature, which only the
                    // chunk's first `curved` samples keep.
                    int curved = Math.Clamp(curvatureEnd - start, 0, count);
                    if (curved > 0)
                    {
                        (double chunkLoss, double chunkResidual, double curvatureSum) = Residuals(z[..curved], y.Slice(start, curved), weights.IsEmpty ? default : weights[..curved], hBuffer[..curved]);
                        loss += chunkLoss;
                        dbSum += chunkResidual;
                        curvatureSums!.Add(data, start, hBuffer[..curved], curvatureSum);
                    }

                    if (curved < count)
                    {
                        (double chunkLoss, double chunkResidual, _) = Residuals(z[curved..], y.Slice(start + curved, count - curved), weights.IsEmpty ? default : weights[curved..], default);
                        loss += chunkLoss;
                        dbSum += chunkResidual;
                    }
                }
                else
                {
                    Span<double> h = hBuffer[..count];
                    z.CopyTo(h);
                    curvatureSums!.Add(data, start, h, Curvatures(h, weights));
                }

                if (gradient)
                {
                    AddDots(data, start, count, z, dw);
                }
            }
        }

        curvatureSums?.AddTo(hessian, d, fitIntercept);
        db = gradient ? dbSum : 0d;
        return loss;
    }

    /// <summary>
    /// Overwrites the logits z with the residuals rᵢ = sᵢ(σ(zᵢ) − yᵢ), writes the curvatures
    /// hᵢ = sᵢ·σ(zᵢ)(1 − σ(zᵢ)) to <paramref name="h"/> unless it is empty, and returns Σ sᵢ·L(zᵢ, yᵢ),
    /// Σ rᵢ and Σ hᵢ; one exponential eᵢ = e^−|zᵢ| and one division 1/(1 + eᵢ) per sample serve all three.
    /// Four samples per step with <see cref="Vector256{T}"/>, then a scalar tail with <see cref="LogisticMath"/>'s
    /// scalar forms.
    /// </summary>
    /// <remarks>
    /// The loss is max(z, 0) − y·z + log(1 + e). Without sample weights, the logarithms are not taken sample by
    /// sample: each lane multiplies its uᵢ = 1 + eᵢ into a product of at most <see cref="LogProductLength"/>
    /// factors (at most 2¹²⁸), carried as a double-double — the rounding of each uᵢ, and (with FMA) of each
    /// product, kept exactly in the low part; without FMA the product's rounding, about 1e−16 per factor, is
    /// lost — and takes one logarithm of it, log(hi) + lo/hi. The sum is as accurate as the logarithms' sum: the
    /// tests hold each sample to 2e−15 of a compensated log1p, sums of 513 and 4,099 losses to 2e−15 of their
    /// magnitude, and a sum of 4,099 losses of 1e−17 to 1e−11 each (where 1 + e rounds away most of e) to
    /// 1e−14. A pass saves a division and a 16-term series per sample: 25–35 % of this loop.
    /// With weights, each loss is weighted, so each takes its own <see cref="SimdMath.Log1pUnit(Vector256{double})"/>.
    /// The vector steps are loops of their own, with and without weights and (without) per curvature output, so
    /// none tests a flag per step and the unweighted one keeps its sums and its double-double in registers.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (double Loss, double Residual, double Curvature) Residuals(Span<double> z, ReadOnlySpan<float> y, ReadOnlySpan<double> s, Span<double> h)
    {
        int count = z.Length, i = 0;
        bool curvature = !h.IsEmpty, weighted = !s.IsEmpty;
        double loss = 0d, residual = 0d, curvatureSum = 0d;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref double hr = ref MemoryMarshal.GetReference(h);
            Vector256<double> lossSum, residualSum, curvatureTotal;
            if (weighted)
            {
                (i, lossSum, residualSum, curvatureTotal) = WeightedSteps(ref zr, ref yr, ref MemoryMarshal.GetReference(s), ref hr, count, curvature);
            }
            else
            {
                (i, lossSum, residualSum, curvatureTotal) = curvature
                    ? UnweightedSteps<WithCurvature>(ref zr, ref yr, ref hr, count)
                    : UnweightedSteps<WithoutCurvature>(ref zr, ref yr, ref hr, count);
            }

            loss = Vector256.Sum(lossSum);
            residual = Vector256.Sum(residualSum);
            curvatureSum = Vector256.Sum(curvatureTotal);
        }

        for (; i < count; i++)
        {
            double weight = s.IsEmpty ? 1d : s[i];
            double zi = z[i], yi = y[i];
            double e = Math.Exp(-Math.Abs(zi));
            loss += weight * LogisticMath.LossFromExp(zi, yi, e);
            double r = weight * (LogisticMath.SigmoidFromExp(zi, e) - yi);
            z[i] = r;
            residual += r;
            if (curvature)
            {
                h[i] = weight * Curvature(e);
                curvatureSum += h[i];
            }
        }

        return (loss, residual, curvatureSum);
    }

    /// <summary>Whether a loop of <see cref="Residuals"/> also writes the curvatures: a type, so that each loop is compiled without the other's work.</summary>
    private interface ICurvatureOutput
    {
        static abstract bool Written { get; }
    }

    private readonly struct WithCurvature : ICurvatureOutput
    {
        public static bool Written => true;
    }

    private readonly struct WithoutCurvature : ICurvatureOutput
    {
        public static bool Written => false;
    }

    /// <summary>
    /// <see cref="Residuals"/>' four-sample steps without sample weights. The lanes' products of 1 + e run in blocks of
    /// <see cref="LogProductLength"/> steps whose last step, peeled, adds the block's logarithm before its own loss (the
    /// order of a flush counted step by step); the steps before it test nothing, so the loop keeps its sums and the
    /// double-double in registers.
    /// </summary>
    /// <returns>The first sample not taken (the scalar tail's), and the lanes' sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Next, Vector256<double> Loss, Vector256<double> Residual, Vector256<double> Curvature) UnweightedSteps<TCurvature>(ref double zr, ref float yr, ref double hr, int count)
        where TCurvature : struct, ICurvatureOutput
    {
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> lossSum = Vector256<double>.Zero, residualSum = Vector256<double>.Zero, curvatureTotal = Vector256<double>.Zero;
        Vector256<double> productHigh = one, productLow = Vector256<double>.Zero;
        int i = 0, end = count & ~3;
        while (i < end)
        {
            int blockEnd = Math.Min(end, i + (4 * LogProductLength));
            bool full = blockEnd - i == 4 * LogProductLength;
            for (int last = full ? blockEnd - 4 : blockEnd; i < last; i += 4)
            {
                Vector256<double> l = UnweightedStep<TCurvature>(ref zr, ref yr, ref hr, i, ref productHigh, ref productLow, ref residualSum, ref curvatureTotal);
                lossSum += l;
            }

            if (full)
            {
                Vector256<double> l = UnweightedStep<TCurvature>(ref zr, ref yr, ref hr, i, ref productHigh, ref productLow, ref residualSum, ref curvatureTotal);
                lossSum += LogOfProduct(productHigh, productLow);
                (productHigh, productLow) = (one, Vector256<double>.Zero);
                lossSum += l;
                i += 4;
            }
        }

        lossSum += LogOfProduct(productHigh, productLow);
        return (i, lossSum, residualSum, curvatureTotal);
    }

    /// <summary>
    /// One step of <see cref="UnweightedSteps{TCurvature}"/>: samples [i, i + 4) — residuals stored over z, curvatures to
    /// h, both added to their sums, 1 + e multiplied into the double-double — returning the losses without their log(1 + e).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> UnweightedStep<TCurvature>(ref double zr, ref float yr, ref double hr, int i, ref Vector256<double> productHigh, ref Vector256<double> productLow, ref Vector256<double> residualSum, ref Vector256<double> curvatureTotal)
        where TCurvature : struct, ICurvatureOutput
    {
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> r = StepTerms(ref zr, ref yr, i, out Vector256<double> e, out Vector256<double> u, out Vector256<double> inverse, out Vector256<double> l);

        // (hi + lo)·(u + δu) with δu = e − (u − 1), the rounding of u (exact: e ≤ 1); the product's own
        // rounding, hi·u − round(hi·u), is exact from a fused multiply-add.
        Vector256<double> roundingOfU = e - (u - one);
        Vector256<double> high = productHigh * u;
        productLow = SimdMath.MultiplyAdd(productHigh, roundingOfU, SimdMath.MultiplyAdd(productLow, u, SimdMath.MultiplyAdd(productHigh, u, -high)));
        productHigh = high;
        residualSum += r;
        r.StoreUnsafe(ref zr, (nuint)i);
        if (TCurvature.Written)
        {
            Vector256<double> hv = Curvature(e, inverse);
            curvatureTotal += hv;
            hv.StoreUnsafe(ref hr, (nuint)i);
        }

        return l;
    }

    /// <summary><see cref="Residuals"/>' four-sample steps with sample weights: each loss weighted, with its own logarithm.</summary>
    /// <returns>The first sample not taken (the scalar tail's), and the lanes' sums.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Next, Vector256<double> Loss, Vector256<double> Residual, Vector256<double> Curvature) WeightedSteps(ref double zr, ref float yr, ref double sr, ref double hr, int count, bool curvature)
    {
        Vector256<double> lossSum = Vector256<double>.Zero, residualSum = Vector256<double>.Zero, curvatureTotal = Vector256<double>.Zero;
        int i = 0;
        for (; i <= count - 4; i += 4)
        {
            Vector256<double> r = StepTerms(ref zr, ref yr, i, out Vector256<double> e, out _, out Vector256<double> inverse, out Vector256<double> l);
            Vector256<double> sv = Vector256.LoadUnsafe(ref sr, (nuint)i);
            r *= sv;
            l = (l + SimdMath.Log1pUnit(e)) * sv;
            lossSum += l;
            residualSum += r;
            r.StoreUnsafe(ref zr, (nuint)i);
            if (curvature)
            {
                Vector256<double> hv = Curvature(e, inverse) * sv;
                curvatureTotal += hv;
                hv.StoreUnsafe(ref hr, (nuint)i);
            }
        }

        return (i, lossSum, residualSum, curvatureTotal);
    }

    /// <summary>
    /// What every loop of <see cref="Residuals"/> forms alike for samples [i, i + 4): e = e^−|z|, u = 1 + e, 1/u, the loss
    /// without its log(1 + e), max(z, 0) − y·z, and (returned) the unweighted residual σ(z) − y = (z ≥ 0 ? 1 : e)/u − y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> StepTerms(ref double zr, ref float yr, int i, out Vector256<double> e, out Vector256<double> u, out Vector256<double> inverse, out Vector256<double> loss)
    {
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> zv = Vector256.LoadUnsafe(ref zr, (nuint)i);
        Vector256<double> yv = SimdMath.Widen(ref Unsafe.Add(ref yr, i));
        e = SimdMath.ExpNonPositive(-Vector256.Abs(zv));
        u = one + e;
        inverse = one / u;
        Vector256<double> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(zv, Vector256<double>.Zero), one, e);
        loss = SimdMath.MultiplyAdd(-yv, zv, SimdMath.Max(Vector256<double>.Zero, zv));
        return (numerator * inverse) - yv;
    }

    /// <summary>log(hi + lo) for a double-double product hi + lo ≥ 1 whose low part is below hi's ulp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogOfProduct(Vector256<double> high, Vector256<double> low) =>
        SimdMath.LogAtLeastOne(high) + (low / high);

    /// <summary>
    /// σ(z)(1 − σ(z)) from e = e^−|z| and 1/(1 + e), in each lane: e·(1/(1 + e))², the one form of both passes that
    /// compute it (<see cref="Residuals"/> and <see cref="Curvatures"/>), so a Hessian pass and a fused one agree
    /// to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Curvature(Vector256<double> e, Vector256<double> inverse) => e * (inverse * inverse);

    /// <summary>σ(z)(1 − σ(z)) = e/(1 + e)² from e = e^−|z| (symmetric in z), for the scalar tails.</summary>
    private static double Curvature(double e) => e / ((1d + e) * (1d + e));

    /// <summary>Overwrites the logits z with the curvatures hᵢ = sᵢ·σ(zᵢ)(1 − σ(zᵢ)) = sᵢ·e/(1 + e)², e = e^−|zᵢ|, and returns Σ hᵢ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Curvatures(Span<double> z, ReadOnlySpan<double> s)
    {
        int count = z.Length, i = 0;
        double total = 0d;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double zr = ref MemoryMarshal.GetReference(z);
            ref double sr = ref MemoryMarshal.GetReference(s);
            Vector256<double> sum = Vector256<double>.Zero;
            for (; i <= count - 4; i += 4)
            {
                Vector256<double> e = SimdMath.ExpNonPositive(-Vector256.Abs(Vector256.LoadUnsafe(ref zr, (nuint)i)));
                Vector256<double> h = Curvature(e, Vector256<double>.One / (Vector256<double>.One + e));
                if (!s.IsEmpty)
                {
                    h *= Vector256.LoadUnsafe(ref sr, (nuint)i);
                }

                sum += h;
                h.StoreUnsafe(ref zr, (nuint)i);
            }

            total = Vector256.Sum(sum);
        }

        for (; i < count; i++)
        {
            double e = Math.Exp(-Math.Abs(z[i]));
            double h = Curvature(e);
            z[i] = s.IsEmpty ? h : s[i] * h;
            total += z[i];
        }

        return total;
    }

    /// <summary>Copies the lower triangle of the feature block, and the intercept column, to the upper triangle and the intercept row.</summary>
    public static void Mirror(Span<double> hessian, int n, bool fitIntercept)
    {
        int d = n + (fitIntercept ? 1 : 0);
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < j; k++)
            {
                hessian[(k * d) + j] = hessian[(j * d) + k];
            }

            if (fitIntercept)
            {
                hessian[(n * d) + j] = hessian[(j * d) + n];
            }
        }
    }

    /// <summary>z = b + Σ_j w_j·x_j over any feature count, for <see cref="RuntimeKernel"/>.</summary>
    public static void Logits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> z) =>
        Logits(data, w, b, start, z, Vector256.IsHardwareAccelerated);

    /// <summary>
    /// <see cref="Logits(FeatureMatrix, ReadOnlySpan{double}, double, int, Span{double})"/> with 256-bit
    /// vectors or (for tests) in scalar code only. The feature loop is inside the sample loop: sixteen
    /// samples (four vectors, four independent multiply-add chains) walk down the feature rows together,
    /// so each z is stored once and each weight broadcast serves four vectors. Each step also asks for the
    /// next chunk's line of every row, so that memory streams it while this chunk's σ and dot products
    /// compute; without it, the n side-by-side rows defeat the hardware prefetcher and the pass waited for
    /// memory in its logits (n = 30: 16–26 ms for the logits of 10⁶ samples with it off, 10–14 ms on).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Logits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> z, bool vectorized)
    {
        int n = data.FeatureCount;
        nint stride = data.Stride;
        int count = z.Length;
        ref float x = ref Unsafe.Add(ref data.Origin, start);
        ref double wr = ref MemoryMarshal.GetReference(w);
        ref double zr = ref MemoryMarshal.GetReference(z);
        int i = 0;
        if (vectorized)
        {
            Vector256<double> bias = Vector256.Create(b);
            for (; i <= count - 16; i += 16)
            {
                Vector256<double> z0 = bias, z1 = bias, z2 = bias, z3 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    if (Sse.IsSupported)
                    {
                        // This row's line of the next chunk (for the passes, which go chunk by chunk), into L2, as
                        // AddDots asks again later: spread over the logits, the prefetches keep memory busy while σ
                        // and the dot products compute. A hint, which never faults.
                        Sse.Prefetch1((float*)Unsafe.AsPointer(ref row) + count);
                    }

                    Vector256<double> wj = Vector256.Create(Unsafe.Add(ref wr, j));
                    z0 = SimdMath.MultiplyAdd(SimdMath.Widen(ref row), wj, z0);
                    z1 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref row, 4)), wj, z1);
                    z2 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref row, 8)), wj, z2);
                    z3 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref row, 12)), wj, z3);
                    row = ref Unsafe.Add(ref row, stride);
                }

                Vector256.StoreUnsafe(z0, ref zr, (nuint)i);
                Vector256.StoreUnsafe(z1, ref zr, (nuint)(i + 4));
                Vector256.StoreUnsafe(z2, ref zr, (nuint)(i + 8));
                Vector256.StoreUnsafe(z3, ref zr, (nuint)(i + 12));
            }

            for (; i <= count - 4; i += 4)
            {
                Vector256<double> z0 = bias;
                ref float row = ref Unsafe.Add(ref x, i);
                for (int j = 0; j < n; j++)
                {
                    z0 = SimdMath.MultiplyAdd(SimdMath.Widen(ref row), Vector256.Create(Unsafe.Add(ref wr, j)), z0);
                    row = ref Unsafe.Add(ref row, stride);
                }

                Vector256.StoreUnsafe(z0, ref zr, (nuint)i);
            }
        }

        // The samples that do not fill a vector: the same chain as one lane.
        for (; i < count; i++)
        {
            double zi = b;
            ref float row = ref Unsafe.Add(ref x, i);
            for (int j = 0; j < n; j++)
            {
                zi = SimdMath.MultiplyAdd(row, Unsafe.Add(ref wr, j), zi);
                row = ref Unsafe.Add(ref row, stride);
            }

            Unsafe.Add(ref zr, i) = zi;
        }
    }

    /// <summary>
    /// dw[j] += Σᵢ X[j, start + i]·rᵢ for every feature, four features at a time: each load of r serves four rows,
    /// and the eight accumulators (two per row) keep eight independent FMA chains in flight, where one row at a
    /// time kept two, bound by the FMA's latency. Each row's sum is formed exactly as <see cref="Dot"/> forms it
    /// (the same two accumulators, the same final additions), so the results are the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AddDots(FeatureMatrix data, int start, int count, ReadOnlySpan<double> r, Span<double> dw)
    {
        int n = data.FeatureCount, j = 0;
        if (Vector256.IsHardwareAccelerated && count >= 8)
        {
            nint stride = data.Stride;
            ref float x = ref Unsafe.Add(ref data.Origin, start);
            ref double rr = ref MemoryMarshal.GetReference(r);
            int vectorEnd = count & ~7;
            for (; j <= n - 4; j += 4)
            {
                ref float x0 = ref Unsafe.Add(ref x, j * stride);
                ref float x1 = ref Unsafe.Add(ref x0, stride);
                ref float x2 = ref Unsafe.Add(ref x1, stride);
                ref float x3 = ref Unsafe.Add(ref x2, stride);
                Vector256<double> a0 = Vector256<double>.Zero, c0 = a0, a1 = a0, c1 = a0, a2 = a0, c2 = a0, a3 = a0, c3 = a0;
                for (int i = 0; i < vectorEnd; i += 8)
                {
                    if (Sse.IsSupported && (i & 15) == 0)
                    {
                        // The next chunk's line of these four rows, into L2: the pass's next logits read n rows side by
                        // side, more streams than the hardware prefetcher follows. Logits asked for the same lines;
                        // asking in both places measured faster than either alone. A hint, which never faults (past the
                        // matrix's end, or at a stale address should the collector move it meanwhile).
                        // The address is formed as a pointer: past the matrix's last chunk it lies outside the array.
                        Sse.Prefetch1((float*)Unsafe.AsPointer(ref x0) + i + count);
                        Sse.Prefetch1((float*)Unsafe.AsPointer(ref x1) + i + count);
                        Sse.Prefetch1((float*)Unsafe.AsPointer(ref x2) + i + count);
                        Sse.Prefetch1((float*)Unsafe.AsPointer(ref x3) + i + count);
                    }

                    Vector256<double> low = Vector256.LoadUnsafe(ref rr, (nuint)i);
                    Vector256<double> high = Vector256.LoadUnsafe(ref rr, (nuint)(i + 4));
                    a0 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x0, i)), low, a0);
                    c0 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x0, i + 4)), high, c0);
                    a1 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x1, i)), low, a1);
                    c1 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x1, i + 4)), high, c1);
                    a2 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x2, i)), low, a2);
                    c2 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x2, i + 4)), high, c2);
                    a3 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x3, i)), low, a3);
                    c3 = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref x3, i + 4)), high, c3);
                }

                dw[j] += Tail(ref x0, r, vectorEnd, count, Vector256.Sum(a0 + c0));
                dw[j + 1] += Tail(ref x1, r, vectorEnd, count, Vector256.Sum(a1 + c1));
                dw[j + 2] += Tail(ref x2, r, vectorEnd, count, Vector256.Sum(a2 + c2));
                dw[j + 3] += Tail(ref x3, r, vectorEnd, count, Vector256.Sum(a3 + c3));
            }
        }

        for (; j < n; j++)
        {
            dw[j] += Dot(data.Feature(j).Slice(start, count), r);
        }

        static double Tail(ref float x, ReadOnlySpan<double> r, int from, int count, double sum)
        {
            for (int i = from; i < count; i++)
            {
                sum += Unsafe.Add(ref x, i) * r[i];
            }

            return sum;
        }
    }

    /// <summary>Σᵢ xᵢ·rᵢ in double, the floats widened exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<double> r)
    {
        int i = 0;
        double sum = 0d;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            ref float xr = ref MemoryMarshal.GetReference(x);
            ref double rr = ref MemoryMarshal.GetReference(r);
            Vector256<double> a = Vector256<double>.Zero, c = Vector256<double>.Zero;
            for (; i <= x.Length - 8; i += 8)
            {
                a = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref xr, i)), Vector256.LoadUnsafe(ref rr, (nuint)i), a);
                c = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref xr, i + 4)), Vector256.LoadUnsafe(ref rr, (nuint)(i + 4)), c);
            }

            sum = Vector256.Sum(a + c);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i] * r[i];
        }

        return sum;
    }
}

/// <summary>What a <see cref="DoubleKernels.Accumulate"/> pass computes besides the loss.</summary>
[Flags]
internal enum PassOutputs
{
    /// <summary>The loss only.</summary>
    Loss = 0,

    /// <summary>Also the gradient sums.</summary>
    Gradient = 1,

    /// <summary>Also the Hessian sums.</summary>
    Hessian = 2,
}
