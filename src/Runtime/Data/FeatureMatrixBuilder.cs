using System;
using System.Collections.Generic;

namespace LogRegGen;

/// <summary>
/// Collects samples one at a time, when their number is not known in advance (rows streamed from a
/// reader), and lays them out as a <see cref="FeatureMatrix"/> at the end, the blocks on every core.
/// Samples are kept in blocks of rows, so adding one never copies the ones before it.
/// </summary>
public sealed class FeatureMatrixBuilder : ISampleWriter
{
    private const int BlockRows = 4096;

    private readonly List<float[]> _blocks = new();
    private readonly List<float[]> _labelBlocks = new();
    private int _inBlock = BlockRows;

    /// <summary>Creates a builder for samples of <paramref name="featureCount"/> features.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> is less than 1.</exception>
    public FeatureMatrixBuilder(int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        FeatureCount = featureCount;
    }

    /// <summary>The number of features n of each sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of samples added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a sample with its label and returns its n features to fill in.</summary>
    /// <param name="label">The sample's label (0 or 1, or a class index).</param>
    /// <returns>The new sample's features, all 0 until written.</returns>
    /// <exception cref="InvalidOperationException">The matrix would exceed the largest array.</exception>
    public Span<float> Add(float label)
    {
        if (_inBlock == BlockRows)
        {
            if ((long)(Count + BlockRows) * FeatureCount > Array.MaxLength)
            {
                throw new InvalidOperationException($"More than {Count} samples of {FeatureCount} features do not fit in one feature matrix.");
            }

            _blocks.Add(new float[BlockRows * FeatureCount]);
            _labelBlocks.Add(new float[BlockRows]);
            _inBlock = 0;
        }

        int row = _inBlock++;
        Count++;
        _labelBlocks[^1][row] = label;
        return _blocks[^1].AsSpan(row * FeatureCount, FeatureCount);
    }

    /// <summary>Lays the samples out feature-major, as the kernels read them.</summary>
    /// <exception cref="InvalidOperationException">No sample was added.</exception>
    public FeatureMatrix Build()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No samples were added: the data had no rows.");
        }

        int n = FeatureCount, count = Count;
        FeatureMatrix matrix = FeatureMatrix.Uninitialized(n, count);
        // Each block is a run of samples of the matrix: transposed into its own columns, the blocks on
        // every core at once (disjoint writes, so the same matrix on any number).
        System.Threading.Tasks.Parallel.For(0, _blocks.Count, b =>
        {
            int start = b * BlockRows;
            int rows = Math.Min(BlockRows, count - start);
            MultinomialMath.Transpose(_blocks[b].AsSpan(0, rows * n), n, n, rows, matrix.Values[start..], matrix.Stride);
            _labelBlocks[b].AsSpan(0, rows).CopyTo(matrix.Labels[start..]);
        });

        return matrix;
    }
}
