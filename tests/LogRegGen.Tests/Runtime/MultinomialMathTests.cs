using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// MultinomialMath's batch passes give each sample exactly the bits of the one-sample functions
/// (the generated model's batch and one-row predictions agree), whatever the block's fill.
/// </summary>
public sealed class MultinomialMathTests
{
    [Theory]
    [InlineData(4, 3, 4)]
    [InlineData(17, 10, 20)]
    [InlineData(64, 10, 65)]
    [InlineData(8, 7, 8)]
    [InlineData(1, 2, 3)]
    public void Row_major_logits_and_probabilities_equal_the_one_sample_ones_bit_for_bit(int n, int k, int rowStride)
    {
        // Counts off the block of 32 and the tile of 8; features off the tile of 8; rows with extra
        // floats between them (NaN, which must never reach a result).
        var random = new Random((n * 100) + k);
        float[] weights = Random(random, k * n, 3f);
        float[] biases = Random(random, k, 2f);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 32, 33, 70 })
        {
            float[] rows = Random(random, Math.Max(0, ((count - 1) * rowStride) + n), 5f);
            for (int i = 0; i < count; i++)
            {
                for (int j = n; j < rowStride && (i * rowStride) + j < rows.Length; j++)
                {
                    rows[(i * rowStride) + j] = float.NaN;
                }
            }

            var logits = new float[count * k];
            var probabilities = new float[count * k];
            MultinomialMath.RowLogits(weights, biases, rows, rowStride, count, logits);
            MultinomialMath.RowProbabilities(weights, biases, rows, rowStride, count, probabilities);
            var z = new float[k];
            var a = new float[k];
            for (int i = 0; i < count; i++)
            {
                MultinomialMath.Logits(weights, biases, rows.AsSpan(i * rowStride, n), z);
                MultinomialMath.Softmax(z, a);
                for (int c = 0; c < k; c++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(z[c]), BitConverter.SingleToInt32Bits(logits[(i * k) + c]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(a[c]), BitConverter.SingleToInt32Bits(probabilities[(i * k) + c]));
                }
            }
        }
    }

    [Fact]
    public void Row_major_shapes_that_do_not_fit_are_named()
    {
        float[] weights = new float[3 * 4], biases = new float[3];
        ArgumentException stride = Assert.Throws<ArgumentException>(() => MultinomialMath.RowProbabilities(weights, biases, new float[40], 3, 10, new float[30]));
        Assert.Equal("rowStride", stride.ParamName);
        Assert.Contains("row stride of at least 4", stride.Message, StringComparison.Ordinal);
        ArgumentException rows = Assert.Throws<ArgumentException>(() => MultinomialMath.RowProbabilities(weights, biases, new float[38], 5, 8, new float[24]));
        Assert.Equal("rows", rows.ParamName);
        Assert.Contains("Expected at least 39 values", rows.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MultinomialMath.RowLogits(weights, biases, new float[40], 4, 10, new float[29]));
    }

    [Theory]
    [InlineData(4, 3, 32)]
    [InlineData(7, 10, 40)]
    [InlineData(64, 10, 32)]
    [InlineData(1, 2, 8)]
    public void Batch_logits_and_probabilities_equal_the_one_sample_ones_bit_for_bit(int n, int k, int stride)
    {
        var random = new Random(n * 100 + k);
        float[] weights = Random(random, k * n, 3f);
        float[] biases = Random(random, k, 2f);
        float[] block = Random(random, n * stride, 5f);
        for (int count = 0; count <= stride; count++)
        {
            var logits = new float[count * k];
            var probabilities = new float[count * k];
            MultinomialMath.Logits(weights, biases, block, stride, count, logits);
            MultinomialMath.Probabilities(weights, biases, block, stride, count, probabilities);
            var x = new float[n];
            var z = new float[k];
            var a = new float[k];
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    x[j] = block[(j * stride) + i];
                }

                MultinomialMath.Logits(weights, biases, x, z);
                MultinomialMath.Softmax(z, a);
                for (int c = 0; c < k; c++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(z[c]), BitConverter.SingleToInt32Bits(logits[(i * k) + c]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(a[c]), BitConverter.SingleToInt32Bits(probabilities[(i * k) + c]));
                }

                // And the formulas, in double.
                double max = double.NegativeInfinity;
                var exact = new double[k];
                for (int c = 0; c < k; c++)
                {
                    exact[c] = biases[c];
                    for (int j = 0; j < n; j++)
                    {
                        exact[c] += (double)weights[(c * n) + j] * x[j];
                    }

                    max = Math.Max(max, exact[c]);
                }

                double sum = 0;
                for (int c = 0; c < k; c++)
                {
                    sum += Math.Exp(exact[c] - max);
                }

                for (int c = 0; c < k; c++)
                {
                    Assert.Equal(exact[c], z[c], 1e-4 * Math.Max(1, Math.Abs(exact[c])));
                    // float logits of magnitude ~50 carry ~1e−5 of rounding, which moves a probability by up to about that much.
                    Assert.Equal(Math.Exp(exact[c] - max) / sum, a[c], 2e-5);
                }
            }
        }
    }

    [Fact]
    public void A_block_that_does_not_fit_is_refused_with_its_shape()
    {
        float[] weights = new float[6], biases = new float[3];
        ArgumentException stride = Assert.Throws<ArgumentException>(() => MultinomialMath.Logits(weights, biases, new float[24], 12, 4, new float[12]));
        Assert.Equal("stride", stride.ParamName);
        ArgumentException x = Assert.Throws<ArgumentException>(() => MultinomialMath.Probabilities(weights, biases, new float[10], 8, 4, new float[12]));
        Assert.Equal("x", x.ParamName);
        Assert.Contains("12", x.Message, StringComparison.Ordinal);
        ArgumentException destination = Assert.Throws<ArgumentException>(() => MultinomialMath.Probabilities(weights, biases, new float[16], 8, 4, new float[11]));
        Assert.Equal("destination", destination.ParamName);
    }

    [Fact]
    public void Rows_transposed_to_any_alignment_land_exactly_where_they_belong()
    {
        // A pinned target entered at every float offset of a 32-byte line: over long runs the first rows before the
        // aligned tiles go one value at a time; every value lands in place, and nothing outside the rows' places is written.
        var random = new Random(5);
        float[] target = GC.AllocateArray<float>(6_000, pinned: true);
        // n mod 8 features go by a tile that reads on into the next row (rows of n floats) or the label (n + 1); the
        // last rows, whose reads would pass the end, one value at a time.
        foreach ((int n, int rowStride) in new[] { (1, 1), (3, 4), (4, 4), (4, 5), (7, 8), (8, 9), (11, 12), (17, 17), (17, 18) })
        {
            // Short blocks (a prediction's) are not aligned; from MultinomialMath.AlignedRunMinimum rows on they are.
            foreach (int count in new[] { 1, 8, 13, 40, 100, MultinomialMath.AlignedRunMinimum, 301 })
            {
                int targetStride = 304;
                float[] rows = Random(random, count * rowStride, 10);
                for (int offset = 0; offset < 8; offset++)
                {
                    Array.Fill(target, float.NaN);
                    // The span ends at the last row's last feature, as a matrix's layout gives it.
                    MultinomialMath.Transpose(rows.AsSpan(0, ((count - 1) * rowStride) + n), rowStride, n, count, target.AsSpan(offset), targetStride);
                    for (int k = 0; k < target.Length; k++)
                    {
                        int j = (k - offset) / targetStride, i = (k - offset) % targetStride;
                        bool inside = k >= offset && j < n && i < count;
                        Assert.Equal(inside ? rows[(i * rowStride) + j] : float.NaN, target[k]);
                    }
                }
            }
        }
    }

    private static float[] Random(Random random, int length, float scale)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
