using System;
using System.Globalization;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// Batch prediction over rows read in place, on several cores: the rows are split into one contiguous
/// range per worker (<see cref="ChunkScheduler.WorkerRange"/>: whole chunks), and each worker writes
/// only its rows' outputs, so the result does not depend on the number of workers.
/// </summary>
internal static unsafe class RowParallel
{
    /// <summary>
    /// Throws unless <paramref name="count"/> ≥ 0 rows of n features (at least
    /// <paramref name="minimumFeatures"/>), <paramref name="rowStride"/> ≥ n apart, fit in
    /// <paramref name="rowsLength"/> values: the row-major entry points' shape check.
    /// </summary>
    internal static void CheckRows(int n, int rowsLength, int rowStride, int count, int minimumFeatures)
    {
        if (n < minimumFeatures || count < 0 || rowStride < n)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {(minimumFeatures > 0 ? $"at least {minimumFeatures} feature, " : "")}a row stride of at least {n} (the features) and a sample count of at least 0, but got {n} features, row stride {rowStride} and {count} samples."),
                "rowStride");
        }

        long needed = count == 0 ? 0 : ((long)(count - 1) * rowStride) + n;
        if (rowsLength < needed)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least {needed} values in rows ({count} samples of {n} features, {rowStride} apart) but got {rowsLength}."),
                "rows");
        }
    }

    /// <summary>Scores <paramref name="count"/> rows starting at <paramref name="rows"/>, writing their outputs to <paramref name="destination"/>.</summary>
    internal delegate void RangeBody<TState>(TState state, ReadOnlySpan<float> rows, int count, Span<float> destination);

    /// <summary>
    /// Runs <paramref name="body"/> over the <paramref name="count"/> rows on <paramref name="workers"/>
    /// workers (at least 2). The spans are pinned while the workers run.
    /// </summary>
    internal static void Run<TState>(TState state, ReadOnlySpan<float> rows, int rowStride, int count, Span<float> destination, int outputsPerRow, int workers, RangeBody<TState> body)
    {
        fixed (float* rowsPointer = rows)
        fixed (float* destinationPointer = destination)
        {
            nint source = (nint)rowsPointer, target = (nint)destinationPointer;
            int rowsLength = rows.Length;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                (int start, int end) = ChunkScheduler.WorkerRange(count, workers, worker);
                if (start >= end)
                {
                    return;
                }

                int samples = end - start;
                long offset = (long)start * rowStride;
                var range = new ReadOnlySpan<float>((float*)source + offset, (int)(rowsLength - offset));
                var output = new Span<float>((float*)target + ((long)start * outputsPerRow), samples * outputsPerRow);
                body(state, range, samples, output);
            });
        }
    }
}
