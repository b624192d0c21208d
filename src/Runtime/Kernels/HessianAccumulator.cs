using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// The binary Hessian's data term Σᵢ hᵢ·x̃ᵢx̃ᵢᵀ (x̃ = [x; 1]) over one worker's range of samples, added
/// chunk by chunk: products in float, sums in double, the features centred first.
/// </summary>
/// <remarks>
/// <para>
/// Per block of <see cref="Block"/> samples, X's columns are transposed to sample-major rows
/// vᵢ = √hᵢ·(xᵢ − c) (c: the block's first chunk's feature means, rounded to float) and the lower
/// triangle of Σᵢ vᵢvᵢᵀ is built as a sum of outer products: a register tile of four rows × up to
/// four vectors of columns broadcasts four elements of vᵢ and loads the vectors once, so each load
/// serves four fused multiply-adds and the accumulators are whole rows of the Hessian — no horizontal
/// sums. After each block the float tile is widened and added to double sums, so a float sum never
/// holds more than <see cref="Block"/> terms (relative error ≲ 10⁻⁵; the diagonal's terms are all
/// positive). <see cref="AddTo"/> then moves the centred sums exactly, in double, back to the raw
/// features (wⱼ, b): Σ h xⱼxₖ = Σ h x̃ⱼx̃ₖ + cⱼΣ h x̃ₖ + cₖΣ h x̃ⱼ + cⱼcₖΣ h.
/// </para>
/// <para>
/// Why float and centred: the Hessian only steers Newton's steps — the optimum is where the double
/// gradient vanishes — so a 10⁻⁵ relative error in it changes the convergence rate imperceptibly,
/// not the answer; float products run at twice double's rate per vector. Without centring, features
/// with a large offset make the raw entries ≈ μⱼμₖΣh, and the float error would be relative to those,
/// not to the spread that determines the step.
/// </para>
/// </remarks>
internal sealed class HessianAccumulator
{
    /// <summary>Samples per float accumulation (and per transposed block).</summary>
    internal const int Block = 128;

    /// <summary>Rows per register tile.</summary>
    private const int TileRows = 4;

    /// <summary>Rows per tall register tile (<see cref="Tile{TRows, T, TOps, TVector}"/> with <see cref="Tile8"/>).</summary>
    private const int TallTileRows = 8;

    /// <summary>Below this many features the sums run feature-major, pair by pair (see <see cref="Pairs"/>).</summary>
    private const int TransposeMinimumFeatures = 8;

    private readonly int _n;
    private readonly int _padded;
    private readonly bool _wide;
    private readonly float[] _rows;
    private readonly float[] _centers;
    private readonly float[] _roots;
    private readonly double[] _cross;
    private readonly double[] _column;
    private double _total;
    private bool _centered;

    /// <summary>This thread's last accumulator, reused by <see cref="Rent"/>: a pass makes one per shard.</summary>
    [ThreadStatic]
    private static HessianAccumulator? t_cached;

    /// <summary>Creates an empty accumulator for <paramref name="featureCount"/> features.</summary>
    /// <param name="featureCount">n.</param>
    /// <param name="wide">512-bit vectors (null: where the runtime accelerates them and n &gt; 8); false lets the tests run the 256-bit tiles anywhere.</param>
    public HessianAccumulator(int featureCount, bool? wide = null)
    {
        bool canWiden = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
        _wide = wide ?? (canWiden && featureCount > 8);
        if (_wide && !canWiden)
        {
            throw new PlatformNotSupportedException("512-bit vectors are not accelerated here.");
        }

        int lanes = _wide ? 16 : 8;
        _n = featureCount;
        _padded = (featureCount + lanes - 1) / lanes * lanes;

        // The rows and centres past n stay 0, so the padding columns of every product are 0.
        _rows = new float[Block * _padded];
        _centers = new float[_padded];
        _roots = new float[Block];
        _cross = new double[_padded * _padded];
        _column = new double[_padded];
    }

    /// <summary>
    /// An empty accumulator for <paramref name="featureCount"/> features at the default width: this
    /// thread's previous one, cleared, when it has that n (and holds at most 256 padded features, so a
    /// thread never keeps more than half a megabyte), else a new one. One in use per thread at a time.
    /// </summary>
    /// <param name="featureCount">n.</param>
    /// <returns>The accumulator.</returns>
    public static HessianAccumulator Rent(int featureCount)
    {
        HessianAccumulator? cached = t_cached;
        if (cached is not null && cached._n == featureCount)
        {
            Array.Clear(cached._cross);
            Array.Clear(cached._column);
            cached._total = 0d;
            cached._centered = false;
            return cached;
        }

        var created = new HessianAccumulator(featureCount);
        if (created._padded <= 256)
        {
            t_cached = created;
        }

        return created;
    }

    /// <summary>Adds the samples [<paramref name="start"/>, start + h.Length) with curvatures <paramref name="h"/> (sample weights included, each ≥ 0).</summary>
    /// <param name="data">X (n, m).</param>
    /// <param name="start">The chunk's first sample.</param>
    /// <param name="h">One curvature per sample of the chunk.</param>
    /// <param name="total">Σ h over the chunk.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(FeatureMatrix data, int start, ReadOnlySpan<double> h, double total)
    {
        if (!_centered)
        {
            Center(data, start, h.Length);
        }

        _total += total;
        for (int offset = 0; offset < h.Length; offset += Block)
        {
            int count = Math.Min(Block, h.Length - offset);
            if (_n < TransposeMinimumFeatures)
            {
                Pairs(data, start + offset, h.Slice(offset, count));
                continue;
            }

            Transpose(data, start + offset, count);
            if (_wide)
            {
                Scale<Float512, Vector512<float>>(h.Slice(offset, count));
                Tiles<Float512, Vector512<float>>(count);
            }
            else
            {
                Scale<Float256, Vector256<float>>(h.Slice(offset, count));
                Tiles<Float256, Vector256<float>>(count);
            }
        }
    }

    /// <summary>
    /// Adds the sums, for the raw features, to <paramref name="hessian"/> (d × d, row-major): the lower
    /// triangle of the feature block and, with the intercept, its column (row j, column n) and corner.
    /// </summary>
    /// <param name="hessian">The sums to add to.</param>
    /// <param name="d">n, plus 1 with the intercept.</param>
    /// <param name="fitIntercept">Whether the intercept's column and corner are wanted.</param>
    public void AddTo(Span<double> hessian, int d, bool fitIntercept)
    {
        int n = _n, p = _padded;
        double total = _total;
        for (int j = 0; j < n; j++)
        {
            double cj = _centers[j], hjb = _column[j];
            for (int k = 0; k <= j; k++)
            {
                double ck = _centers[k];
                hessian[(j * d) + k] += _cross[(j * p) + k] + (cj * _column[k]) + (ck * hjb) + (cj * ck * total);
            }

            if (fitIntercept)
            {
                hessian[(j * d) + n] += hjb + (cj * total);
            }
        }

        if (fitIntercept)
        {
            hessian[(n * d) + n] += total;
        }
    }

    /// <summary>The centres: each feature's mean over the first chunk, rounded to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Center(FeatureMatrix data, int start, int count)
    {
        for (int j = 0; j < _n; j++)
        {
            _centers[j] = (float)(FloatKernels.Sum(data.Feature(j).Slice(start, count)) / Math.Max(1, count));
        }

        _centered = true;
    }

    /// <summary>
    /// The block's sums for n &lt; 8, where an 8 × 8 transpose does not fit and a register tile would be
    /// mostly padding: the centred, √h-scaled features feature-major (vⱼ = √h ⊙ (xⱼ − cⱼ)), then one
    /// vector dot product per entry of the lower triangle and of the intercept column, eight samples per
    /// step with two chains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pairs(FeatureMatrix data, int start, ReadOnlySpan<double> h)
    {
        int n = _n, p = _padded, count = h.Length;
        ref float roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        ref float scaled = ref MemoryMarshal.GetArrayDataReference(_rows);
        Roots(h);
        for (int j = 0; j < n; j++)
        {
            ref float x = ref MemoryMarshal.GetReference(data.Feature(j).Slice(start, count));
            ref float v = ref Unsafe.Add(ref scaled, j * Block);
            float center = _centers[j];
            Vector256<float> centers = Vector256.Create(center);
            int i = 0;
            for (; i + 8 <= count; i += 8)
            {
                Vector256.StoreUnsafe((Vector256.LoadUnsafe(ref x, (nuint)i) - centers) * Vector256.LoadUnsafe(ref roots, (nuint)i), ref v, (nuint)i);
            }

            for (; i < count; i++)
            {
                Unsafe.Add(ref v, i) = (Unsafe.Add(ref x, i) - center) * Unsafe.Add(ref roots, i);
            }

            for (int k = 0; k <= j; k++)
            {
                _cross[(j * p) + k] += Dot(ref v, ref Unsafe.Add(ref scaled, k * Block), count);
            }

            _column[j] += Dot(ref v, ref roots, count);
        }
    }

    /// <summary>√hᵢ in float, eight at a time.</summary>
    private void Roots(ReadOnlySpan<double> h)
    {
        ref float roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        ref double source = ref MemoryMarshal.GetReference(h);
        int i = 0;
        for (; i + 8 <= h.Length; i += 8)
        {
            Vector256<float> narrowed = Vector256.Narrow(Vector256.LoadUnsafe(ref source, (nuint)i), Vector256.LoadUnsafe(ref source, (nuint)(i + 4)));
            Vector256.StoreUnsafe(Vector256.Sqrt(narrowed), ref roots, (nuint)i);
        }

        for (; i < h.Length; i++)
        {
            Unsafe.Add(ref roots, i) = MathF.Sqrt((float)h[i]);
        }
    }

    /// <summary>Σ aᵢbᵢ over <paramref name="count"/> floats, in float per lane (a block's few terms), returned as double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ref float a, ref float b, int count)
    {
        Vector256<float> even = Vector256<float>.Zero, odd = Vector256<float>.Zero;
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            even = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), even);
            odd = SimdMath.MultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)(i + 8)), Vector256.LoadUnsafe(ref b, (nuint)(i + 8)), odd);
        }

        Vector256<float> total = even + odd;
        double sum = Vector256.Sum(Vector256.WidenLower(total) + Vector256.WidenUpper(total));
        for (; i < count; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    /// <summary>
    /// X's <paramref name="count"/> columns from <paramref name="start"/> into sample-major rows: 8 × 8 tiles by vector
    /// shuffles, the last n mod 8 features' tile with zeros for its missing rows; the last count mod 8 samples one value
    /// at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Transpose(FeatureMatrix data, int start, int count)
    {
        int n = _n, p = _padded;
        nint stride = data.Stride;
        ref float source = ref Unsafe.Add(ref data.Origin, start);
        ref float rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        int tiledSamples = Avx.IsSupported ? count & ~7 : 0, tiledFeatures = Avx.IsSupported ? n & ~7 : 0;
        for (int j = 0; j < tiledFeatures; j += 8)
        {
            ref float feature = ref Unsafe.Add(ref source, j * stride);
            for (int i = 0; i < tiledSamples; i += 8)
            {
                MultinomialMath.Transpose8(ref Unsafe.Add(ref feature, i), (int)stride, ref Unsafe.Add(ref rows, (i * p) + j), p);
                if ((i & 15) == 0 && Sse.IsSupported)
                {
                    // The same eight rows one chunk on, a line each: n rows read side by side are more
                    // streams than the hardware prefetcher follows. A hint, which never faults (past the
                    // matrix's end, or at a stale address should the collector move it meanwhile).
                    ref float ahead = ref Unsafe.Add(ref feature, i + ChunkScheduler.ChunkSize);
                    for (int r = 0; r < 8; r++)
                    {
                        Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, r * stride)));
                    }
                }
            }
        }

        int rest = n - tiledFeatures;
        if (rest > 0 && tiledSamples > 0)
        {
            // The last n mod 8 features by a tile too, its missing rows zeros: the padding columns it writes to
            // hold zeros anyway.
            ref float feature = ref Unsafe.Add(ref source, tiledFeatures * stride);
            for (int i = 0; i < tiledSamples; i += 8)
            {
                MultinomialMath.Transpose8(ref Unsafe.Add(ref feature, i), (int)stride, ref Unsafe.Add(ref rows, (i * p) + tiledFeatures), p, inputs: rest);
            }
        }

        for (int j = 0; j < n; j++)
        {
            ref float feature = ref Unsafe.Add(ref source, j * stride);
            for (int i = tiledSamples; i < count; i++)
            {
                Unsafe.Add(ref rows, (i * p) + j) = Unsafe.Add(ref feature, i);
            }
        }
    }

    /// <summary>vᵢ = √hᵢ·(xᵢ − c) in place, and Σᵢ √hᵢ·vᵢ = Σᵢ hᵢ(xᵢ − c) added to the intercept column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scale<TOps, TVector>(ReadOnlySpan<double> h)
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
    {
        int p = _padded, lanes = TOps.Count, count = h.Length;
        ref float roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        Roots(h);

        // Column by column, so the sums stay in registers: two chains, even and odd samples.
        ref float rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref double column = ref MemoryMarshal.GetArrayDataReference(_column);
        for (int v = 0; v < p; v += lanes)
        {
            TVector center = TOps.Load(ref _centers[0], (nuint)v), even = default, odd = default;
            ref float row = ref Unsafe.Add(ref rows, v);
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                TVector g = TOps.Create(Unsafe.Add(ref roots, i));
                TVector value = Multiply<TOps, TVector>(Subtract<TOps, TVector>(TOps.Load(ref row, 0), center), g);
                TOps.Store(value, ref row, 0);
                even = TOps.MultiplyAdd(value, g, even);
                g = TOps.Create(Unsafe.Add(ref roots, i + 1));
                value = Multiply<TOps, TVector>(Subtract<TOps, TVector>(TOps.Load(ref row, (nuint)p), center), g);
                TOps.Store(value, ref row, (nuint)p);
                odd = TOps.MultiplyAdd(value, g, odd);
                row = ref Unsafe.Add(ref row, 2 * p);
            }

            if (i < count)
            {
                TVector g = TOps.Create(Unsafe.Add(ref roots, i));
                TVector value = Multiply<TOps, TVector>(Subtract<TOps, TVector>(TOps.Load(ref row, 0), center), g);
                TOps.Store(value, ref row, 0);
                even = TOps.MultiplyAdd(value, g, even);
            }

            TOps.AddWidened(even, ref Unsafe.Add(ref column, v));
            TOps.AddWidened(odd, ref Unsafe.Add(ref column, v));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Multiply<TOps, TVector>(TVector a, TVector b)
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
        => TOps.Multiply(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Subtract<TOps, TVector>(TVector a, TVector b)
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
        => TOps.Subtract(a, b);

    /// <summary>The lower triangle of Σᵢ vᵢvᵢᵀ over the block's rows, eight or four rows at a time, added to the double sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tiles<TOps, TVector>(int count)
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
    {
        // Column vectors per four-row tile: four with 512-bit vectors (32 registers); three with 256-bit ones,
        // whose twelve sums, three loads and a broadcast fill the 16 registers of AVX2 exactly. Three measured
        // 3-25 % faster than two on a Zen 3 core (the Hessian pass, n = 30 and 64): twelve independent sums cover
        // the multiply-add latency of two pipes with room to spare, where eight covered it only just.
        int lanes = TOps.Count, widest = lanes == 16 ? 4 : 3;

        // Eight rows at a time while they need at most `tallest` column vectors: a four-row tile of one or two
        // vectors has too few independent sums to keep both FMA units busy (each sum waits on its last). Rows
        // from n on are padding, not computed.
        int tallest = lanes == 16 ? 3 : 1;
        int j = 0;
        for (; j < _n && j + TallTileRows <= _padded; j += TallTileRows)
        {
            int tall = (Math.Min(j + TallTileRows, _n) + lanes - 1) / lanes;
            if (tall > tallest)
            {
                break;
            }

            switch (tall)
            {
                case 1:
                    Tile<Tile8, Tile1, TOps, TVector>(j, 0, count);
                    break;
                case 2:
                    Tile<Tile8, Tile2, TOps, TVector>(j, 0, count);
                    break;
                default:
                    Tile<Tile8, Tile3, TOps, TVector>(j, 0, count);
                    break;
            }
        }

        for (; j < _n; j += TileRows)
        {
            // The column vectors that hold some k ≤ j + 3 (the entries above the diagonal are computed and not used).
            int vectors = (Math.Min(j + TileRows, _n) + lanes - 1) / lanes;
            for (int v = 0; v < vectors; v += widest)
            {
                switch (Math.Min(widest, vectors - v))
                {
                    case 1:
                        Tile<Tile4, Tile1, TOps, TVector>(j, v * lanes, count);
                        break;
                    case 2:
                        Tile<Tile4, Tile2, TOps, TVector>(j, v * lanes, count);
                        break;
                    case 3:
                        Tile<Tile4, Tile3, TOps, TVector>(j, v * lanes, count);
                        break;
                    default:
                        Tile<Tile4, Tile4, TOps, TVector>(j, v * lanes, count);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Rows j…j + TRows.Width − 1 (4 or 8) × T.Width column vectors from <paramref name="column"/>: per sample, one
    /// load per column vector and one broadcast per row feed TRows.Width·T.Width fused multiply-adds into float
    /// accumulators, widened and added to the double sums at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tile<TRows, T, TOps, TVector>(int j, int column, int count)
        where TRows : struct, ITileWidth
        where T : struct, ITileWidth
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
    {
        int p = _padded;
        nuint c0 = (nuint)column, c1 = (nuint)(column + TOps.Count), c2 = (nuint)(column + (2 * TOps.Count)), c3 = (nuint)(column + (3 * TOps.Count));
        TVector a0 = default, a1 = default, a2 = default, a3 = default;
        TVector b0 = default, b1 = default, b2 = default, b3 = default;
        TVector d0 = default, d1 = default, d2 = default, d3 = default;
        TVector e0 = default, e1 = default, e2 = default, e3 = default;
        TVector f0 = default, f1 = default, f2 = default, f3 = default;
        TVector g0 = default, g1 = default, g2 = default, g3 = default;
        TVector k0 = default, k1 = default, k2 = default, k3 = default;
        TVector q0 = default, q1 = default, q2 = default, q3 = default;
        ref float row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rows), j);
        ref float first = ref Unsafe.Subtract(ref row, j);
        for (int i = 0; i < count; i++)
        {
            TVector x0 = TOps.Load(ref first, c0);
            TVector x1 = T.Width > 1 ? TOps.Load(ref first, c1) : default;
            TVector x2 = T.Width > 2 ? TOps.Load(ref first, c2) : default;
            TVector x3 = T.Width > 3 ? TOps.Load(ref first, c3) : default;
            TVector r = TOps.Create(row);
            a0 = TOps.MultiplyAdd(r, x0, a0);
            if (T.Width > 1) { a1 = TOps.MultiplyAdd(r, x1, a1); }
            if (T.Width > 2) { a2 = TOps.MultiplyAdd(r, x2, a2); }
            if (T.Width > 3) { a3 = TOps.MultiplyAdd(r, x3, a3); }
            r = TOps.Create(Unsafe.Add(ref row, 1));
            b0 = TOps.MultiplyAdd(r, x0, b0);
            if (T.Width > 1) { b1 = TOps.MultiplyAdd(r, x1, b1); }
            if (T.Width > 2) { b2 = TOps.MultiplyAdd(r, x2, b2); }
            if (T.Width > 3) { b3 = TOps.MultiplyAdd(r, x3, b3); }
            r = TOps.Create(Unsafe.Add(ref row, 2));
            d0 = TOps.MultiplyAdd(r, x0, d0);
            if (T.Width > 1) { d1 = TOps.MultiplyAdd(r, x1, d1); }
            if (T.Width > 2) { d2 = TOps.MultiplyAdd(r, x2, d2); }
            if (T.Width > 3) { d3 = TOps.MultiplyAdd(r, x3, d3); }
            r = TOps.Create(Unsafe.Add(ref row, 3));
            e0 = TOps.MultiplyAdd(r, x0, e0);
            if (T.Width > 1) { e1 = TOps.MultiplyAdd(r, x1, e1); }
            if (T.Width > 2) { e2 = TOps.MultiplyAdd(r, x2, e2); }
            if (T.Width > 3) { e3 = TOps.MultiplyAdd(r, x3, e3); }
            if (TRows.Width > 4)
            {
                r = TOps.Create(Unsafe.Add(ref row, 4));
                f0 = TOps.MultiplyAdd(r, x0, f0);
                if (T.Width > 1) { f1 = TOps.MultiplyAdd(r, x1, f1); }
                if (T.Width > 2) { f2 = TOps.MultiplyAdd(r, x2, f2); }
                if (T.Width > 3) { f3 = TOps.MultiplyAdd(r, x3, f3); }
                r = TOps.Create(Unsafe.Add(ref row, 5));
                g0 = TOps.MultiplyAdd(r, x0, g0);
                if (T.Width > 1) { g1 = TOps.MultiplyAdd(r, x1, g1); }
                if (T.Width > 2) { g2 = TOps.MultiplyAdd(r, x2, g2); }
                if (T.Width > 3) { g3 = TOps.MultiplyAdd(r, x3, g3); }
                r = TOps.Create(Unsafe.Add(ref row, 6));
                k0 = TOps.MultiplyAdd(r, x0, k0);
                if (T.Width > 1) { k1 = TOps.MultiplyAdd(r, x1, k1); }
                if (T.Width > 2) { k2 = TOps.MultiplyAdd(r, x2, k2); }
                if (T.Width > 3) { k3 = TOps.MultiplyAdd(r, x3, k3); }
                r = TOps.Create(Unsafe.Add(ref row, 7));
                q0 = TOps.MultiplyAdd(r, x0, q0);
                if (T.Width > 1) { q1 = TOps.MultiplyAdd(r, x1, q1); }
                if (T.Width > 2) { q2 = TOps.MultiplyAdd(r, x2, q2); }
                if (T.Width > 3) { q3 = TOps.MultiplyAdd(r, x3, q3); }
            }
            row = ref Unsafe.Add(ref row, p);
            first = ref Unsafe.Add(ref first, p);
        }

        ref double sums = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cross), (j * p) + column);
        Flush<T, TOps, TVector>(a0, a1, a2, a3, ref sums);
        Flush<T, TOps, TVector>(b0, b1, b2, b3, ref Unsafe.Add(ref sums, p));
        Flush<T, TOps, TVector>(d0, d1, d2, d3, ref Unsafe.Add(ref sums, 2 * p));
        Flush<T, TOps, TVector>(e0, e1, e2, e3, ref Unsafe.Add(ref sums, 3 * p));
        if (TRows.Width > 4)
        {
            Flush<T, TOps, TVector>(f0, f1, f2, f3, ref Unsafe.Add(ref sums, 4 * p));
            Flush<T, TOps, TVector>(g0, g1, g2, g3, ref Unsafe.Add(ref sums, 5 * p));
            Flush<T, TOps, TVector>(k0, k1, k2, k3, ref Unsafe.Add(ref sums, 6 * p));
            Flush<T, TOps, TVector>(q0, q1, q2, q3, ref Unsafe.Add(ref sums, 7 * p));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Flush<T, TOps, TVector>(TVector s0, TVector s1, TVector s2, TVector s3, ref double sums)
        where T : struct, ITileWidth
        where TOps : struct, IFloatVectorOps<TVector>
        where TVector : struct
    {
        TOps.AddWidened(s0, ref sums);
        if (T.Width > 1) { TOps.AddWidened(s1, ref Unsafe.Add(ref sums, TOps.Count)); }
        if (T.Width > 2) { TOps.AddWidened(s2, ref Unsafe.Add(ref sums, 2 * TOps.Count)); }
        if (T.Width > 3) { TOps.AddWidened(s3, ref Unsafe.Add(ref sums, 3 * TOps.Count)); }
    }
}
