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

/// <summary>The double-precision residuals, curvatures and losses of the exact solvers' passes, sample by sample, against Math.Exp and a compensated log1p.</summary>
public sealed class DoubleResidualTests
{
    [Fact]
    public void Residuals_curvatures_and_losses_are_within_a_few_ulp()
    {
        var logits = new System.Collections.Generic.List<double> { 0, 1e-300, -1e-300, 1e-12, -1e-12, 700, -700, 745, -745, 36.7, -36.7 };
        for (double z = -60; z <= 60; z += 0.0137)
        {
            logits.Add(z);
        }

        foreach (double z in logits)
        {
            foreach (float y in new[] { 0f, 1f })
            {
                // Four equal samples: the vector path, whose loss sum is four times one sample's.
                var residuals = new[] { z, z, z, z };
                var curvatures = new double[4];
                (double loss, double residual, double curvature) = DoubleKernels.Residuals(residuals, new[] { y, y, y, y }, default, curvatures);

                double e = Math.Exp(-Math.Abs(z));
                double sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                double expectedResidual = sigma - y;
                double expectedCurvature = e / ((1 + e) * (1 + e));
                double expectedLoss = Math.Max(z, 0) - (y * z) + Log1p(e);
                // Past |z| = 708 the exponential stops at e^−708 (documented), which moves each by less than 1e−307.
                Assert.True(Math.Abs(residuals[0] - expectedResidual) <= Math.Max(1e-306, 2e-15 * Math.Max(sigma, y)), $"r at z = {z:R}, y = {y}: {residuals[0]:R} vs {expectedResidual:R}");
                Assert.True(Math.Abs(curvatures[0] - expectedCurvature) <= Math.Max(1e-306, 2e-15 * expectedCurvature), $"h at z = {z:R}: {curvatures[0]:R} vs {expectedCurvature:R}");
                Assert.True(Math.Abs((loss / 4) - expectedLoss) <= Math.Max(1e-306, 2e-15 * expectedLoss), $"loss at z = {z:R}, y = {y}: {loss / 4:R} vs {expectedLoss:R}");
                Assert.Equal(4 * residuals[0], residual, 1e-300 + Math.Abs(4e-15 * residual));
                Assert.Equal(4 * curvatures[0], curvature, 1e-300 + (4e-15 * curvature));
            }
        }
    }

    [Theory]
    [InlineData(513, false)]
    [InlineData(4099, false)]
    [InlineData(4099, true)]
    public void Loss_sums_over_many_samples_match_the_sum_of_each_samples_loss(int count, bool weighted)
    {
        // Past 128 samples a lane's product of 1 + e is logged and restarted; the sum must not notice, nor a tail.
        var random = new Random(count);
        var z = new double[count];
        var y = new float[count];
        var s = weighted ? new double[count] : null;
        double expected = 0, compensation = 0, magnitude = 0;
        for (int i = 0; i < count; i++)
        {
            z[i] = (random.NextDouble() - 0.5) * (i % 3 == 0 ? 80 : 8);
            y[i] = random.Next(2);
            double weight = 1;
            if (s is not null)
            {
                s[i] = weight = 0.5 + random.NextDouble();
            }

            double e = Math.Exp(-Math.Abs(z[i]));
            double term = weight * (Math.Max(z[i], 0) - (y[i] * z[i]) + Log1p(e));

            // Neumaier's compensated sum: the reference must be more exact than the sum under test.
            double t = expected + term;
            compensation += Math.Abs(expected) >= Math.Abs(term) ? (expected - t) + term : (term - t) + expected;
            expected = t;
            magnitude += Math.Abs(term);
        }

        expected += compensation;
        (double loss, _, _) = DoubleKernels.Residuals(z, y, s, default);
        Assert.True(Math.Abs(loss - expected) <= 2e-15 * magnitude, $"{loss:R} vs {expected:R}");
    }

    [Fact]
    public void A_sum_of_tiny_losses_keeps_what_one_plus_e_rounds_away()
    {
        // y = 1 and z from 25 to 40: each loss is log(1 + e) alone, 1e−17 to 1e−11, mostly lost when 1 + e is rounded,
        // and the products of such factors round too. Only the double-double's low part keeps the sum: without the
        // rounding of 1 + e, or of the products, it would be off by far more than this 1e−14.
        var random = new Random(11);
        const int count = 4099;
        var z = new double[count];
        var y = new float[count];
        double expected = 0, compensation = 0;
        for (int i = 0; i < count; i++)
        {
            z[i] = 25 + (random.NextDouble() * 15);
            y[i] = 1;
            double term = Log1p(Math.Exp(-z[i]));
            double t = expected + term;
            compensation += Math.Abs(expected) >= Math.Abs(term) ? (expected - t) + term : (term - t) + expected;
            expected = t;
        }

        expected += compensation;
        (double loss, _, _) = DoubleKernels.Residuals(z, y, default, default);
        Assert.True(Math.Abs(loss - expected) <= 1e-14 * expected, $"{loss:R} vs {expected:R}");
    }

    /// <summary>log(1 + e) to a few ulp for any e ≥ 0: log(u)·e/(u − 1) with u = 1 + e rounded (Goldberg's compensation).</summary>
    private static double Log1p(double e)
    {
        double u = 1 + e;
        return u == 1 ? e : Math.Log(u) * e / (u - 1);
    }
}
