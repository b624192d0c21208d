using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogRegGen.Optimization;

/// <summary>
/// The vector value-and-gradient pass of <see cref="MultinomialObjective"/>, one chunk of samples at a
/// time, in double: the chunk of X is widened to double once, the logits Z = W X + b are built by a
/// register tile of up to five classes × two vectors of samples, the softmax and the residuals
/// R = s·(A − Y) replace Z in place, and the gradient sums G += R Xᵀ come from a tile of up to five
/// classes × two features. The tiles run in 512-bit vectors where the runtime accelerates them, else
/// in 256-bit ones (<see cref="IVectorOps{TVector, T}"/>).
/// </summary>
/// <remarks>
/// Both tiles keep ten accumulators in registers and need seven loads per ten fused multiply-adds, so
/// the pass runs at the FMA ports' rate rather than the load ports'; the class count of a tile is a
/// type argument (<see cref="ITileWidth"/>), so the JIT compiles one loop per tile width with the
/// unused accumulators removed. A chunk's widened X (n·<see cref="ChunkSize"/> doubles) and logits
/// (K·<see cref="ChunkSize"/>) stay in the core's L2 cache between the two products. The kernels are
/// compiled fully optimized at their first call (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// their tier-0 vector code is many times slower, and a short process would pay for it.
/// </remarks>
internal static class MultinomialGradientKernel
{
    /// <summary>Samples per chunk.</summary>
    internal const int ChunkSize = 128;

    /// <summary>Samples per block of the logit tile: two vectors of eight doubles (four without AVX-512, two blocks).</summary>
    internal const int SampleBlock = 16;

    /// <summary>The most classes one tile handles.</summary>
    private const int TileClasses = 5;

    /// <summary>The doubles of scratch space <see cref="Chunk"/> needs for n features and K classes.</summary>
    internal static int BufferLength(int featureCount, int classCount) => (featureCount + classCount + 1) * ChunkSize;

    /// <summary>
    /// Adds the samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>)
    /// to <paramref name="partial"/>: partial[0] += Σ sᵢLᵢ, and for class k at 1 + k·(n + 1) the sums
    /// Σ rᵢₖ xᵢⱼ (j &lt; n) followed by Σ rᵢₖ.
    /// </summary>
    /// <param name="data">X (n, m) and the labels (class indices).</param>
    /// <param name="first">The first sample.</param>
    /// <param name="count">The samples: a positive multiple of <see cref="SampleBlock"/>, at most <see cref="ChunkSize"/>.</param>
    /// <param name="weights">W for the raw features, K rows of n.</param>
    /// <param name="biases">b for the raw features, K values.</param>
    /// <param name="sampleWeights">m weights, or empty for all 1.</param>
    /// <param name="buffer">Scratch space of <see cref="BufferLength"/> doubles.</param>
    /// <param name="partial">1 + K·(n + 1) sums.</param>
    /// <param name="wide">512-bit tiles (null: where the runtime accelerates them); false lets the tests run the 256-bit ones anywhere.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Chunk(FeatureMatrix data, int first, int count, ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> sampleWeights, Span<double> buffer, Span<double> partial, bool? wide = null)
    {
        int n = data.FeatureCount, k = biases.Length;
        ref double x = ref MemoryMarshal.GetReference(buffer);
        ref double z = ref Unsafe.Add(ref x, n * ChunkSize);
        ref double w = ref MemoryMarshal.GetReference(weights);
        ref double b = ref MemoryMarshal.GetReference(biases);

        // 1. X's chunk, widened once: x[j·ChunkSize + i].
        ref float source = ref Unsafe.Add(ref data.Origin, first);
        nint stride = data.Stride;
        for (int j = 0; j < n; j++)
        {
            ref double row = ref Unsafe.Add(ref x, j * ChunkSize);
            for (int i = 0; i < count; i += 4)
            {
                Vector256.StoreUnsafe(SimdMath.Widen(ref Unsafe.Add(ref source, i)), ref row, (nuint)i);
            }


            source = ref Unsafe.Add(ref source, stride);
        }

        // 2. Z = W X + b, class-major: z[c·ChunkSize + i]. The first tile requests the next chunk's
        //    cache lines as it goes: n rows read side by side are more streams than the hardware
        //    prefetcher follows, and the requests spread over the tile keep the line fill buffers free.
        ref float ahead = ref Unsafe.Add(ref data.Origin, first + ChunkSize);
        bool canWiden = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
        bool useWide = wide ?? canWiden;
        if (useWide)
        {
            if (!canWiden)
            {
                throw new PlatformNotSupportedException("512-bit vectors are not accelerated here.");
            }

            Logits<Double512, Vector512<double>>(ref ahead, stride, ref x, n, k, count, ref w, ref b, ref z);
        }
        else
        {
            Logits<Double256, Vector256<double>>(ref ahead, stride, ref x, n, k, count, ref w, ref b, ref z);
        }

        // 3. Softmax and residuals in place.
        partial[0] += Residuals(ref z, k, count, data.Labels.Slice(first, count), sampleWeights.IsEmpty ? default : sampleWeights.Slice(first, count), ref Unsafe.Add(ref z, k * ChunkSize));

        // 4. G += R Xᵀ, then the intercepts' sums Σ r.
        if (useWide)
        {
            Gradient<Double512, Vector512<double>>(ref x, n, k, count, ref z, partial);
        }
        else
        {
            Gradient<Double256, Vector256<double>>(ref x, n, k, count, ref z, partial);
        }

        for (int c = 0; c < k; c++)
        {
            ref double r = ref Unsafe.Add(ref z, c * ChunkSize);
            Vector256<double> total = Vector256<double>.Zero;
            for (int i = 0; i < count; i += 4)
            {
                total += Vector256.LoadUnsafe(ref r, (nuint)i);
            }

            partial[1 + (c * (n + 1)) + n] += Vector256.Sum(total);
        }
    }

    /// <summary>Z for every class: tiles of five classes, then the rest in one tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Logits<TOps, TVector>(ref float ahead, nint stride, ref double x, int n, int k, int count, ref double w, ref double b, ref double z)
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        int c0 = 0;
        for (; k - c0 >= TileClasses; c0 += TileClasses)
        {
            LogitTile<Tile5, TOps, TVector>(ref ahead, stride, ref x, n, count, ref Unsafe.Add(ref w, c0 * n), ref Unsafe.Add(ref b, c0), ref Unsafe.Add(ref z, c0 * ChunkSize));
        }

        switch (k - c0)
        {
            case 4:
                LogitTile<Tile4, TOps, TVector>(ref ahead, stride, ref x, n, count, ref Unsafe.Add(ref w, c0 * n), ref Unsafe.Add(ref b, c0), ref Unsafe.Add(ref z, c0 * ChunkSize));
                break;
            case 3:
                LogitTile<Tile3, TOps, TVector>(ref ahead, stride, ref x, n, count, ref Unsafe.Add(ref w, c0 * n), ref Unsafe.Add(ref b, c0), ref Unsafe.Add(ref z, c0 * ChunkSize));
                break;
            case 2:
                LogitTile<Tile2, TOps, TVector>(ref ahead, stride, ref x, n, count, ref Unsafe.Add(ref w, c0 * n), ref Unsafe.Add(ref b, c0), ref Unsafe.Add(ref z, c0 * ChunkSize));
                break;
            case 1:
                LogitTile<Tile1, TOps, TVector>(ref ahead, stride, ref x, n, count, ref Unsafe.Add(ref w, c0 * n), ref Unsafe.Add(ref b, c0), ref Unsafe.Add(ref z, c0 * ChunkSize));
                break;
        }
    }

    /// <summary>G += R Xᵀ for every class: tiles of five classes, then the rest in one tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gradient<TOps, TVector>(ref double x, int n, int k, int count, ref double z, Span<double> partial)
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        int c0 = 0;
        for (; k - c0 >= TileClasses; c0 += TileClasses)
        {
            GradientTile<Tile5, TOps, TVector>(ref x, n, count, ref Unsafe.Add(ref z, c0 * ChunkSize), partial.Slice(1 + (c0 * (n + 1))));
        }

        switch (k - c0)
        {
            case 4:
                GradientTile<Tile4, TOps, TVector>(ref x, n, count, ref Unsafe.Add(ref z, c0 * ChunkSize), partial.Slice(1 + (c0 * (n + 1))));
                break;
            case 3:
                GradientTile<Tile3, TOps, TVector>(ref x, n, count, ref Unsafe.Add(ref z, c0 * ChunkSize), partial.Slice(1 + (c0 * (n + 1))));
                break;
            case 2:
                GradientTile<Tile2, TOps, TVector>(ref x, n, count, ref Unsafe.Add(ref z, c0 * ChunkSize), partial.Slice(1 + (c0 * (n + 1))));
                break;
            case 1:
                GradientTile<Tile1, TOps, TVector>(ref x, n, count, ref Unsafe.Add(ref z, c0 * ChunkSize), partial.Slice(1 + (c0 * (n + 1))));
                break;
        }
    }

    /// <summary>Z for T.Width classes from <paramref name="w"/>'s row on: two vectors of samples (8 or 16) and every class per read of a feature's values.</summary>
    /// <remarks>
    /// Each step also prefetches the line of the next chunk at the same place (<paramref name="ahead"/>,
    /// rows <paramref name="stride"/> apart): a hint, which never faults, even past the matrix's end or
    /// at a stale address should the collector move the array meanwhile.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void LogitTile<T, TOps, TVector>(ref float ahead, nint stride, ref double x, int n, int count, ref double w, ref double b, ref double z)
        where T : struct, ITileWidth
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        int block = 2 * TOps.Count;
        nuint second = (nuint)TOps.Count;
        for (int i = 0; i < count; i += block)
        {
            ref float next = ref Unsafe.Add(ref ahead, i);
            TVector a0 = TOps.Create(b), a1 = a0;
            TVector b0 = T.Width > 1 ? TOps.Create(Unsafe.Add(ref b, 1)) : default, b1 = b0;
            TVector d0 = T.Width > 2 ? TOps.Create(Unsafe.Add(ref b, 2)) : default, d1 = d0;
            TVector e0 = T.Width > 3 ? TOps.Create(Unsafe.Add(ref b, 3)) : default, e1 = e0;
            TVector f0 = T.Width > 4 ? TOps.Create(Unsafe.Add(ref b, 4)) : default, f1 = f0;
            ref double column = ref Unsafe.Add(ref x, i);
            for (int j = 0; j < n; j++)
            {
                TVector x0 = TOps.Load(ref column, 0);
                TVector x1 = TOps.Load(ref column, second);
                TVector weight = TOps.Create(Unsafe.Add(ref w, j));
                a0 = TOps.MultiplyAdd(x0, weight, a0);
                a1 = TOps.MultiplyAdd(x1, weight, a1);
                if (T.Width > 1)
                {
                    weight = TOps.Create(Unsafe.Add(ref w, n + j));
                    b0 = TOps.MultiplyAdd(x0, weight, b0);
                    b1 = TOps.MultiplyAdd(x1, weight, b1);
                }

                if (T.Width > 2)
                {
                    weight = TOps.Create(Unsafe.Add(ref w, (2 * n) + j));
                    d0 = TOps.MultiplyAdd(x0, weight, d0);
                    d1 = TOps.MultiplyAdd(x1, weight, d1);
                }

                if (T.Width > 3)
                {
                    weight = TOps.Create(Unsafe.Add(ref w, (3 * n) + j));
                    e0 = TOps.MultiplyAdd(x0, weight, e0);
                    e1 = TOps.MultiplyAdd(x1, weight, e1);
                }

                if (T.Width > 4)
                {
                    weight = TOps.Create(Unsafe.Add(ref w, (4 * n) + j));
                    f0 = TOps.MultiplyAdd(x0, weight, f0);
                    f1 = TOps.MultiplyAdd(x1, weight, f1);
                }

                if (Sse.IsSupported)
                {
                    Sse.Prefetch0(Unsafe.AsPointer(ref next));
                }

                next = ref Unsafe.Add(ref next, stride);
                column = ref Unsafe.Add(ref column, ChunkSize);
            }

            Store<TOps, TVector>(a0, a1, ref z, i);
            if (T.Width > 1)
            {
                Store<TOps, TVector>(b0, b1, ref z, ChunkSize + i);
            }

            if (T.Width > 2)
            {
                Store<TOps, TVector>(d0, d1, ref z, (2 * ChunkSize) + i);
            }

            if (T.Width > 3)
            {
                Store<TOps, TVector>(e0, e1, ref z, (3 * ChunkSize) + i);
            }

            if (T.Width > 4)
            {
                Store<TOps, TVector>(f0, f1, ref z, (4 * ChunkSize) + i);
            }
        }
    }

    /// <summary>
    /// Replaces the logits with r = s·(a − [y = c]) four samples at a time and returns Σ s·L with
    /// L = max + ln Σ e^{z − max} − z_y, so no exponential overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Residuals(ref double z, int k, int count, ReadOnlySpan<float> labels, ReadOnlySpan<double> sampleWeights, ref double trueLogit)
    {
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref trueLogit, i) = Unsafe.Add(ref z, ((int)labels[i] * ChunkSize) + i);
        }

        Vector256<double> loss = Vector256<double>.Zero;
        ref float label = ref MemoryMarshal.GetReference(labels);
        for (int i = 0; i < count; i += 4)
        {
            Vector256<double> max = Vector256.LoadUnsafe(ref z, (nuint)i);
            for (int c = 1; c < k; c++)
            {
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref z, (nuint)((c * ChunkSize) + i)));
            }

            Vector256<double> sum = Vector256<double>.Zero;
            for (int c = 0; c < k; c++)
            {
                nuint at = (nuint)((c * ChunkSize) + i);
                Vector256<double> e = SimdMath.ExpNonPositive(Vector256.LoadUnsafe(ref z, at) - max);
                Vector256.StoreUnsafe(e, ref z, at);
                sum += e;
            }

            Vector256<double> s = sampleWeights.IsEmpty ? Vector256<double>.One : Vector256.Create(sampleWeights.Slice(i, 4));
            Vector256<double> y = SimdMath.Widen(ref Unsafe.Add(ref label, i));
            Vector256<double> scale = s / sum;
            for (int c = 0; c < k; c++)
            {
                nuint at = (nuint)((c * ChunkSize) + i);
                Vector256<double> hit = Vector256.Equals(y, Vector256.Create((double)c)) & s;
                Vector256.StoreUnsafe(SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref z, at), scale, -hit), ref z, at);
            }

            // The largest term is e⁰ = 1, so sum ≥ 1.
            loss = SimdMath.MultiplyAdd(s, max + SimdMath.LogAtLeastOne(sum) - Vector256.LoadUnsafe(ref trueLogit, (nuint)i), loss);
        }

        return Vector256.Sum(loss);
    }

    /// <summary>G += R Xᵀ for T.Width classes: two features and every class per pass over the chunk's samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientTile<T, TOps, TVector>(ref double x, int n, int count, ref double r, Span<double> partial)
        where T : struct, ITileWidth
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        int stride = n + 1;
        int j = 0;
        for (; j + 1 < n; j += 2)
        {
            ref double u = ref Unsafe.Add(ref x, j * ChunkSize);
            ref double v = ref Unsafe.Add(ref u, ChunkSize);
            TVector a0 = default, a1 = default, b0 = default, b1 = default, d0 = default, d1 = default, e0 = default, e1 = default, f0 = default, f1 = default;
            for (int i = 0; i < count; i += TOps.Count)
            {
                TVector x0 = TOps.Load(ref u, (nuint)i);
                TVector x1 = TOps.Load(ref v, (nuint)i);
                TVector residual = TOps.Load(ref r, (nuint)i);
                a0 = TOps.MultiplyAdd(x0, residual, a0);
                a1 = TOps.MultiplyAdd(x1, residual, a1);
                if (T.Width > 1)
                {
                    residual = TOps.Load(ref r, (nuint)(ChunkSize + i));
                    b0 = TOps.MultiplyAdd(x0, residual, b0);
                    b1 = TOps.MultiplyAdd(x1, residual, b1);
                }

                if (T.Width > 2)
                {
                    residual = TOps.Load(ref r, (nuint)((2 * ChunkSize) + i));
                    d0 = TOps.MultiplyAdd(x0, residual, d0);
                    d1 = TOps.MultiplyAdd(x1, residual, d1);
                }

                if (T.Width > 3)
                {
                    residual = TOps.Load(ref r, (nuint)((3 * ChunkSize) + i));
                    e0 = TOps.MultiplyAdd(x0, residual, e0);
                    e1 = TOps.MultiplyAdd(x1, residual, e1);
                }

                if (T.Width > 4)
                {
                    residual = TOps.Load(ref r, (nuint)((4 * ChunkSize) + i));
                    f0 = TOps.MultiplyAdd(x0, residual, f0);
                    f1 = TOps.MultiplyAdd(x1, residual, f1);
                }
            }

            Add<TOps, TVector>(partial, j, a0, a1);
            if (T.Width > 1)
            {
                Add<TOps, TVector>(partial, stride + j, b0, b1);
            }

            if (T.Width > 2)
            {
                Add<TOps, TVector>(partial, (2 * stride) + j, d0, d1);
            }

            if (T.Width > 3)
            {
                Add<TOps, TVector>(partial, (3 * stride) + j, e0, e1);
            }

            if (T.Width > 4)
            {
                Add<TOps, TVector>(partial, (4 * stride) + j, f0, f1);
            }
        }

        if (j < n)
        {
            // An odd last feature: one accumulator per class.
            ref double u = ref Unsafe.Add(ref x, j * ChunkSize);
            for (int c = 0; c < T.Width; c++)
            {
                ref double rc = ref Unsafe.Add(ref r, c * ChunkSize);
                TVector a = default;
                for (int i = 0; i < count; i += TOps.Count)
                {
                    a = TOps.MultiplyAdd(TOps.Load(ref u, (nuint)i), TOps.Load(ref rc, (nuint)i), a);
                }

                partial[(c * stride) + j] += TOps.Sum(a);
            }
        }
    }

    private static void Add<TOps, TVector>(Span<double> partial, int at, TVector first, TVector second)
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        partial[at] += TOps.Sum(first);
        partial[at + 1] += TOps.Sum(second);
    }

    private static void Store<TOps, TVector>(TVector low, TVector high, ref double destination, int at)
        where TOps : struct, IVectorOps<TVector, double>
        where TVector : struct
    {
        TOps.Store(low, ref destination, (nuint)at);
        TOps.Store(high, ref destination, (nuint)(at + TOps.Count));
    }
}
