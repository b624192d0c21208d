using System;
using System.Globalization;

namespace LogRegGen;

/// <summary>
/// Builds a <see cref="FeatureMatrix"/> from 2-D and jagged arrays, with the layout in the method's
/// name: <c>FromSamples</c> takes X as (m, n), one row per sample (as a CSV file or a data frame holds
/// it); <c>FromFeatures</c> takes X as (n, m), one row per feature (the notes' layout). The LogRegGen
/// analyzers flag a call whose array is shaped for the other method (LRG015), and these methods
/// check the shape again at run time.
/// </summary>
public static class FeatureMatrices
{
    /// <summary>Builds a matrix from samples given one per row: <paramref name="x"/> has shape (m, n).</summary>
    /// <param name="x">The samples: x[i, j] is feature j of sample i.</param>
    /// <param name="labels">Y, one label per sample: its length is m, the number of rows of <paramref name="x"/>.</param>
    /// <returns>A new feature-major matrix holding the values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException">x has no sample or no feature, or its number of rows is not
    /// labels.Length; the message gives the expected and the actual shape.</exception>
    public static FeatureMatrix FromSamples(float[,] x, ReadOnlySpan<float> labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        int m = x.GetLength(0);
        int n = x.GetLength(1);
        CheckShape(m, n, m, n, labels.Length, samplesFirst: true);

        var matrix = new FeatureMatrix(n, m);
        Span<float> data = matrix.Values;
        int stride = matrix.Stride;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                data[(j * stride) + i] = x[i, j];
            }
        }

        labels.CopyTo(matrix.Labels);
        return matrix;
    }

    /// <summary>Builds a matrix from features given one per row, as in the notes: <paramref name="x"/> has shape (n, m).</summary>
    /// <param name="x">The features: x[j, i] is feature j of sample i.</param>
    /// <param name="labels">Y, one label per sample: its length is m, the number of columns of <paramref name="x"/>.</param>
    /// <returns>A new feature-major matrix holding the values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException">x has no sample or no feature, or its number of columns is not
    /// labels.Length; the message gives the expected and the actual shape.</exception>
    public static FeatureMatrix FromFeatures(float[,] x, ReadOnlySpan<float> labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0);
        int m = x.GetLength(1);
        CheckShape(n, m, m, n, labels.Length, samplesFirst: false);

        var matrix = new FeatureMatrix(n, m);
        Span<float> data = matrix.Values;
        int stride = matrix.Stride;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                data[(j * stride) + i] = x[j, i];
            }
        }

        labels.CopyTo(matrix.Labels);
        return matrix;
    }

    /// <summary>Builds a matrix from samples given as one array each: x[i] is sample i, of n features.</summary>
    /// <param name="x">m arrays of n values each.</param>
    /// <param name="labels">Y, one label per sample: its length is m, the number of arrays.</param>
    /// <returns>A new feature-major matrix holding the values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or one of its arrays is null.</exception>
    /// <exception cref="ArgumentException">The arrays do not all have the same, non-zero length, or
    /// there are not labels.Length of them; the message gives the expected and the actual shape.</exception>
    public static FeatureMatrix FromSamples(float[][] x, ReadOnlySpan<float> labels)
    {
        int n = CheckJagged(x, samplesFirst: true, labels.Length);
        int m = x.Length;
        var matrix = new FeatureMatrix(n, m);
        Span<float> data = matrix.Values;
        int stride = matrix.Stride;
        for (int i = 0; i < m; i++)
        {
            float[] sample = x[i];
            for (int j = 0; j < n; j++)
            {
                data[(j * stride) + i] = sample[j];
            }
        }

        labels.CopyTo(matrix.Labels);
        return matrix;
    }

    /// <summary>Builds a matrix from features given as one array each, as in the notes: x[j] holds feature j of all m samples.</summary>
    /// <param name="x">n arrays of m values each.</param>
    /// <param name="labels">Y, one label per sample: its length is m, the length of every array.</param>
    /// <returns>A new feature-major matrix holding the values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or one of its arrays is null.</exception>
    /// <exception cref="ArgumentException">The arrays do not all have labels.Length values, or there is
    /// none; the message gives the expected and the actual shape.</exception>
    public static FeatureMatrix FromFeatures(float[][] x, ReadOnlySpan<float> labels)
    {
        int m = CheckJagged(x, samplesFirst: false, labels.Length);
        int n = x.Length;
        var matrix = new FeatureMatrix(n, m);
        for (int j = 0; j < n; j++)
        {
            x[j].CopyTo(matrix.Feature(j));
        }

        labels.CopyTo(matrix.Labels);
        return matrix;
    }

    /// <summary>Checks a 2-D array's (rows, columns) against m = labels.Length for its layout.</summary>
    private static void CheckShape(int rows, int columns, int m, int n, int labelCount, bool samplesFirst)
    {
        if (m == 0 || n == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least one sample and one feature but x has shape ({rows}, {columns})."),
                "x");
        }

        if (m != labelCount)
        {
            throw new ArgumentException(Mismatch(rows, columns, labelCount, samplesFirst), "x");
        }
    }

    /// <summary>Checks a jagged array and returns the common length of its inner arrays.</summary>
    private static int CheckJagged(float[][] x, bool samplesFirst, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            throw new ArgumentException("Expected at least one sample and one feature but x has no arrays.", nameof(x));
        }

        int inner = -1;
        for (int k = 0; k < x.Length; k++)
        {
            float[] row = x[k] ?? throw new ArgumentNullException(nameof(x), string.Create(CultureInfo.InvariantCulture, $"x[{k}] is null."));
            if (inner < 0)
            {
                inner = row.Length;
            }
            else if (row.Length != inner)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Expected every array of x to have {inner} values (a rectangular matrix) but x[{k}] has {row.Length}."),
                    nameof(x));
            }
        }

        if (inner == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least one sample and one feature but x has shape ({x.Length}, 0)."),
                nameof(x));
        }

        int m = samplesFirst ? x.Length : inner;
        if (m != labelCount)
        {
            throw new ArgumentException(Mismatch(x.Length, inner, labelCount, samplesFirst), nameof(x));
        }

        return inner;
    }

    private static string Mismatch(int rows, int columns, int labelCount, bool samplesFirst)
    {
        string expected = samplesFirst
            ? string.Create(CultureInfo.InvariantCulture, $"({labelCount}, n) = (m, n), one row per sample")
            : string.Create(CultureInfo.InvariantCulture, $"(n, {labelCount}) = (n, m), one row per feature");
        bool transposed = samplesFirst ? columns == labelCount : rows == labelCount;
        string hint = transposed
            ? samplesFirst
                ? "; it looks transposed: FeatureMatrices.FromFeatures takes (n, m)"
                : "; it looks transposed: FeatureMatrices.FromSamples takes (m, n)"
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Expected x of shape {expected} (m = labels.Length = {labelCount}) but got ({rows}, {columns}){hint}.");
    }
}
