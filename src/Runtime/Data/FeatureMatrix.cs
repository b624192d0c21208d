using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace LogRegGen;

/// <summary>
/// A training set in the notes' layout: the feature matrix X of shape (n, m), one column per
/// sample, stored feature-major (all m values of feature 0, then feature 1, ...), and the labels
/// Y of shape (1, m).
/// </summary>
/// <remarks>
/// Each feature row starts at a multiple of <see cref="Stride"/> (m rounded up to a multiple of
/// 16, and from 16,369 samples on padded further, see <see cref="Stride"/>) in <see cref="Values"/>,
/// so rows stay vector-aligned relative to each other; the padding after each row is zero. The kernels in <see cref="LogisticKernels"/> stream these rows with
/// SIMD loads.
/// </remarks>
public sealed class FeatureMatrix
{
    private const int StrideMultiple = 16;

    /// <summary>From this many 64-byte lines per feature row on, the stride is skewed (<see cref="StrideFor"/>).</summary>
    private const int SkewedLines = 1024;

    /// <summary>
    /// The stride of m samples (in memory, and in a feature file): m rounded up to a multiple of 16 floats, a 64-byte
    /// line; from <see cref="SkewedLines"/> lines on, up to 63 lines more, so that it is 33 lines past a multiple of 64.
    /// </summary>
    /// <remarks>
    /// A pass reads the n feature rows side by side, the same sample of each. Rows a multiple of 4 KiB apart (m a
    /// multiple of 1,024) fall into the same sets of every cache level whose index those bits reach, and rows a line or
    /// two past a multiple of 256 KiB were as slow: at m = 65,536, 65,552, 131,072, 196,608 and 2²⁰, n = 64, a
    /// gradient pass took about twice as long per sample as at m = 70,000 or 10⁶ (StrideBenchmarks: docs/performance.md).
    /// 33 past a multiple of 64 lines keeps consecutive rows at least 31 lines apart modulo every power of two from 64
    /// lines on (and in different sets of a 4 KiB-periodic cache), which brought those m back to the others' speed.
    /// Below 1,024 lines the padding would weigh more: up to 63 lines is 6 % of a row of 1,024.
    /// </remarks>
    internal static long StrideFor(int sampleCount)
    {
        long lines = ((long)sampleCount + (StrideMultiple - 1)) / StrideMultiple;
        if (lines >= SkewedLines)
        {
            lines += (33 - (lines % 64) + 64) % 64;
        }

        return lines * StrideMultiple;
    }

    /// <summary>Whether <paramref name="stride"/> is a stride this layout uses for <paramref name="sampleCount"/> samples or more.</summary>
    internal static bool IsStride(int stride, int sampleCount) => stride >= sampleCount && stride % StrideMultiple == 0;

    /// <summary>Y (its first <see cref="Stride"/> values, the padding 0; a rented array is longer), or null once a lease returned it (<see cref="Lease"/>).</summary>
    private float[]? _labels;

    /// <summary>X in memory (its first n × <see cref="Stride"/> values; a rented array is longer), or null when it is a mapped file or a lease returned it.</summary>
    private float[]? _array;

    /// <summary>Whether <see cref="_array"/> and <see cref="_labels"/> are on loan from <see cref="ArrayPool{T}.Shared"/> (<see cref="Rent"/>).</summary>
    private bool _rented;

    /// <summary>A file's pages mapped as X, or null when X is in memory.</summary>
    private readonly MappedValues? _mapped;

    /// <summary>
    /// The standardization's shifts and sums (<see cref="Optimization.FeatureScaling.Compute"/>), summed while
    /// <see cref="FromRows{TRow}"/> laid X out; forgotten as soon as X could change (any public access to it).
    /// </summary>
    private (double[] Shifts, double[] Sums)? _layoutMoments;

    /// <summary>Creates a zero-filled matrix of n features by m samples, with all labels 0.</summary>
    /// <param name="featureCount">The number of features n, at least 1.</param>
    /// <param name="sampleCount">The number of samples m, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n or m is less than 1, or n × stride exceeds the maximum array length.</exception>
    public FeatureMatrix(int featureCount, int sampleCount)
        : this(featureCount, sampleCount, uninitialized: false)
    {
    }

    /// <summary>
    /// A matrix whose values [0, m) of every feature row the caller writes before anything reads them:
    /// X's array is not cleared (the collector skips its memset, and memory it reuses is not written twice),
    /// and only the padding after each row is set to 0 here.
    /// </summary>
    private FeatureMatrix(int featureCount, int sampleCount, bool uninitialized, bool rented = false)
    {
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A feature matrix needs at least one feature (n >= 1).");
        }

        if (sampleCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "A feature matrix needs at least one sample (m >= 1).");
        }

        long stride = StrideFor(sampleCount);
        if (stride * featureCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(sampleCount),
                sampleCount,
                string.Create(CultureInfo.InvariantCulture, $"A matrix of shape ({featureCount}, {sampleCount}) needs {stride * featureCount} values, more than an array can hold."));
        }

        FeatureCount = featureCount;
        SampleCount = sampleCount;
        Stride = (int)stride;
        if (rented)
        {
            // Longer than asked for, and holding whatever they last held: only the padding is cleared here.
            _rented = true;
            _labels = ArrayPool<float>.Shared.Rent(Stride);
            _labels.AsSpan(sampleCount, Stride - sampleCount).Clear();
            _array = ArrayPool<float>.Shared.Rent(featureCount * Stride);
        }
        else
        {
            _labels = new float[Stride];
            if (!uninitialized)
            {
                _array = new float[featureCount * Stride];
                return;
            }

            _array = GC.AllocateUninitializedArray<float>(featureCount * Stride);
        }

        for (int j = 0; j < featureCount; j++)
        {
            _array.AsSpan((j * Stride) + sampleCount, Stride - sampleCount).Clear();
        }
    }

    /// <summary>
    /// A matrix of n features by m samples in storage on loan from <see cref="ArrayPool{T}.Shared"/>, for data needed only
    /// for the length of one call (the generated <c>Train(rows)</c>): after a first call has touched it, the next one
    /// finds X's memory mapped, where a new array of hundreds of megabytes costs a page fault per 4 KiB.
    /// X and Y hold whatever the pool's arrays last held: the caller writes every value [0, m) of every feature
    /// (<see cref="Feature"/>) and every label before anything reads them; the padding is 0.
    /// Disposing the lease returns the storage, after which the matrix throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <remarks>
    /// The pool hands out arrays of a power of two of elements, so one may span up to twice X's size of address space
    /// (only the pages written are memory); it keeps returned arrays, with the values they held, until it trims
    /// them (under memory pressure, or after a while unused), and may hand them to any code in the process that
    /// rents floats. Data that must not outlive the call belongs in a matrix of its own (<see cref="FromRows{TRow}"/>).
    /// </remarks>
    /// <param name="featureCount">n, at least 1.</param>
    /// <param name="sampleCount">m, at least 1.</param>
    /// <returns>The lease of the matrix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n or m is less than 1, or n × stride exceeds the maximum array length.</exception>
    public static Lease Rent(int featureCount, int sampleCount) => new(new FeatureMatrix(featureCount, sampleCount, uninitialized: true, rented: true));

    /// <summary>
    /// <see cref="FromRows{TRow}"/> into storage on loan from <see cref="ArrayPool{T}.Shared"/>, as <see cref="Rent"/>:
    /// the same matrix, bit for bit, returned to the pool when the lease is disposed.
    /// </summary>
    /// <typeparam name="TRow">The row type: a struct of primitive fields, whose size is a whole number of floats.</typeparam>
    /// <param name="rows">The m rows, at least one.</param>
    /// <param name="featureOffset">Where the n consecutive float features start in a row, in floats.</param>
    /// <param name="featureCount">n, at least 1.</param>
    /// <param name="label">Row i's label (0 or 1, or a class index), throwing for one that is not.</param>
    /// <param name="maxDegreeOfParallelism">The most cores; -1 for all, 1 for the calling thread only.</param>
    /// <returns>The lease of the matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty, or the row has no n floats at <paramref name="featureOffset"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">n is less than 1, or <paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    /// <exception cref="LogisticDataException"><paramref name="label"/> threw it (the storage is returned first).</exception>
    public static Lease RentFromRows<TRow>(ReadOnlySpan<TRow> rows, int featureOffset, int featureCount, RowLabel<TRow> label, int maxDegreeOfParallelism = 1)
        where TRow : unmanaged =>
        new(CreateFromRows(rows, featureOffset, featureCount, label, maxDegreeOfParallelism, rent: true));

    /// <summary>
    /// A matrix on loan from the shared array pool (<see cref="Rent"/>, <see cref="RentFromRows{TRow}"/>): disposing it
    /// returns the matrix's storage, once however often it is called, and the matrix must not be used after that
    /// (it throws <see cref="ObjectDisposedException"/>). A lease never disposed leaves its arrays to the collector.
    /// </summary>
    public readonly struct Lease : IDisposable
    {
        private readonly FeatureMatrix? _matrix;

        internal Lease(FeatureMatrix matrix) => _matrix = matrix;

        /// <summary>The matrix.</summary>
        /// <exception cref="InvalidOperationException">This is the default lease, of no matrix.</exception>
        public FeatureMatrix Matrix => _matrix ?? throw new InvalidOperationException("The default FeatureMatrix.Lease holds no matrix; leases come from FeatureMatrix.Rent and RentFromRows.");

        /// <summary>Returns the matrix's storage to the pool (nothing for the default lease).</summary>
        public void Dispose() => _matrix?.Return();
    }

    /// <summary>Gives a rented matrix's arrays back to the pool, once; later accesses throw.</summary>
    private void Return()
    {
        if (!_rented)
        {
            return;
        }

        float[]? values = Interlocked.Exchange(ref _array, null);
        float[]? labels = Interlocked.Exchange(ref _labels, null);
        _layoutMoments = null;
        if (values is not null)
        {
            ArrayPool<float>.Shared.Return(values);
        }

        if (labels is not null)
        {
            ArrayPool<float>.Shared.Return(labels);
        }
    }

    /// <summary>Y's array, or the exception of a matrix whose lease returned it.</summary>
    private float[] LabelArray => _labels ?? throw Returned();

    /// <summary>The exception of an access to a matrix whose lease was disposed.</summary>
    private ObjectDisposedException Returned() =>
        new(nameof(FeatureMatrix), string.Create(CultureInfo.InvariantCulture, $"This ({FeatureCount}, {SampleCount}) matrix was on loan from the shared array pool and its lease was disposed; it holds no data any more."));

    /// <summary>
    /// A new matrix of m = <paramref name="sampleCount"/> row-major samples (sample i's n features are
    /// <c>rows[i·rowStride .. i·rowStride + n)</c>), laid out by <see cref="LayOutRows"/> on up to
    /// <paramref name="maxDegreeOfParallelism"/> cores, with all labels 0 for the caller to fill. Every value is
    /// written once: X's memory is neither cleared first by the runtime nor, when it reuses memory, written twice.
    /// </summary>
    /// <param name="rows">The rows as floats, from the first feature of the first row.</param>
    /// <param name="rowStride">The floats from one row to the next (at least n).</param>
    /// <param name="featureCount">n, at least 1.</param>
    /// <param name="sampleCount">m, at least 1.</param>
    /// <param name="maxDegreeOfParallelism">The most cores; -1 for all, 1 for the calling thread only.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n or m is less than 1, or <paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> does not hold m rows of <paramref name="rowStride"/> floats.</exception>
    public static FeatureMatrix FromRows(ReadOnlySpan<float> rows, int rowStride, int featureCount, int sampleCount, int maxDegreeOfParallelism = 1)
    {
        ShapeGuard.DegreeOfParallelism(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        CheckRows(rows.Length, rowStride, featureCount, sampleCount);
        var matrix = new FeatureMatrix(featureCount, sampleCount, uninitialized: true);
        matrix.LayOutRows(rows, rowStride, maxDegreeOfParallelism);
        return matrix;
    }

    /// <summary>
    /// A new matrix of the rows' features and labels, in one pass over the rows on up to
    /// <paramref name="maxDegreeOfParallelism"/> cores: each worker lays out runs of rows as
    /// <see cref="FromRows(ReadOnlySpan{float}, int, int, int, int)"/> does and reads their labels with
    /// <paramref name="label"/> while the rows are still in its cache. The generated <c>Batch.Create</c>
    /// calls it for rows whose features are consecutive floats.
    /// </summary>
    /// <typeparam name="TRow">The row type: a struct of primitive fields, whose size is a whole number of floats.</typeparam>
    /// <param name="rows">The m rows, at least one.</param>
    /// <param name="featureOffset">Where the n consecutive float features start in a row, in floats.</param>
    /// <param name="featureCount">n, at least 1.</param>
    /// <param name="label">Row i's label (0 or 1, or a class index), throwing for one that is not.</param>
    /// <param name="maxDegreeOfParallelism">The most cores; -1 for all, 1 for the calling thread only.</param>
    /// <returns>The matrix, the same on any number of cores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty, or the row has no n floats at <paramref name="featureOffset"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">n is less than 1, or <paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    /// <exception cref="LogisticDataException"><paramref name="label"/> threw it: of the bad labels, the first row's, as on one core.</exception>
    public static FeatureMatrix FromRows<TRow>(ReadOnlySpan<TRow> rows, int featureOffset, int featureCount, RowLabel<TRow> label, int maxDegreeOfParallelism = 1)
        where TRow : unmanaged =>
        CreateFromRows(rows, featureOffset, featureCount, label, maxDegreeOfParallelism, rent: false);

    /// <summary><see cref="FromRows{TRow}(ReadOnlySpan{TRow}, int, int, RowLabel{TRow}, int)"/> into new or rented storage (returned again should the layout throw).</summary>
    private static unsafe FeatureMatrix CreateFromRows<TRow>(ReadOnlySpan<TRow> rows, int featureOffset, int featureCount, RowLabel<TRow> label, int maxDegreeOfParallelism, bool rent)
        where TRow : unmanaged
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ShapeGuard.DegreeOfParallelism(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        ShapeGuard.NotEmpty(rows.Length, nameof(rows));
        int rowStride = sizeof(TRow) / sizeof(float);
        if (sizeof(TRow) % sizeof(float) != 0 || featureOffset < 0 || featureOffset > rowStride || featureCount > rowStride - featureOffset)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {featureCount} consecutive floats from float {featureOffset} of a {typeof(TRow).Name} but it is {sizeof(TRow)} bytes."),
                nameof(rows));
        }

        int n = featureCount, m = rows.Length;
        var matrix = new FeatureMatrix(n, m, uninitialized: true, rented: rent);
        try
        {
            LayOut(rows, featureOffset, label, maxDegreeOfParallelism, matrix);
        }
        catch
        {
            matrix.Return();
            throw;
        }

        return matrix;
    }

    /// <summary>The layout of <see cref="CreateFromRows"/>, into <paramref name="matrix"/>.</summary>
    private static unsafe void LayOut<TRow>(ReadOnlySpan<TRow> rows, int featureOffset, RowLabel<TRow> label, int maxDegreeOfParallelism, FeatureMatrix matrix)
        where TRow : unmanaged
    {
        int n = matrix.FeatureCount, m = rows.Length, rowStride = sizeof(TRow) / sizeof(float);
        fixed (TRow* source = rows)
        fixed (float* target = matrix._array)
        fixed (float* labels = matrix._labels)
        {
            var job = new RowsJob<TRow>(source, featureOffset, rowStride, n, matrix.Stride, target, labels, label);

            // The first chunk first, for the standardization's shifts; then shard after shard, on the scheduler's
            // workers, each laid out and its moments summed while it is still in the core's cache: the same shards,
            // summed and added in the same order, as FeatureScaling.Compute's own pass.
            int head = Math.Min(m, ChunkScheduler.ChunkSize);
            job.Run(0, head);
            double[] shifts = Optimization.FeatureScaling.Shifts(matrix);
            var failures = new Exception?[(m + ChunkScheduler.ShardSize - 1) / ChunkScheduler.ShardSize];
            var sums = new double[2 * n];
            ChunkScheduler.Sum(m, maxDegreeOfParallelism, (Job: job, Matrix: matrix, Shifts: shifts, Head: head, Failures: failures), static (state, start, end, partial) =>
            {
                // Each run's moments while it is in the core's cache: added run by run, they are the whole shard's.
                using var rented = new Optimization.FeatureScaling.RentedMomentLanes(state.Shifts.Length);
                Span<FloatKernels.MomentLanes> lanes = rented.Lanes;
                try
                {
                    int first = start, rest = start;
                    if (start == 0)
                    {
                        rest = Optimization.FeatureScaling.AddMoments(state.Matrix, state.Shifts, 0, state.Head, lanes);
                        first = state.Head;
                    }

                    for (; first < end; first += RowsJob<TRow>.RunLength)
                    {
                        int last = Math.Min(end, first + RowsJob<TRow>.RunLength);
                        state.Job.Run(first, last);
                        Debug.Assert(rest == first, "Every run but the shard's last adds whole eights.");
                        rest = Optimization.FeatureScaling.AddMoments(state.Matrix, state.Shifts, first, last, lanes);
                    }

                    Optimization.FeatureScaling.FinishMoments(state.Matrix, state.Shifts, rest, end, lanes, partial);
                }
                catch (Exception e)
                {
                    // Kept by shard; the first shard's (its rows come first) is thrown, as on one core.
                    state.Failures[start / ChunkScheduler.ShardSize] = e;
                }
            }, sums);

            foreach (Exception? failure in failures)
            {
                if (failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
            }

            matrix._layoutMoments = (shifts, sums);
        }
    }

    /// <summary>Lays out runs of rows and reads their labels (<see cref="FromRows{TRow}"/>), from pinned memory.</summary>
    private readonly unsafe struct RowsJob<TRow>(TRow* rows, int featureOffset, int rowStride, int n, int stride, float* x, float* labels, RowLabel<TRow> label)
        where TRow : unmanaged
    {
        /// <summary>The most rows per run: their features transposed, then their labels read while the rows are in cache.</summary>
        internal const int RunLength = 2048;

        /// <summary>One run, the rows [first, end), at most <see cref="RunLength"/>.</summary>
        public void Run(int first, int end)
        {
            Debug.Assert(end - first <= RunLength, "One run at a time.");
            int count = end - first;
            MultinomialMath.Transpose(
                new ReadOnlySpan<float>((float*)(rows + first) + featureOffset, ((count - 1) * rowStride) + n),
                rowStride,
                n,
                count,
                new Span<float>(x + first, ((n - 1) * stride) + count),
                stride);
            for (int i = first; i < end; i++)
            {
                labels[i] = label(in rows[i], i);
            }
        }
    }

    /// <summary>A matrix for a caller that writes every value [0, m) of every feature row (<see cref="FeatureMatrixBuilder"/>, the folds of cross-validation); see the private constructor.</summary>
    internal static FeatureMatrix Uninitialized(int featureCount, int sampleCount) => new(featureCount, sampleCount, uninitialized: true);

    private FeatureMatrix(FeatureMatrix source)
    {
        FeatureCount = source.FeatureCount;
        SampleCount = source.SampleCount;
        Stride = source.Stride;
        _array = source.Values.ToArray();
        _labels = source.LabelArray.AsSpan(0, Stride).ToArray();
    }

    /// <summary>A matrix whose X is a mapped file's pages and whose labels are in memory.</summary>
    internal FeatureMatrix(int featureCount, int sampleCount, int stride, MappedValues mapped, float[] labels)
    {
        FeatureCount = featureCount;
        SampleCount = sampleCount;
        Stride = stride;
        _mapped = mapped;
        _labels = labels;
    }

    /// <summary>The number of features n (rows of X).</summary>
    public int FeatureCount { get; }

    /// <summary>The number of samples m (columns of X).</summary>
    public int SampleCount { get; }

    /// <summary>
    /// The distance, in elements, between the starts of consecutive feature rows: a multiple of 16 of at least m, m rounded
    /// up to a multiple of 16 below 16,369 samples; from there on up to 1,008 more, so that rows side by side do not
    /// fall into the same cache sets (at most 4 KiB a row, 0.4 % of X at m = 10⁶).
    /// </summary>
    public int Stride { get; }

    /// <summary>
    /// All of X's storage, n × <see cref="Stride"/> values: X[j, i] is at <c>j * Stride + i</c>.
    /// Write only at <c>i &lt; SampleCount</c>; the padding must stay zero.
    /// </summary>
    /// <exception cref="NotSupportedException">X is a mapped file of more than 2³¹ − 1 values, more than a span holds
    /// (read it a feature at a time with <see cref="Feature"/>).</exception>
    /// <exception cref="ObjectDisposedException">The matrix was rented and its <see cref="Lease"/> disposed.</exception>
    public Span<float> Values
    {
        get
        {
            _layoutMoments = null;
            return _array is not null ? _array.AsSpan(0, FeatureCount * Stride) : Mapped.Values;
        }
    }

    /// <summary>The sums of <see cref="Optimization.FeatureScaling.Compute"/> made while the rows were laid out, or null.</summary>
    internal (double[] Shifts, double[] Sums)? LayoutMoments => _layoutMoments;

    /// <summary>Row j of X, as <see cref="Feature"/> gives it, for the runtime's own reads (unchecked; X's sums are kept).</summary>
    internal Span<float> Row(int feature) => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Origin, (nint)feature * Stride), SampleCount);

    /// <summary>
    /// X[0, 0], the start of X's storage, for the kernels: X[j, i] is <c>Unsafe.Add(ref Origin, (nint)j * Stride + i)</c>,
    /// which also reaches a mapped file of more values than <see cref="Values"/> can hold.
    /// </summary>
    internal ref float Origin => ref _array is not null ? ref MemoryMarshal.GetArrayDataReference(_array) : ref Mapped.Origin;

    /// <summary>The mapped file's pages, when X is not an array (or the exception of a matrix whose lease returned X).</summary>
    private MappedValues Mapped => _mapped ?? throw Returned();

    /// <summary>The labels Y, one per sample (length m), each 0 or 1.</summary>
    /// <exception cref="ObjectDisposedException">The matrix was rented and its <see cref="Lease"/> disposed.</exception>
    public Span<float> Labels => LabelArray.AsSpan(0, SampleCount);

    /// <summary>Whether X is a file's pages mapped into memory (<see cref="FeatureFile.Open"/>) rather than an array.</summary>
    public bool IsMapped => _mapped is not null;

    /// <summary>The m values of feature <paramref name="feature"/>: row j of X.</summary>
    /// <param name="feature">The feature index j, in [0, n).</param>
    /// <returns>A span of length m over the row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feature"/> is outside [0, n).</exception>
    /// <exception cref="ObjectDisposedException">The matrix was rented and its <see cref="Lease"/> disposed.</exception>
    public Span<float> Feature(int feature)
    {
        CheckFeature(feature);
        _layoutMoments = null;
        return Row(feature);
    }

    /// <summary>X[feature, sample].</summary>
    /// <param name="feature">The feature index j, in [0, n).</param>
    /// <param name="sample">The sample index i, in [0, m).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The matrix was rented and its <see cref="Lease"/> disposed.</exception>
    public float this[int feature, int sample]
    {
        get
        {
            CheckFeature(feature);
            CheckSample(sample);
            return Unsafe.Add(ref Origin, ((nint)feature * Stride) + sample);
        }

        set
        {
            CheckFeature(feature);
            CheckSample(sample);
            _layoutMoments = null;
            Unsafe.Add(ref Origin, ((nint)feature * Stride) + sample) = value;
        }
    }

    /// <summary>
    /// Copies the features of m row-major samples into X: sample i's n features are
    /// <c>rows[i·rowStride .. i·rowStride + n)</c>. The generated <c>Batch.Create</c> calls it for rows whose
    /// features are consecutive floats, read in place; 8 × 8 tiles are transposed by vector shuffles
    /// (<see cref="MultinomialMath.Transpose"/>), so each row is read once, in order, and each feature row of X is written 32 bytes at a time. Large
    /// matrices are filled on up to <paramref name="maxDegreeOfParallelism"/> cores (-1: all), each a
    /// contiguous range of samples: a fresh matrix's pages are first touched, and zeroed by the operating
    /// system, on every core at once.
    /// </summary>
    /// <param name="rows">The rows as floats, from the first feature of the first row.</param>
    /// <param name="rowStride">The floats from one row to the next (at least n).</param>
    /// <param name="maxDegreeOfParallelism">The most cores; -1 for all, 1 for the calling thread only.</param>
    /// <remarks>The labels are the caller's to fill.</remarks>
    /// <exception cref="ArgumentException"><paramref name="rows"/> does not hold m rows of <paramref name="rowStride"/> floats (the last may end after its n features).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    public unsafe void LayOutRows(ReadOnlySpan<float> rows, int rowStride, int maxDegreeOfParallelism = 1)
    {
        _layoutMoments = null;
        int n = FeatureCount, m = SampleCount;
        CheckRows(rows.Length, rowStride, n, m);

        int workers = ChunkScheduler.WorkerCount(m, maxDegreeOfParallelism);
        if (workers == 1)
        {
            MultinomialMath.Transpose(rows, rowStride, n, m, Values, Stride);
            return;
        }

        fixed (float* source = rows)
        fixed (float* target = Values)
        {
            nint from = (nint)source, to = (nint)target;
            int stride = Stride, rowsLength = rows.Length;
            System.Threading.Tasks.Parallel.For(0, workers, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                (int start, int end) = ChunkScheduler.WorkerRange(m, workers, worker);
                if (start < end)
                {
                    long offset = (long)start * rowStride;
                    MultinomialMath.Transpose(
                        new ReadOnlySpan<float>((float*)from + offset, (int)(rowsLength - offset)),
                        rowStride,
                        n,
                        end - start,
                        new Span<float>((float*)to + start, (((n - 1) * stride) + end) - start),
                        stride);
                }
            });
        }
    }

    /// <summary>Builds a matrix from X given feature-major, as in the notes: all m values of feature 0, then feature 1, ...</summary>
    /// <param name="x">X of shape (n, m), row by row; its length must be n × m.</param>
    /// <param name="featureCount">The number of features n.</param>
    /// <param name="labels">Y, one label per sample; its length is m.</param>
    /// <returns>A new matrix holding copies of the values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty, or the length of
    /// <paramref name="x"/> is not n × m (the message gives the expected and the actual length).</exception>
    public static FeatureMatrix FromFeatureMajor(ReadOnlySpan<float> x, int featureCount, ReadOnlySpan<float> labels)
    {
        CheckShape(x.Length, featureCount, labels.Length, "feature-major");
        var matrix = new FeatureMatrix(featureCount, labels.Length);
        int m = labels.Length;
        for (int j = 0; j < featureCount; j++)
        {
            x.Slice(j * m, m).CopyTo(matrix.Values.Slice(j * matrix.Stride, m));
        }

        labels.CopyTo(matrix.LabelArray);
        return matrix;
    }

    /// <summary>Builds a matrix from samples given row by row: <paramref name="x"/> is (m, n) row-major, one sample per row.</summary>
    /// <param name="x">The samples, n values each, one after another; its length must be m × n.</param>
    /// <param name="featureCount">The number of features n.</param>
    /// <param name="labels">Y, one label per sample; its length is m.</param>
    /// <returns>A new matrix holding the transposed values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty, or the length of
    /// <paramref name="x"/> is not m × n (the message gives the expected and the actual length).</exception>
    public static FeatureMatrix FromSampleMajor(ReadOnlySpan<float> x, int featureCount, ReadOnlySpan<float> labels)
    {
        CheckShape(x.Length, featureCount, labels.Length, "sample-major");
        var matrix = new FeatureMatrix(featureCount, labels.Length);
        int m = labels.Length;
        int n = featureCount;
        int stride = matrix.Stride;
        Span<float> data = matrix.Values;

        // Transpose in blocks of samples so the block's source rows stay in cache while each
        // destination row is written sequentially.
        const int Block = 64;
        for (int i0 = 0; i0 < m; i0 += Block)
        {
            int i1 = Math.Min(i0 + Block, m);
            for (int j = 0; j < n; j++)
            {
                Span<float> row = data.Slice((j * stride) + i0, i1 - i0);
                for (int i = i0; i < i1; i++)
                {
                    row[i - i0] = x[(i * n) + j];
                }
            }
        }

        labels.CopyTo(matrix.LabelArray);
        return matrix;
    }

    /// <summary>A deep copy: changing the copy never changes this matrix.</summary>
    /// <returns>A new matrix with the same shape, values and labels.</returns>
    public FeatureMatrix Clone() => new(this);

    /// <summary>Writes sample <paramref name="order"/>[i] of this matrix (features and label) to sample i of <paramref name="destination"/>.</summary>
    internal void CopyPermuted(int[] order, FeatureMatrix destination)
    {
        int m = SampleCount;
        for (int j = 0; j < FeatureCount; j++)
        {
            ReadOnlySpan<float> source = Feature(j);
            Span<float> target = destination.Feature(j);
            for (int i = 0; i < m; i++)
            {
                target[i] = source[order[i]];
            }
        }

        ReadOnlySpan<float> labels = Labels;
        Span<float> shuffledLabels = destination.Labels;
        for (int i = 0; i < m; i++)
        {
            shuffledLabels[i] = labels[order[i]];
        }
    }

    /// <summary>
    /// Checks that every feature value is finite and every label is 0 or 1, and reports the first
    /// bad value in sample order.
    /// </summary>
    /// <param name="featureNames">Optional feature names (n of them) for the message; without them features are named by index.</param>
    /// <exception cref="LogisticDataException">A feature value is NaN or infinite, or a label is not 0 or 1;
    /// <see cref="LogisticDataException.Row"/> is the sample index and <see cref="LogisticDataException.Column"/> the feature name (or index) or "label".</exception>
    /// <exception cref="ArgumentException"><paramref name="featureNames"/> does not have n names.</exception>
    public void Validate(IReadOnlyList<string>? featureNames = null) => Validate(featureNames, classCount: 2);

    /// <summary>
    /// <see cref="Validate(IReadOnlyList{string}?)"/> for labels that are class indices 0 … K − 1
    /// (<paramref name="classCount"/> = K; 2 is the binary check).
    /// </summary>
    internal void Validate(IReadOnlyList<string>? featureNames, int classCount) => Validate(featureNames, classCount, maxDegreeOfParallelism: 1);

    /// <summary>
    /// <see cref="Validate(IReadOnlyList{string}?, int)"/> with the finiteness scan of X on up to
    /// <paramref name="maxDegreeOfParallelism"/> cores (-1: all), feature by feature: the same first bad
    /// value is reported whatever the number.
    /// </summary>
    /// <param name="featureNames">Optional feature names (n of them) for the message.</param>
    /// <param name="classCount">K.</param>
    /// <param name="maxDegreeOfParallelism">The most cores for the scan of X.</param>
    /// <param name="scanValues">False to check the names and labels only, for a caller that learns whether X is finite
    /// from a pass it makes anyway (the standardization statistics, whose sums are finite exactly when every value is)
    /// and calls this again, scanning, when it is not.</param>
    internal void Validate(IReadOnlyList<string>? featureNames, int classCount, int maxDegreeOfParallelism, bool scanValues = true)
    {
        if (featureNames is not null && featureNames.Count != FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {FeatureCount} feature names (one per feature) but got {featureNames.Count}."),
                nameof(featureNames));
        }

        // The first bad value in reading order (lowest sample, then lowest feature).
        int badSample = int.MaxValue, badFeature = -1;
        int workers = Math.Min(FeatureCount, ChunkScheduler.WorkerCount(SampleCount, maxDegreeOfParallelism));
        if (!scanValues)
        {
            // Labels only (below).
        }
        else if (workers > 1)
        {
            // Each feature scanned whole on some core, then the earliest bad value of all.
            var firstBad = new int[FeatureCount];
            System.Threading.Tasks.Parallel.For(0, FeatureCount, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = workers }, j =>
                firstBad[j] = IndexOfNonFinite(Feature(j)));
            for (int j = 0; j < FeatureCount; j++)
            {
                if (firstBad[j] >= 0 && firstBad[j] < badSample)
                {
                    badSample = firstBad[j];
                    badFeature = j;
                }
            }
        }
        else
        {
            for (int j = 0; j < FeatureCount; j++)
            {
                int i = IndexOfNonFinite(Feature(j)[..Math.Min(SampleCount, badSample)]);
                if (i >= 0)
                {
                    badSample = i;
                    badFeature = j;
                }
            }
        }

        Span<float> labels = Labels;
        int labelLimit = Math.Min(SampleCount, badSample == int.MaxValue ? SampleCount : badSample + 1);
        int badLabel = IndexOfBadLabel(labels[..labelLimit], classCount);
        if (badLabel < labelLimit && badLabel < badSample)
        {
            ThrowBadLabel(badLabel, labels[badLabel], classCount);
        }

        if (badFeature >= 0)
        {
            ThrowNonFinite(badSample, badFeature, Feature(badFeature)[badSample], featureNames);
        }
    }

    /// <summary>
    /// The index of the first label that is not a class index 0 … K − 1 (NaN included), eight at a time
    /// where the hardware has vectors; the length when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfBadLabel(ReadOnlySpan<float> labels, int classCount)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref MemoryMarshal.GetReference(labels);
            Vector256<float> upper = Vector256.Create((float)classCount);
            for (; i <= labels.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> y = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<float> good = Vector256.GreaterThanOrEqual(y, Vector256<float>.Zero) & Vector256.LessThan(y, upper) & Vector256.Equals(y, Vector256.Floor(y));
                if (!Vector256.EqualsAll(good.AsInt32(), Vector256<int>.AllBitsSet))
                {
                    break;
                }
            }
        }

        for (; i < labels.Length; i++)
        {
            float y = labels[i];
            if (!(y >= 0f && y < classCount && y == MathF.Floor(y)))
            {
                return i;
            }
        }

        return labels.Length;
    }

    /// <summary>The index of the first NaN or infinity, or −1. Uses x − x, which is 0 exactly when x is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref start, (nuint)i);
                if (!Vector256.EqualsAll(v - v, Vector256<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [DoesNotReturn]
    private static void ThrowNonFinite(int sample, int feature, float value, IReadOnlyList<string>? featureNames)
    {
        string column = featureNames?[feature] ?? feature.ToString(CultureInfo.InvariantCulture);
        string where = featureNames is null
            ? string.Create(CultureInfo.InvariantCulture, $"Row {sample}, feature {feature}")
            : string.Create(CultureInfo.InvariantCulture, $"Row {sample}, feature '{column}' (index {feature})");
        throw new LogisticDataException(
            string.Create(CultureInfo.InvariantCulture, $"{where}: value is {value}; features must be finite numbers."),
            sample,
            column);
    }

    [DoesNotReturn]
    private static void ThrowBadLabel(int sample, float value, int classCount) =>
        throw new LogisticDataException(
            classCount == 2
                ? string.Create(CultureInfo.InvariantCulture, $"Row {sample}, column 'label': label is {value}; a label must be 0 or 1.")
                : string.Create(CultureInfo.InvariantCulture, $"Row {sample}, column 'label': label is {value}; a label must be a class index 0 to {classCount - 1}."),
            sample,
            "label");

    /// <summary>Throws unless <paramref name="length"/> floats hold m rows of <paramref name="rowStride"/> floats (the last may end after its n features).</summary>
    private static void CheckRows(int length, int rowStride, int featureCount, int sampleCount)
    {
        if (rowStride < featureCount || length < ((long)(sampleCount - 1) * rowStride) + featureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {sampleCount} rows of {rowStride} floats (n = {featureCount}) but got {length} floats."),
                "rows");
        }
    }

    private static void CheckShape(int length, int featureCount, int sampleCount, string layout)
    {
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A feature matrix needs at least one feature (n >= 1).");
        }

        if (sampleCount == 0)
        {
            throw new ArgumentException("Expected at least one sample (one label per sample) but got none.", "labels");
        }

        long expected = (long)featureCount * sampleCount;
        if (length != expected)
        {
            string shape = layout == "feature-major"
                ? string.Create(CultureInfo.InvariantCulture, $"shape ({featureCount}, {sampleCount}) = (n, m)")
                : string.Create(CultureInfo.InvariantCulture, $"shape ({sampleCount}, {featureCount}) = (m, n)");
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {expected} values ({layout} {shape}, m = labels.Length) but got {length}."),
                "x");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckFeature(int feature)
    {
        if ((uint)feature >= (uint)FeatureCount)
        {
            ThrowIndex(nameof(feature), feature, FeatureCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckSample(int sample)
    {
        if ((uint)sample >= (uint)SampleCount)
        {
            ThrowIndex(nameof(sample), sample, SampleCount);
        }
    }

    [DoesNotReturn]
    private static void ThrowIndex(string paramName, int value, int count) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"Must be in [0, {count})."));
}
