using System;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// The one parallel driver of every whole-data pass (float gradients, double gradients, Hessian,
/// cost): the samples are split into contiguous ranges of whole chunks, one per worker; each worker
/// sums its range into its own slice of doubles; the slices are then added in range order.
/// </summary>
/// <remarks>
/// The order of every addition depends only on the sample count and the number of workers, never
/// on thread timing, so a pass gives the same bits on every run with the same
/// <c>maxDegreeOfParallelism</c>. One worker sums straight into the result.
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
    /// Runs <paramref name="body"/> over the samples [0, <paramref name="sampleCount"/>) on up to
    /// <paramref name="maxDegreeOfParallelism"/> workers and writes the sum of their results,
    /// added in range order, to <paramref name="result"/> (overwritten).
    /// </summary>
    /// <typeparam name="TState">What the pass reads.</typeparam>
    /// <param name="sampleCount">m.</param>
    /// <param name="maxDegreeOfParallelism">The most workers; -1 for one per processor.</param>
    /// <param name="state">Passed to every call of <paramref name="body"/>.</param>
    /// <param name="body">Sums one range.</param>
    /// <param name="result">The total, as many doubles as one range's sums.</param>
    internal static void Sum<TState>(int sampleCount, int maxDegreeOfParallelism, TState state, RangeSum<TState> body, Span<double> result)
    {
        int workers = WorkerCount(sampleCount, maxDegreeOfParallelism);
        result.Clear();
        if (workers == 1)
        {
            body(state, 0, sampleCount, result);
            return;
        }

        int width = result.Length;
        var partials = new double[workers * width];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
        {
            (int start, int end) = WorkerRange(sampleCount, workers, k);
            body(state, start, end, partials.AsSpan(k * width, width));
        });

        for (int k = 0; k < workers; k++)
        {
            ReadOnlySpan<double> partial = partials.AsSpan(k * width, width);
            for (int i = 0; i < width; i++)
            {
                result[i] += partial[i];
            }
        }
    }
}
