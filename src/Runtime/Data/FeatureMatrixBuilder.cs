using System;
using System.Collections.Generic;

namespace LogRegGen;

/// <summary>
/// Collects samples one at a time or in runs, when their number is not known in advance (rows streamed
/// from a reader), and lays them out as a <see cref="FeatureMatrix"/> at the end, the blocks on every core.
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
            NewBlock();
        }

        int row = _inBlock++;
        Count++;
        _labelBlocks[^1][row] = label;
        Span<float> features = _blocks[^1].AsSpan(row * FeatureCount, FeatureCount);
        features.Clear();
        return features;
    }

    /// <summary>Adds samples in bulk: their features one sample after another, and their labels.</summary>
    /// <param name="features">The samples' features, n per sample, sample after sample.</param>
    /// <param name="labels">The samples' labels, one per sample.</param>
    /// <exception cref="ArgumentException">The features are not n per label.</exception>
    /// <exception cref="InvalidOperationException">The matrix would exceed the largest array (then none is added).</exception>
    public void AddRange(ReadOnlySpan<float> features, ReadOnlySpan<float> labels)
    {
        int n = FeatureCount;
        if (features.Length != (long)labels.Length * n)
        {
            throw new ArgumentException($"Expected {n} features per label ({(long)labels.Length * n} for {labels.Length} labels) but got {features.Length}.", nameof(features));
        }

        // All or none: the last block this needs must fit (any before it is smaller).
        long lastStart = ((long)Count + labels.Length - 1) / BlockRows * BlockRows;
        if (!labels.IsEmpty && lastStart >= (long)_blocks.Count * BlockRows && (lastStart + BlockRows) * n > Array.MaxLength)
        {
            throw new InvalidOperationException($"More than {lastStart} samples of {n} features do not fit in one feature matrix.");
        }

        while (!labels.IsEmpty)
        {
            if (_inBlock == BlockRows)
            {
                NewBlock();
            }

            int rows = Math.Min(BlockRows - _inBlock, labels.Length);
            features[..(rows * n)].CopyTo(_blocks[^1].AsSpan(_inBlock * n));
            labels[..rows].CopyTo(_labelBlocks[^1].AsSpan(_inBlock));
            features = features[(rows * n)..];
            labels = labels[rows..];
            _inBlock += rows;
            Count += rows;
        }
    }

    /// <summary>Starts a block (its memory is written row by row, so not cleared first).</summary>
    private void NewBlock()
    {
        if ((long)(Count + BlockRows) * FeatureCount > Array.MaxLength)
        {
            throw new InvalidOperationException($"More than {Count} samples of {FeatureCount} features do not fit in one feature matrix.");
        }

        _blocks.Add(GC.AllocateUninitializedArray<float>(BlockRows * FeatureCount));
        _labelBlocks.Add(GC.AllocateUninitializedArray<float>(BlockRows));
        _inBlock = 0;
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
