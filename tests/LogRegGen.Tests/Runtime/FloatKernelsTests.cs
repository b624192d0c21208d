using System;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>The standardization's moment sums added in pieces, as <see cref="FeatureMatrix.FromRows{TRow}"/> adds them run by run.</summary>
public sealed class FloatKernelsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(4_099)]
    public void Moments_added_in_pieces_are_the_whole_row_s_bit_for_bit(int length)
    {
        var random = new Random(length);
        float[] x = new float[length], y = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(1e3 + (random.NextDouble() * 7));
            y[i] = (float)(random.NextDouble() - 0.5);
        }

        (double Sum, double Squares) whole = FloatKernels.ShiftedMoments(x, 1e3 + 3.3);

        // Pieces of whole eights but the last, one row at a time and two at once.
        FloatKernels.MomentLanes alone = default, pairedX = default, pairedY = default;
        int rest = 0, pairRest = 0;
        foreach ((int start, int end) in Pieces(length))
        {
            Assert.Equal(start, rest);
            rest = start + FloatKernels.AddShiftedMoments(x.AsSpan(start, end - start), 1e3 + 3.3, ref alone);
            pairRest = start + FloatKernels.AddShiftedMoments(x.AsSpan(start, end - start), 1e3 + 3.3, ref pairedX, y.AsSpan(start, end - start), 0.01, ref pairedY);
        }

        Assert.Equal(rest, pairRest);
        Assert.True(length - rest < 8);
        Assert.Equal(whole, FloatKernels.FinishShiftedMoments(x.AsSpan(rest), 1e3 + 3.3, in alone));
        Assert.Equal(whole, FloatKernels.FinishShiftedMoments(x.AsSpan(rest), 1e3 + 3.3, in pairedX));
        Assert.Equal(FloatKernels.ShiftedMoments(y, 0.01), FloatKernels.FinishShiftedMoments(y.AsSpan(rest), 0.01, in pairedY));

        // And against a plain double sum, to rounding.
        double sum = 0, squares = 0;
        foreach (float v in x)
        {
            sum += v - (1e3 + 3.3);
            squares += (v - (1e3 + 3.3)) * (v - (1e3 + 3.3));
        }

        Assert.Equal(sum, whole.Sum, Math.Max(1e-9, Math.Abs(sum) * 1e-12));
        Assert.Equal(squares, whole.Squares, Math.Max(1e-9, squares * 1e-12));
    }

    private static (int Start, int End)[] Pieces(int length)
    {
        // 512, then 2,048 at a time, as the layout's head and runs; the last piece whatever is left.
        var pieces = new System.Collections.Generic.List<(int, int)>();
        int start = 0;
        foreach (int size in new[] { 512, 2_048, 8, 16 })
        {
            if (start + size >= length)
            {
                break;
            }

            pieces.Add((start, start + size));
            start += size;
        }

        pieces.Add((start, length));
        return pieces.ToArray();
    }
}
