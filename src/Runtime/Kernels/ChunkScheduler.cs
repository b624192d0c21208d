using System;
using System.Buffers;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// The one parallel driver of every whole-data pass (float gradients, double gradients, Hessian,
/// cost, feature statistics): the samples are split into shards of <see cref="ShardSize"/> samples,
/// each summed into its own slice of doubles, and the slices are added in shard order. Workers take
/// contiguous runs of whole shards. (A subsample's pass sums ranges of several shards, how many fixed by the
/// subsample alone.)
/// </summary>
/// <remarks>
/// The order of every addition depends only on the sample count — not on the number of workers, nor
/// on thread timing — so a pass gives the same bits on every run and on any number of cores, and so
/// does every solver built on these passes. A pass over at most one shard sums straight into the result.
/// </remarks>
internal static class ChunkScheduler
{
    /// <summary>
    /// Samples per chunk in every kernel. A chunk of logits or residuals (2 KiB of floats, 4 KiB of
    /// doubles) stays in L1, and the chunk of X it touches stays in L1/L2 for the second read.
    /// </summary>
    internal const int ChunkSize = 512;

    /// <summary>The fewest samples worth a thread of their own (a thread costs a few microseconds).</summary>
    internal const int MinSamplesPerWorker = 32 * ChunkSize;

    /// <summary>Samples per shard, the unit of work and of summation order: one worker's minimum.</summary>
    internal const int ShardSize = MinSamplesPerWorker;

    /// <summary>Sums the samples [start, end) into <paramref name="partial"/>, which starts at zero.</summary>
    /// <typeparam name="TState">What the pass reads (the data and the parameters).</typeparam>
    /// <param name="state">The pass's inputs.</param>
    /// <param name="start">The first sample of the range (a multiple of <see cref="ChunkSize"/>).</param>
    /// <param name="end">One past the last sample of the range.</param>
    /// <param name="partial">The sums of this range.</param>
    internal delegate void RangeSum<TState>(TState state, int start, int end, Span<double> partial);

    /// <summary>
    /// How many workers a pass over <paramref name="sampleCount"/> samples uses: at most
    /// <paramref name="maxDegreeOfParallelism"/> (-1: the processor count), and at least
    /// <see cref="MinSamplesPerWorker"/> samples each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is neither -1 nor positive.</exception>
    internal static int WorkerCount(int sampleCount, int maxDegreeOfParallelism)
    {
        int limit = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (all processors) or a positive number.");
        }

        return Math.Clamp(sampleCount / MinSamplesPerWorker, 1, limit);
    }

    /// <summary>
    /// The samples [Start, End) of one worker when <paramref name="sampleCount"/> samples are split
    /// into <paramref name="workers"/> contiguous ranges of whole chunks (the last may be shorter or empty).
    /// </summary>
    internal static (int Start, int End) WorkerRange(int sampleCount, int workers, int worker)
    {
        int chunks = (sampleCount + ChunkSize - 1) / ChunkSize;
        int length = ((chunks + workers - 1) / workers) * ChunkSize;
        int start = Math.Min(sampleCount, worker * length);
        return (start, Math.Min(sampleCount, start + length));
    }

    /// <summary>
    /// Runs <paramref name="body"/> over the samples [0, <paramref name="sampleCount"/>), shard by shard,
    /// on up to <paramref name="maxDegreeOfParallelism"/> workers and writes the sum of the shards'
    /// results, added in shard order, to <paramref name="result"/> (overwritten).
    /// </summary>
    /// <typeparam name="TState">What the pass reads.</typeparam>
    /// <param name="sampleCount">m.</param>
    /// <param name="maxDegreeOfParallelism">The most workers; -1 for one per processor.</param>
    /// <param name="state">Passed to every call of <paramref name="body"/>.</param>
    /// <param name="body">Sums one range (one shard, or <paramref name="shardsPerRange"/>) into a slice that starts at zero.</param>
    /// <param name="result">The total, as many doubles as one range's sums.</param>
    /// <param name="shardsPerRange">Shards per call of <paramref name="body"/> (and per slice), for a pass that sums so
    /// little of each shard (a subsample's) that a slice per shard would cost more than its sums.</param>
    internal static void Sum<TState>(int sampleCount, int maxDegreeOfParallelism, TState state, RangeSum<TState> body, Span<double> result, int shardsPerRange = 1)
    {
        int workers = WorkerCount(sampleCount, maxDegreeOfParallelism);
        result.Clear();
        int size = ShardSize * shardsPerRange;
        int shards = (sampleCount + size - 1) / size;
        workers = Math.Min(workers, Math.Max(1, shards));
        if (shards <= 1)
        {
            body(state, 0, sampleCount, result);
            return;
        }

        // One worker reuses one slice shard after shard; several keep a slice per shard until all are done.
        int width = result.Length, slices = workers == 1 ? 1 : shards;
        double[] partials = ArrayPool<double>.Shared.Rent(slices * width);
        try
        {
            if (workers == 1)
            {
                Span<double> partial = partials.AsSpan(0, width);
                for (int k = 0; k < shards; k++)
                {
                    partial.Clear();
                    int start = k * size;
                    body(state, start, Math.Min(sampleCount, start + size), partial);
                    Add(result, partial);
                }

                return;
            }

            Array.Clear(partials, 0, shards * width);
            SumInParallel(sampleCount, size, shards, workers, state, body, partials, width);
            for (int k = 0; k < shards; k++)
            {
                Add(result, partials.AsSpan(k * width, width));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partials);
        }
    }

    /// <summary>result += partial, element by element: the one order in which shards are combined.</summary>
    private static void Add(Span<double> result, ReadOnlySpan<double> partial)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] += partial[i];
        }
    }

    /// <summary>
    /// Every shard into its own slice of <paramref name="partials"/>, on <paramref name="workers"/> workers
    /// that take contiguous runs of shards. A method of its own so that the closure the workers share is
    /// allocated only when there are several (captured in <see cref="Sum"/>, it would be allocated on every call).
    /// </summary>
    private static void SumInParallel<TState>(int sampleCount, int size, int shards, int workers, TState state, RangeSum<TState> body, double[] partials, int width) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            SumShards(sampleCount, size, (int)((long)shards * worker / workers), (int)((long)shards * (worker + 1) / workers), state, body, partials, width));

    /// <summary>The ranges [first, end) of <paramref name="size"/> samples, each into its own slice of <paramref name="partials"/>.</summary>
    private static void SumShards<TState>(int sampleCount, int size, int first, int end, TState state, RangeSum<TState> body, double[] partials, int width)
    {
        for (int k = first; k < end; k++)
        {
            int start = k * size;
            body(state, start, Math.Min(sampleCount, start + size), partials.AsSpan(k * width, width));
        }
    }

    /// <summary>
    /// The part of the shard [start, end) that a subsample of one in <paramref name="every"/> sums: its first
    /// 1/every (at least one sample), so the subsample spans the whole data whatever its order.
    /// </summary>
    internal static (int Start, int End) Subsample(int start, int end, int every) =>
        every == 1 ? (start, end) : (start, start + Math.Max(1, (end - start) / every));
}
