using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// The softmax model's formulas, which the generated multinomial models call: logits z = W x + b for
/// one sample, the softmax a = exp(z − max z) / Σ exp(z − max z), the arg-max class, and the mean
/// cross-entropy J = −(1/m) Σᵢ log a⁽ⁱ⁾_{y⁽ⁱ⁾} and its gradient over a feature-major batch.
/// </summary>
/// <remarks>
/// W is K rows of n weights, row-major, class by class (row k is class k's weight vector); b holds
/// the K intercepts. Every function checks the lengths it is given.
/// </remarks>
public static class MultinomialMath
{
    /// <summary>The samples a batch call lays out at a time: the stride of its feature-major blocks.</summary>
    public const int BlockSize = 32;

    /// <summary>The fewest rows for which <see cref="Transpose"/> aligns its stores (at most seven rows go one value at a time).</summary>
    internal const int AlignedRunMinimum = 256;

    /// <summary>
    /// z = W x + b for one sample: zₖ = bₖ + Σⱼ Wₖⱼ·xⱼ, summed in feature order with the multiply-adds
    /// fused where the hardware fuses them, exactly as the batch <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>
    /// computes each sample, so one row and a batch give the same bits.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The sample's n features.</param>
    /// <param name="logits">Receives the K logits.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Logits(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> logits)
    {
        int k = biases.Length, n = x.Length;
        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(k, logits.Length, nameof(logits));
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<float> w = weights.Slice(c * n, n);
            float z = biases[c];
            for (int j = 0; j < n; j++)
            {
                z = SimdMath.MultiplyAdd(w[j], x[j], z);
            }

            logits[c] = z;
        }
    }

    /// <summary>
    /// The logits of <paramref name="count"/> samples laid out feature-major: feature j of sample i is
    /// <c>x[j · stride + i]</c>. Row i of <paramref name="logits"/> (an (count, K) row-major block) gets that
    /// sample's K logits, each summed as the one-sample overload sums it, eight samples per vector.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The block, n rows of <paramref name="stride"/> samples (at least (n − 1)·stride + count values).</param>
    /// <param name="stride">The distance between two features of a sample; a multiple of 8, at least <paramref name="count"/>.</param>
    /// <param name="count">The samples in the block.</param>
    /// <param name="logits">Receives count × K logits.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Logits(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> logits) =>
        Block(weights, biases, x, stride, count, logits, softmax: false);

    /// <summary>
    /// The class probabilities softmax(W x + b) of <paramref name="count"/> samples laid out as for
    /// <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>,
    /// each equal to <see cref="Softmax"/> of that sample's <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The block, n rows of <paramref name="stride"/> samples.</param>
    /// <param name="stride">The distance between two features of a sample; a multiple of 8, at least <paramref name="count"/>.</param>
    /// <param name="count">The samples in the block.</param>
    /// <param name="probabilities">Receives count × K probabilities, row by row.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Probabilities(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> probabilities) =>
        Block(weights, biases, x, stride, count, probabilities, softmax: true);

    /// <summary>
    /// The logits of <paramref name="count"/> samples laid out row-major, as an array of the user's rows
    /// is when their features are contiguous floats: feature j of sample i is
    /// <c>rows[i · rowStride + j]</c>. Each equals the one-sample
    /// <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    /// bit for bit: the rows are transposed 8 × 8 at a time into a feature-major block of
    /// <see cref="BlockSize"/> samples and summed as <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/> sums them.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="rows">The samples: at least (count − 1)·rowStride + n values.</param>
    /// <param name="rowStride">The distance between two samples' first features; at least n.</param>
    /// <param name="count">The samples.</param>
    /// <param name="logits">Receives count × K logits, row by row.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void RowLogits(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> logits) =>
        Rows(weights, biases, rows, rowStride, count, logits, softmax: false);

    /// <summary>
    /// The class probabilities of <paramref name="count"/> samples laid out row-major as for
    /// <see cref="RowLogits"/>, each equal to <see cref="Softmax"/> of that sample's one-sample logits, bit for bit.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="rows">The samples: at least (count − 1)·rowStride + n values.</param>
    /// <param name="rowStride">The distance between two samples' first features; at least n.</param>
    /// <param name="count">The samples.</param>
    /// <param name="probabilities">Receives count × K probabilities, row by row.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    /// <param name="maxDegreeOfParallelism">The most cores: -1 for all, or a positive number; at least 16,384 rows each. Every row's result is the same whatever the number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    public static void RowProbabilities(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> probabilities, int maxDegreeOfParallelism = 1)
    {
        int workers = ChunkScheduler.WorkerCount(Math.Max(count, 0), maxDegreeOfParallelism);
        if (workers == 1)
        {
            Rows(weights, biases, rows, rowStride, count, probabilities, softmax: true);
            return;
        }

        // The checks, once, before any worker starts; then every worker scores its own range.
        CheckRowShapes(weights, biases, rows.Length, rowStride, count, probabilities.Length, nameof(probabilities));
        RowParallel.Run(
            (Weights: weights.ToArray(), Biases: biases.ToArray(), Stride: rowStride),
            rows,
            rowStride,
            count,
            probabilities,
            biases.Length,
            workers,
            static (state, range, samples, output) => Rows(state.Weights, state.Biases, range, state.Stride, samples, output, softmax: true));
    }

    /// <summary>Throws unless the K classes, the weights, the rows and the destination (K values per row) fit together; returns n.</summary>
    private static int CheckRowShapes(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int rowsLength, int rowStride, int count, int destinationLength, string destinationName)
    {
        int k = biases.Length;
        if (k == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least one class, a row stride of at least 0 (the features) and a sample count of at least 0, but got 0 classes, row stride {rowStride} and {count} samples."),
                nameof(rowStride));
        }

        int n = weights.Length / k;
        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        RowParallel.CheckRows(n, rowsLength, rowStride, count, minimumFeatures: 0);
        ShapeGuard.SameLength(count * k, destinationLength, destinationName);
        return n;
    }

    private static void Rows(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> destination, bool softmax)
    {
        int k = biases.Length;
        int n = CheckRowShapes(weights, biases, rows.Length, rowStride, count, destination.Length, nameof(destination));
        if (count == 0)
        {
            return;
        }

        float[] block = System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(1, n) * BlockSize);
        float[]? rented = null;
        Span<float> z = k * BlockSize <= 2048 ? stackalloc float[k * BlockSize] : (rented = System.Buffers.ArrayPool<float>.Shared.Rent(k * BlockSize)).AsSpan(0, k * BlockSize);

        try
        {
            for (int start = 0; start < count; start += BlockSize)
            {
                int samples = Math.Min(BlockSize, count - start);
                Transpose(rows.Slice(start * rowStride), rowStride, n, samples, block, BlockSize);
                BlockCore(weights, biases, block, BlockSize, n, samples, destination.Slice(start * k, samples * k), softmax, z);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(block);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Writes feature j of row i (<c>rows[i · rowStride + j]</c>) to <c>block[j · targetStride + i]</c> for
    /// <paramref name="count"/> rows: 8 × 8 tiles by vector shuffles where the hardware has them, also for the
    /// last n mod 8 features (a tile that reads eight floats of each row and stores only the features' outputs,
    /// wherever those reads stay within <paramref name="rows"/>), the leftover rows and features one value at a
    /// time; the rows two blocks on are prefetched as it goes.
    /// The batch predictions lay a block of <see cref="BlockSize"/> rows out with it, and
    /// <see cref="FeatureMatrix.LayOutRows"/> whole ranges of a matrix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Transpose(ReadOnlySpan<float> rows, int rowStride, int n, int count, Span<float> block, int targetStride)
    {
        ref float source = ref MemoryMarshal.GetReference(rows);
        ref float target = ref MemoryMarshal.GetReference(block);
        int i = 0;
        if (Avx.IsSupported)
        {
            // Over long runs (a matrix's layout, not a prediction's block of 32 rows), the first rows one value at a
            // time, up to where the tiles' 32-byte stores start on a 32-byte boundary of every feature row (their
            // stride a multiple of 8 floats): a store split across two cache lines costs nearly two. Only speed
            // depends on it, should the collector move an unpinned target.
            int head = (int)((32 - ((nint)Unsafe.AsPointer(ref target) & 31)) & 31) / sizeof(float);
            if (targetStride % 8 == 0 && count >= AlignedRunMinimum)
            {
                for (; i < head; i++)
                {
                    ref float row = ref Unsafe.Add(ref source, i * rowStride);
                    for (int j = 0; j < n; j++)
                    {
                        Unsafe.Add(ref target, (j * targetStride) + i) = Unsafe.Add(ref row, j);
                    }
                }
            }

            for (; i + 8 <= count; i += 8)
            {
                ref float row = ref Unsafe.Add(ref source, i * rowStride);
                int j = 0;
                for (; j + 8 <= n; j += 8)
                {
                    Transpose8(ref Unsafe.Add(ref row, j), rowStride, ref Unsafe.Add(ref target, (j * targetStride) + i), targetStride);
                    if (Sse.IsSupported)
                    {
                        // The same place two blocks on: the rows stream in while this block is computed.
                        // A hint, which never faults past the end (or at a stale address, should the
                        // collector move the rows meanwhile).
                        ref float ahead = ref Unsafe.Add(ref row, (2 * BlockSize * rowStride) + j);
                        for (int r = 0; r < 8; r++)
                        {
                            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, r * rowStride)));
                        }
                    }
                }

                if (j < n && ((long)(i + 7) * rowStride) + j + 8 <= rows.Length)
                {
                    // The last n − j < 8 features (all of them for n < 8) by the same tile, from eight floats of each
                    // row that run on into the next row or the label, of which only the first n − j outputs are stored.
                    Transpose8(ref Unsafe.Add(ref row, j), rowStride, ref Unsafe.Add(ref target, (j * targetStride) + i), targetStride, n - j);
                    j = n;
                }

                for (; j < n; j++)
                {
                    for (int r = 0; r < 8; r++)
                    {
                        Unsafe.Add(ref target, (j * targetStride) + i + r) = Unsafe.Add(ref row, (r * rowStride) + j);
                    }
                }
            }
        }

        for (; i < count; i++)
        {
            ref float row = ref Unsafe.Add(ref source, i * rowStride);
            for (int j = 0; j < n; j++)
            {
                Unsafe.Add(ref target, (j * targetStride) + i) = Unsafe.Add(ref row, j);
            }
        }
    }

    /// <summary>
    /// The 8 × 8 tile at <paramref name="source"/> (rows <paramref name="rowStride"/> apart) transposed to
    /// <paramref name="target"/> (rows <paramref name="targetStride"/> apart), of which the first
    /// <paramref name="outputs"/> rows are stored. The first <paramref name="inputs"/> rows are read, the rest taken
    /// as zeros (a matrix's last n mod 8 feature rows, with none to read past them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8(ref float source, int rowStride, ref float target, int targetStride = BlockSize, int outputs = 8, int inputs = 8)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = inputs > 1 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, rowStride)) : default;
        Vector256<float> r2 = inputs > 2 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * rowStride)) : default;
        Vector256<float> r3 = inputs > 3 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * rowStride)) : default;
        Vector256<float> r4 = inputs > 4 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * rowStride)) : default;
        Vector256<float> r5 = inputs > 5 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * rowStride)) : default;
        Vector256<float> r6 = inputs > 6 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * rowStride)) : default;
        Vector256<float> r7 = inputs > 7 ? Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * rowStride)) : default;

        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves swapped into place.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        if (outputs > 1) { Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride)); }
        if (outputs > 2) { Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride)); }
        if (outputs > 3) { Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride)); }
        if (outputs > 4) { Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 4 * targetStride)); }
        if (outputs > 5) { Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 5 * targetStride)); }
        if (outputs > 6) { Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 6 * targetStride)); }
        if (outputs > 7) { Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 7 * targetStride)); }
    }

    private static void Block(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> destination, bool softmax)
    {
        int k = biases.Length;
        int n = k == 0 ? 0 : weights.Length / k;
        if (k == 0 || stride <= 0 || stride % 8 != 0 || count < 0 || count > stride)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least one class, a stride that is a positive multiple of 8 and at most {stride} samples, but got {k} classes, stride {stride} and {count} samples."),
                nameof(stride));
        }

        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(count * k, destination.Length, nameof(destination));
        if (n > 0 && x.Length < ((n - 1) * stride) + count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least {((n - 1) * stride) + count} values in x ({n} features of stride {stride}) but got {x.Length}."),
                nameof(x));
        }

        if (count == 0)
        {
            return;
        }

        // z, class by class, the samples along the lanes.
        int lanes = (count + 7) & ~7;
        float[]? rented = null;
        Span<float> z = k * lanes <= 2048 ? stackalloc float[k * lanes] : (rented = System.Buffers.ArrayPool<float>.Shared.Rent(k * lanes)).AsSpan(0, k * lanes);
        try
        {
            BlockCore(weights, biases, x, stride, n, count, destination, softmax, z);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The checked block's work: z = W x + b class by class with the samples along the lanes (in
    /// <paramref name="z"/>, K rows of ⌈count/8⌉·8), the softmax if asked, then row by row into
    /// <paramref name="destination"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockCore(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int n, int count, Span<float> destination, bool softmax, Span<float> z)
    {
        int k = biases.Length;
        int lanes = (count + 7) & ~7;
        if (Vector256.IsHardwareAccelerated && x.Length >= ((n - 1) * stride) + lanes)
        {
            Logits256(weights, biases, x, stride, n, lanes, z);
            if (softmax)
            {
                Softmax256(z, k, lanes);
            }
        }
        else
        {
            for (int c = 0; c < k; c++)
            {
                for (int i = 0; i < count; i++)
                {
                    float sum = biases[c];
                    for (int j = 0; j < n; j++)
                    {
                        sum = SimdMath.MultiplyAdd(weights[(c * n) + j], x[(j * stride) + i], sum);
                    }

                    z[(c * lanes) + i] = sum;
                }
            }

            if (softmax)
            {
                for (int i = 0; i < count; i++)
                {
                    SoftmaxStrided(z.Slice(i), k, lanes);
                }
            }
        }

        // Class-major z to row-major destination: 8 × 8 tiles (eight classes of eight samples, each
        // written as eight contiguous values of one row) while eight classes fit in a row, then one by one.
        ref float from = ref MemoryMarshal.GetReference(z);
        ref float to = ref MemoryMarshal.GetReference(destination);
        int tiled = 0;
        if (Avx.IsSupported && k >= 8)
        {
            for (; tiled + 8 <= count; tiled += 8)
            {
                for (int c = 0; c + 8 <= k; c += 8)
                {
                    Transpose8(ref Unsafe.Add(ref from, (c * lanes) + tiled), lanes, ref Unsafe.Add(ref to, (tiled * k) + c), k);
                }
            }
        }

        int tiledClasses = tiled == 0 ? 0 : k & ~7;
        for (int i = 0; i < count; i++)
        {
            ref float row = ref Unsafe.Add(ref to, i * k);
            for (int c = i < tiled ? tiledClasses : 0; c < k; c++)
            {
                Unsafe.Add(ref row, c) = Unsafe.Add(ref from, (c * lanes) + i);
            }
        }
    }

    /// <summary>
    /// z = W x + b for <paramref name="lanes"/> samples (a multiple of 8): tiles of up to five classes
    /// × two vectors of samples (32 in 512-bit vectors where the runtime accelerates them, else 16),
    /// so each pair of loaded feature vectors feeds ten multiply-adds and ten accumulators hide the
    /// multiply-add latency; eight leftover samples one class at a time. Every lane sums b, then wⱼxⱼ
    /// for j = 0 … n − 1 in order, fused: the one-sample sum, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Logits256(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int n, int lanes, Span<float> z)
    {
        int k = biases.Length;
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        ref float w0 = ref MemoryMarshal.GetReference(weights);
        ref float b0 = ref MemoryMarshal.GetReference(biases);
        int v = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; v + 32 <= lanes; v += 32)
            {
                LogitColumns<Float512, Vector512<float>>(ref Unsafe.Add(ref x0, v), stride, n, k, ref w0, ref b0, ref Unsafe.Add(ref z0, v), lanes);
            }
        }

        for (; v + 16 <= lanes; v += 16)
        {
            LogitColumns<Float256, Vector256<float>>(ref Unsafe.Add(ref x0, v), stride, n, k, ref w0, ref b0, ref Unsafe.Add(ref z0, v), lanes);
        }

        for (; v < lanes; v += 8)
        {
            for (int c = 0; c < k; c++)
            {
                ref float w = ref Unsafe.Add(ref w0, c * n);
                Vector256<float> a = Vector256.Create(Unsafe.Add(ref b0, c));
                for (int j = 0; j < n; j++)
                {
                    a = SimdMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, j)), Vector256.LoadUnsafe(ref Unsafe.Add(ref x0, (j * stride) + v)), a);
                }

                a.StoreUnsafe(ref Unsafe.Add(ref z0, (c * lanes) + v));
            }
        }
    }

    /// <summary>Every class's logits for the two vectors of samples at <paramref name="x"/>: tiles of five classes, then the rest in one tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LogitColumns<TOps, TVector>(ref float x, int stride, int n, int k, ref float w, ref float b, ref float z, int lanes)
        where TOps : struct, IVectorOps<TVector, float>
        where TVector : struct
    {
        int c = 0;
        for (; k - c >= 5; c += 5)
        {
            LogitTile<Tile5, TOps, TVector>(ref x, stride, n, ref Unsafe.Add(ref w, c * n), ref Unsafe.Add(ref b, c), ref Unsafe.Add(ref z, c * lanes), lanes);
        }

        switch (k - c)
        {
            case 4:
                LogitTile<Tile4, TOps, TVector>(ref x, stride, n, ref Unsafe.Add(ref w, c * n), ref Unsafe.Add(ref b, c), ref Unsafe.Add(ref z, c * lanes), lanes);
                break;
            case 3:
                LogitTile<Tile3, TOps, TVector>(ref x, stride, n, ref Unsafe.Add(ref w, c * n), ref Unsafe.Add(ref b, c), ref Unsafe.Add(ref z, c * lanes), lanes);
                break;
            case 2:
                LogitTile<Tile2, TOps, TVector>(ref x, stride, n, ref Unsafe.Add(ref w, c * n), ref Unsafe.Add(ref b, c), ref Unsafe.Add(ref z, c * lanes), lanes);
                break;
            case 1:
                LogitTile<Tile1, TOps, TVector>(ref x, stride, n, ref Unsafe.Add(ref w, c * n), ref Unsafe.Add(ref b, c), ref Unsafe.Add(ref z, c * lanes), lanes);
                break;
        }
    }

    /// <summary>Two vectors of samples' logits for T.Width classes from <paramref name="w"/>'s row on (rows n apart), written <paramref name="zStride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LogitTile<T, TOps, TVector>(ref float x, int stride, int n, ref float w, ref float b, ref float z, int zStride)
        where T : struct, ITileWidth
        where TOps : struct, IVectorOps<TVector, float>
        where TVector : struct
    {
        nuint second = (nuint)TOps.Count;
        TVector a0 = TOps.Create(b), a1 = a0;
        TVector c0 = T.Width > 1 ? TOps.Create(Unsafe.Add(ref b, 1)) : default, c1 = c0;
        TVector d0 = T.Width > 2 ? TOps.Create(Unsafe.Add(ref b, 2)) : default, d1 = d0;
        TVector e0 = T.Width > 3 ? TOps.Create(Unsafe.Add(ref b, 3)) : default, e1 = e0;
        TVector f0 = T.Width > 4 ? TOps.Create(Unsafe.Add(ref b, 4)) : default, f1 = f0;
        ref float column = ref x;
        for (int j = 0; j < n; j++)
        {
            TVector x0 = TOps.Load(ref column, 0);
            TVector x1 = TOps.Load(ref column, second);
            TVector weight = TOps.Create(Unsafe.Add(ref w, j));
            a0 = TOps.MultiplyAdd(weight, x0, a0);
            a1 = TOps.MultiplyAdd(weight, x1, a1);
            if (T.Width > 1)
            {
                weight = TOps.Create(Unsafe.Add(ref w, n + j));
                c0 = TOps.MultiplyAdd(weight, x0, c0);
                c1 = TOps.MultiplyAdd(weight, x1, c1);
            }

            if (T.Width > 2)
            {
                weight = TOps.Create(Unsafe.Add(ref w, (2 * n) + j));
                d0 = TOps.MultiplyAdd(weight, x0, d0);
                d1 = TOps.MultiplyAdd(weight, x1, d1);
            }

            if (T.Width > 3)
            {
                weight = TOps.Create(Unsafe.Add(ref w, (3 * n) + j));
                e0 = TOps.MultiplyAdd(weight, x0, e0);
                e1 = TOps.MultiplyAdd(weight, x1, e1);
            }

            if (T.Width > 4)
            {
                weight = TOps.Create(Unsafe.Add(ref w, (4 * n) + j));
                f0 = TOps.MultiplyAdd(weight, x0, f0);
                f1 = TOps.MultiplyAdd(weight, x1, f1);
            }

            column = ref Unsafe.Add(ref column, stride);
        }

        nuint row = (nuint)zStride;
        TOps.Store(a0, ref z, 0);
        TOps.Store(a1, ref z, second);
        if (T.Width > 1)
        {
            TOps.Store(c0, ref z, row);
            TOps.Store(c1, ref z, row + second);
        }

        if (T.Width > 2)
        {
            TOps.Store(d0, ref z, 2 * row);
            TOps.Store(d1, ref z, (2 * row) + second);
        }

        if (T.Width > 3)
        {
            TOps.Store(e0, ref z, 3 * row);
            TOps.Store(e1, ref z, (3 * row) + second);
        }

        if (T.Width > 4)
        {
            TOps.Store(f0, ref z, 4 * row);
            TOps.Store(f1, ref z, (4 * row) + second);
        }
    }

    /// <summary>The softmax of each lane (sample) over the K rows (classes) of <paramref name="z"/>, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Softmax256(Span<float> z, int k, int lanes)
    {
        ref float z0 = ref MemoryMarshal.GetReference(z);
        for (int v = 0; v < lanes; v += 8)
        {
            ref float column = ref Unsafe.Add(ref z0, v);
            Vector256<float> max = Vector256.LoadUnsafe(ref column);
            for (int c = 1; c < k; c++)
            {
                max = Max(max, Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)));
            }

            Vector256<float> sum = Vector256<float>.Zero;
            for (int c = 0; c < k; c++)
            {
                Vector256<float> e = SimdMath.Exp(Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)) - max);
                e.StoreUnsafe(ref column, (nuint)(c * lanes));
                sum += e;
            }

            for (int c = 0; c < k; c++)
            {
                (Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)) / sum).StoreUnsafe(ref column, (nuint)(c * lanes));
            }
        }
    }

    /// <summary>The softmax of K values <paramref name="stride"/> apart, in place: the scalar twin of <see cref="Softmax256"/>.</summary>
    private static void SoftmaxStrided(Span<float> z, int k, int stride)
    {
        float max = z[0];
        for (int c = 1; c < k; c++)
        {
            max = MaxOf(max, z[c * stride]);
        }

        float sum = 0f;
        for (int c = 0; c < k; c++)
        {
            float e = SimdMath.Exp(z[c * stride] - max);
            z[c * stride] = e;
            sum += e;
        }

        for (int c = 0; c < k; c++)
        {
            z[c * stride] /= sum;
        }
    }

    /// <summary>a &gt; b ? a : b, what <see cref="Max(Vector256{float}, Vector256{float})"/> does in each lane (maxps).</summary>
    private static float MaxOf(float a, float b) => a > b ? a : b;

    /// <summary>a &gt; b ? a : b in each lane (maxps; Vector256.Max would treat NaN and −0 otherwise on newer runtimes).</summary>
    private static Vector256<float> Max(Vector256<float> a, Vector256<float> b) =>
        System.Runtime.Intrinsics.X86.Avx.IsSupported ? System.Runtime.Intrinsics.X86.Avx.Max(a, b) : Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    /// <summary>
    /// The softmax of one sample's logits, computed stably (the largest logit is subtracted first, so
    /// logits of ±1e4 give probabilities 1 and less than 1e−37, never NaN), with the same operations as
    /// the batch <see cref="Probabilities"/> for each of its samples. <paramref name="probabilities"/>
    /// may be <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The K logits.</param>
    /// <param name="probabilities">Receives the K probabilities, which sum to 1.</param>
    /// <exception cref="ArgumentException">The lengths differ or are 0.</exception>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        ShapeGuard.NotEmpty(logits.Length, nameof(logits));
        ShapeGuard.SameLength(logits.Length, probabilities.Length, nameof(probabilities));
        logits.CopyTo(probabilities);
        SoftmaxStrided(probabilities, probabilities.Length, 1);
    }

    /// <summary>The index of the largest value; ties go to the first. A NaN is never the largest.</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        ShapeGuard.NotEmpty(values.Length, nameof(values));
        int best = 0;
        for (int c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best] || float.IsNaN(values[best]))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>One sample's cross-entropy −log softmax(z)_y = log Σₖ exp zₖ − z_y, by log-sum-exp.</summary>
    /// <param name="logits">The K logits.</param>
    /// <param name="label">The true class, 0 … K − 1.</param>
    /// <returns>The loss, at least 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    public static double Loss(ReadOnlySpan<float> logits, int label)
    {
        ShapeGuard.NotEmpty(logits.Length, nameof(logits));
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, logits.Length);
        double max = logits[0];
        for (int c = 1; c < logits.Length; c++)
        {
            max = Math.Max(max, logits[c]);
        }

        double sum = 0d;
        for (int c = 0; c < logits.Length; c++)
        {
            sum += Math.Exp(logits[c] - max);
        }

        return max + Math.Log(sum) - logits[label];
    }

    /// <summary>The mean cross-entropy J = −(1/m) Σᵢ log a⁽ⁱ⁾_{y⁽ⁱ⁾} over a batch, with no penalty.</summary>
    /// <param name="data">X (n, m) and the labels, class indices 0 … K − 1.</param>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for all cores.</param>
    /// <returns>J.</returns>
    /// <exception cref="ArgumentException">A length does not fit the data.</exception>
    /// <exception cref="LogisticDataException">A feature is not finite, or a label is not a class index (the message names the row).</exception>
    public static double Cost(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int maxDegreeOfParallelism = -1) =>
        Gradients(data, weights, biases, default, default, maxDegreeOfParallelism, gradient: false);

    /// <summary>
    /// The mean cross-entropy J and its gradient, the notes' backward pass one class at a time:
    /// dZ = A − Y (Y one-hot), dW = (1/m) dZ Xᵀ, db = (1/m) Σᵢ dZ⁽ⁱ⁾.
    /// </summary>
    /// <param name="data">X (n, m) and the labels, class indices 0 … K − 1.</param>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="dw">Receives dW, K·n values, row-major.</param>
    /// <param name="db">Receives db, K values.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for all cores.</param>
    /// <returns>J.</returns>
    /// <exception cref="ArgumentException">A length does not fit the data.</exception>
    /// <exception cref="LogisticDataException">A feature is not finite, or a label is not a class index (the message names the row).</exception>
    public static double Gradients(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<double> dw, Span<double> db, int maxDegreeOfParallelism = -1) =>
        Gradients(data, weights, biases, dw, db, maxDegreeOfParallelism, gradient: true);

    private static double Gradients(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<double> dw, Span<double> db, int maxDegreeOfParallelism, bool gradient)
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = biases.Length, n = data.FeatureCount;
        if (k < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected at least 2 classes (biases) but got {k}."), nameof(biases));
        }

        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        if (gradient)
        {
            ShapeGuard.SameLength(k * n, dw.Length, nameof(dw));
            ShapeGuard.SameLength(k, db.Length, nameof(db));
        }

        data.Validate(null, k);
        var objective = new MultinomialObjective(data, k, null, data.SampleCount, 0d, fitIntercept: true, maxDegreeOfParallelism);
        var theta = new double[objective.Dimension];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < n; j++)
            {
                theta[(c * (n + 1)) + j] = weights[(c * n) + j];
            }

            theta[(c * (n + 1)) + n] = biases[c];
        }

        var g = new double[objective.Dimension];
        double m = data.SampleCount;
        double value = objective.ValueAndGradient(theta, g) / m;
        if (gradient)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    dw[(c * n) + j] = g[(c * (n + 1)) + j] / m;
                }

                db[c] = g[(c * (n + 1)) + n] / m;
            }
        }

        return value;
    }

    /// <summary>The error for a label value that is not one of the model's classes.</summary>
    /// <param name="value">The value, as the enum writes it.</param>
    /// <param name="row">The row's index, or null for a single row.</param>
    /// <param name="labelName">The label member's name.</param>
    /// <returns>The exception to throw.</returns>
    public static LogisticDataException NotAClass(string value, int? row, string labelName) =>
        new(
            row is int i
                ? string.Create(CultureInfo.InvariantCulture, $"Row {i}, column '{labelName}': {value} is not one of the model's classes (a defined member of the label's enum).")
                : string.Create(CultureInfo.InvariantCulture, $"Column '{labelName}': {value} is not one of the model's classes (a defined member of the label's enum)."),
            row,
            labelName);
}
