using System;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// Batch prediction over rows read in place, on several cores: the rows are split into one contiguous
/// range per worker (whole blocks of <see cref="MultinomialMath.BlockSize"/>), and each worker writes
/// only its rows' outputs, so the result does not depend on the number of workers.
/// </summary>
internal static unsafe class RowParallel
{
    /// <summary>Scores <paramref name="count"/> rows starting at <paramref name="rows"/>, writing their outputs to <paramref name="destination"/>.</summary>
    internal delegate void RangeBody<TState>(TState state, ReadOnlySpan<float> rows, int count, Span<float> destination);

    /// <summary>
    /// Runs <paramref name="body"/> over the <paramref name="count"/> rows on <paramref name="workers"/>
    /// workers (at least 2). The spans are pinned while the workers run.
    /// </summary>
    internal static void Run<TState>(TState state, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> destination, int outputsPerRow, int workers, RangeBody<TState> body)
    {
        int perWorker = (((count + workers - 1) / workers) + MultinomialMath.BlockSize - 1) / MultinomialMath.BlockSize * MultinomialMath.BlockSize;
        fixed (float* rowsPointer = rows)
        fixed (float* destinationPointer = destination)
        {
            nint source = (nint)rowsPointer, target = (nint)destinationPointer;
            int rowsLength = rows.Length;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                long start = (long)worker * perWorker;
                if (start >= count)
                {
                    return;
                }

                int samples = (int)Math.Min(perWorker, count - start);
                long offset = start * rowStride;
                var range = new ReadOnlySpan<float>((float*)source + offset, (int)(rowsLength - offset));
                var output = new Span<float>((float*)target + (start * outputsPerRow), samples * outputsPerRow);
                body(state, range, samples, output);
            });
        }
    }
}
