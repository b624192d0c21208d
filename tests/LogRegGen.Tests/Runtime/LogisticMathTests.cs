using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using LogRegGen;
using Xunit;
using Xunit.Abstractions;

namespace LogRegGen.Tests.Runtime;

public sealed class LogisticMathTests
{
    /// <summary>The bound documented on <see cref="LogisticMath"/>.</summary>
    private const double MaxSigmoidUlp = 4;

    private readonly ITestOutputHelper _output;

    public LogisticMathTests(ITestOutputHelper output) => _output = output;

    public enum Width
    {
        Scalar,
        Vector128,
        Vector256,
    }

    [Fact]
    public void Double_exp_of_non_positive_arguments_is_within_4_ulp_of_Math_Exp()
    {
        // Dense near 0, every binade down to 1e-300, and the whole range to -708 uniformly.
        var random = new Random(2024);
        var points = new System.Collections.Generic.List<double> { 0d, -0d, -1e-300, -708d, -707.9, -0.5 * Math.Log(2), -Math.Log(2) };
        for (double x = 1e-300; x <= 708; x *= 1.013)
        {
            points.Add(-x);
        }

        for (int i = 0; i < 200_000; i++)
        {
            points.Add(-random.NextDouble() * 708);
        }

        double worst = 0;
        for (int i = 0; i + 4 <= points.Count; i += 4)
        {
            Vector256<double> e = SimdMath.ExpNonPositive(Vector256.Create(points[i], points[i + 1], points[i + 2], points[i + 3]));
            for (int k = 0; k < 4; k++)
            {
                double expected = Math.Exp(points[i + k]);
                double ulps = Math.Abs(e.GetElement(k) - expected) / (Math.BitIncrement(expected) - expected);
                worst = Math.Max(worst, ulps);
            }
        }

        _output.WriteLine($"double exp: worst {worst:F2} ulp over {points.Count} points");
        Assert.True(worst <= 4, $"worst error {worst} ulp");

        // Below -708 the result stays at e^-708 instead of reaching subnormals: never 0, NaN or negative.
        Vector256<double> far = SimdMath.ExpNonPositive(Vector256.Create(-709d, -1e4, double.NegativeInfinity, -745d));
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(Math.Exp(-708), far.GetElement(k), Math.Exp(-708) * 1e-14);
        }
    }

    [Fact]
    public void Double_log1p_on_the_unit_interval_is_within_4_ulp()
    {
        var random = new Random(2025);
        var points = new System.Collections.Generic.List<double> { 0d, 1d, 1e-300, 5e-324, 1e-17, 1e-8, 0.5 };
        for (double e = 1e-300; e <= 1; e *= 1.01)
        {
            points.Add(e);
        }

        for (int i = 0; i < 200_000; i++)
        {
            points.Add(random.NextDouble());
        }

        while (points.Count % 4 != 0)
        {
            points.Add(1d);
        }

        double worst = 0;
        for (int i = 0; i < points.Count; i += 4)
        {
            Vector256<double> l = SimdMath.Log1pUnit(Vector256.Create(points[i], points[i + 1], points[i + 2], points[i + 3]));
            for (int k = 0; k < 4; k++)
            {
                double e = points[i + k];
                double expected = ReferenceLog1p(e);
                double actual = l.GetElement(k);
                if (expected == 0)
                {
                    Assert.Equal(0d, actual);
                    continue;
                }

                worst = Math.Max(worst, Math.Abs(actual - expected) / (Math.BitIncrement(expected) - expected));
            }
        }

        _output.WriteLine($"double log1p: worst {worst:F2} ulp over {points.Count} points");
        Assert.True(worst <= 4, $"worst error {worst} ulp");
    }

    /// <summary>log(1 + e) to about 1 ulp: the Taylor series for tiny e, the corrected logarithm otherwise.</summary>
    private static double ReferenceLog1p(double e)
    {
        if (e < 1e-5)
        {
            return e * (1 - (e * (0.5 - (e * ((1d / 3) - (e * 0.25))))));
        }

        double u = 1 + e;
        return Math.Log(u) * (e / (u - 1));
    }

    [Theory]
    [InlineData(Width.Scalar)]
    [InlineData(Width.Vector128)]
    [InlineData(Width.Vector256)]
    public void Sigmoid_is_within_the_documented_ulp_bound_over_minus87_to_88(Width width)
    {
        // Every 509th float bit pattern in [0, 88] and [-87, 0] (about 4.3 million points, dense
        // near 0 and across every binade), plus a million uniform points.
        var points = new System.Collections.Generic.List<float>(5_500_000);
        for (int bits = 0; ; bits += 509)
        {
            float z = BitConverter.Int32BitsToSingle(bits);
            if (z > 88f)
            {
                break;
            }

            points.Add(z);
            if (z <= 87f)
            {
                points.Add(-z);
            }
        }

        var random = new Random(12345);
        for (int i = 0; i < 1_000_000; i++)
        {
            points.Add((float)((random.NextDouble() * 175) - 87));
        }

        double worst = 0;
        float worstAt = float.NaN;
        float[] z8 = new float[8];
        for (int start = 0; start + 8 <= points.Count; start += 8)
        {
            points.CopyTo(start, z8, 0, 8);
            ReadOnlySpan<float> results = Evaluate(width, z8);
            for (int k = 0; k < 8; k++)
            {
                double reference = Reference.Sigmoid(z8[k]);
                double error = Math.Abs(results[k] - reference) / Reference.Ulp(reference);
                if (error > worst)
                {
                    worst = error;
                    worstAt = z8[k];
                }
            }
        }

        _output.WriteLine($"{width}: max error {worst:F3} ulp at z = {worstAt:R} over {points.Count} points");
        Assert.True(worst <= MaxSigmoidUlp, $"{width}: {worst:F3} ulp at z = {worstAt:R}");
        Assert.True(worst > 0, "the sweep compared nothing");
    }

    private static float[] Evaluate(Width width, float[] z8)
    {
        var result = new float[8];
        switch (width)
        {
            case Width.Scalar:
                for (int k = 0; k < 8; k++)
                {
                    result[k] = LogisticMath.Sigmoid(z8[k]);
                }

                break;
            case Width.Vector128:
                LogisticMath.Sigmoid(Vector128.Create(z8, 0)).CopyTo(result, 0);
                LogisticMath.Sigmoid(Vector128.Create(z8, 4)).CopyTo(result, 4);
                break;
            default:
                LogisticMath.Sigmoid(Vector256.Create(z8)).CopyTo(result);
                break;
        }

        return result;
    }

    [Theory]
    [InlineData(100f, 1f)]
    [InlineData(-100f, 0f)]
    [InlineData(1e30f, 1f)]
    [InlineData(-1e30f, 0f)]
    [InlineData(float.MaxValue, 1f)]
    [InlineData(float.MinValue, 0f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(0f, 0.5f)]
    public void Sigmoid_saturates_without_NaN(float z, float expected)
    {
        Assert.Equal(expected, LogisticMath.Sigmoid(z));
        Assert.Equal(Vector128.Create(expected), LogisticMath.Sigmoid(Vector128.Create(z)));
        Assert.Equal(Vector256.Create(expected), LogisticMath.Sigmoid(Vector256.Create(z)));
        var span = new float[19];
        span.AsSpan().Fill(z);
        LogisticMath.Sigmoid(span, span);
        Assert.All(span, a => Assert.Equal(expected, a));
    }

    [Fact]
    public void Sigmoid_is_monotone_and_in_range_across_the_saturation_region()
    {
        float previous = 0f;
        for (float z = -120f; z <= 120f; z += 0.01f)
        {
            float a = LogisticMath.Sigmoid(z);
            Assert.False(float.IsNaN(a));
            Assert.InRange(a, 0f, 1f);
            Assert.True(a >= previous, $"σ({z}) = {a} < {previous}");
            previous = a;
        }
    }

    [Fact]
    public void Sigmoid_of_NaN_is_NaN()
    {
        Assert.True(float.IsNaN(LogisticMath.Sigmoid(float.NaN)));
        Assert.True(float.IsNaN(LogisticMath.Sigmoid(Vector256.Create(float.NaN)).GetElement(3)));
        Assert.True(float.IsNaN(LogisticMath.Sigmoid(Vector128.Create(float.NaN)).GetElement(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(31)]
    [InlineData(1000)]
    public void Sigmoid_span_matches_the_scalar_function_bit_for_bit_on_every_path(int length)
    {
        float[] z = Reference.RandomFloats(length, seed: length, scale: 10);
        foreach (SimdPath path in new[] { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256 })
        {
            var a = new float[length];
            LogisticMath.Sigmoid(z, a, path);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(LogisticMath.Sigmoid(z[i]), a[i]);
            }
        }
    }

    [Fact]
    public void Sigmoid_span_works_in_place_and_rejects_bad_destinations()
    {
        float[] z = Reference.RandomFloats(37, seed: 5, scale: 4);
        float[] expected = Array.ConvertAll(z, LogisticMath.Sigmoid);
        LogisticMath.Sigmoid(z, z);
        Assert.Equal(expected, z);

        var tooShort = new float[36];
        var e1 = Assert.Throws<ArgumentException>(() => LogisticMath.Sigmoid(z, tooShort));
        Assert.Equal("a", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() => LogisticMath.Sigmoid(z.AsSpan(0, 30), z.AsSpan(1, 30)));
        Assert.Equal("a", e2.ParamName);
    }

    [Fact]
    public void Exp_is_within_2_ulp_of_the_double_exponential()
    {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.00037f)
        {
            double reference = Math.Exp(x);
            double ulp = Reference.Ulp(reference);
            worst = Math.Max(worst, Math.Abs(SimdMath.Exp(x) - reference) / ulp);
            worst = Math.Max(worst, Math.Abs(SimdMath.Exp(Vector256.Create(x)).GetElement(0) - reference) / ulp);
            worst = Math.Max(worst, Math.Abs(SimdMath.Exp(Vector128.Create(x)).GetElement(0) - reference) / ulp);
        }

        Assert.InRange(worst, 0, 2);
        Assert.Equal(0f, SimdMath.Exp(-1000f));
        Assert.True(float.IsFinite(SimdMath.Exp(1000f)));
    }

    [Fact]
    public void Double_log_from_one_up_is_within_4_ulp_of_Math_Log()
    {
        // Powers of two and their neighbours (where the exponent steps), then random values up to 1e300.
        var points = new List<double> { 1d, Math.BitIncrement(1d), 2d, Math.BitDecrement(2d), Math.BitIncrement(2d), 10d, 1e300, double.MaxValue };
        for (int p = 1; p < 1000; p++)
        {
            points.Add(Math.ScaleB(1d, p));
            points.Add(Math.BitDecrement(Math.ScaleB(1d, p)));
        }

        var random = new Random(17);
        for (int i = 0; i < 100_000; i++)
        {
            points.Add(Math.Exp(random.NextDouble() * (i % 2 == 0 ? 3 : 690)));
        }

        while (points.Count % 4 != 0)
        {
            points.Add(1d);
        }

        double worst = 0;
        for (int i = 0; i < points.Count; i += 4)
        {
            Vector256<double> l = SimdMath.LogAtLeastOne(Vector256.Create(points[i], points[i + 1], points[i + 2], points[i + 3]));
            for (int k = 0; k < 4; k++)
            {
                double expected = Math.Log(points[i + k]);
                double actual = l.GetElement(k);
                if (expected == 0)
                {
                    Assert.Equal(0d, actual);
                    continue;
                }

                worst = Math.Max(worst, Math.Abs(actual - expected) / (Math.BitIncrement(expected) - expected));
            }
        }

        Assert.InRange(worst, 0, 4);
    }

    [Fact]
    public void Log1p_on_the_unit_interval_has_relative_error_below_3e_minus_7()
    {
        double worst = 0;
        for (double e = 1; e > 1e-30; e *= 0.9993)
        {
            float ef = (float)e;
            double reference = Math.Log(1 + (double)ef);
            if (ef < 1e-8f)
            {
                reference = ef - (0.5 * ef * (double)ef); // series: log(1+e) for tiny e
            }

            worst = Math.Max(worst, Math.Abs(SimdMath.Log1pUnit(ef) - reference) / reference);
            worst = Math.Max(worst, Math.Abs(SimdMath.Log1pUnit(Vector256.Create(ef)).GetElement(0) - reference) / reference);
        }

        Assert.InRange(worst, 1e-9, 3e-7);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(2.5, 1.0)]
    [InlineData(2.5, 0.0)]
    [InlineData(-3.25, 1.0)]
    [InlineData(-3.25, 0.0)]
    [InlineData(5.0, 0.0)]
    public void Loss_matches_the_cross_entropy_definition(double z, double y)
    {
        double a = 1 / (1 + Math.Exp(-z));
        double expected = -((y * Math.Log(a)) + ((1 - y) * Math.Log(1 - a)));
        Assert.Equal(expected, LogisticMath.Loss(z, y), 1e-12);
    }

    [Fact]
    public void Loss_is_stable_at_extreme_logits()
    {
        Assert.Equal(1000, LogisticMath.Loss(1000, 0), 1e-9);
        Assert.Equal(1000, LogisticMath.Loss(-1000, 1), 1e-9);
        Assert.Equal(0, LogisticMath.Loss(1000, 1));
        // Confident and right: the loss is e^-40 to full relative precision, not 0 or a rounding artefact.
        Assert.Equal(Math.Exp(-40), LogisticMath.Loss(40, 1), Math.Exp(-40) * 1e-12);
        Assert.Equal(Math.Exp(-40), LogisticMath.Loss(-40, 0), Math.Exp(-40) * 1e-12);
        Assert.Equal(Math.Log(2), LogisticMath.Loss(0, 1), 1e-15);
        // Confident and wrong: z + log1p(e^-z), where the naive −log(1 − σ(z)) loses the e^-z term to cancellation.
        Assert.Equal(17 + Math.Exp(-17), LogisticMath.Loss(17, 0), 1e-14);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(513)]
    [InlineData(100_003)]
    public void Dot_matches_a_double_reference_on_every_path(int length)
    {
        float[] a = Reference.RandomFloats(length, seed: 1);
        float[] b = Reference.RandomFloats(length, seed: 2);
        double expected = 0, magnitude = 0;
        for (int i = 0; i < length; i++)
        {
            expected += (double)a[i] * b[i];
            magnitude += Math.Abs((double)a[i] * b[i]);
        }

        foreach (SimdPath path in new[] { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256 })
        {
            float actual = LogisticMath.Dot(a, b, path);
            // Relative to the sum of |products| (the dot of random data cancels heavily), plus float rounding of the result.
            Assert.True(Math.Abs(actual - expected) <= (1e-6 * magnitude) + (Math.Abs(expected) * 1e-7), $"{path}: {actual} vs {expected}");
        }

        Assert.Equal(LogisticMath.Dot(a, b, SimdPaths.Best), LogisticMath.Dot(a, b));
    }

    [Fact]
    public void Dot_of_a_long_vector_with_itself_is_accurate_to_1e_minus_6()
    {
        float[] a = Reference.RandomFloats(1_000_003, seed: 3);
        double expected = 0;
        foreach (float v in a)
        {
            expected += (double)v * v;
        }

        Assert.Equal(1, LogisticMath.Dot(a, a) / expected, 1e-6);
    }

    [Fact]
    public void Dot_rejects_different_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => LogisticMath.Dot(new float[3], new float[4]));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(30)]
    [InlineData(64)]
    public void Row_logits_have_the_one_row_arithmetic_bit_for_bit(int n)
    {
        // Multiples of 4 above 8 are summed along the rows' lanes, the rest through 8 × 8 transposes; both must give
        // the generated PredictLogit's sums: four partial sums over j ≡ k (mod 4), products rounded, then
        // ((z0 + z1) + (z2 + z3)) + b. Rows of exactly n floats and rows with one more (a label), every count up to
        // past a block, and values of mixed scale so that a different order of additions would show.
        var random = new Random(n);
        var w = new float[n];
        for (int j = 0; j < n; j++)
        {
            w[j] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
        }

        const float b = 0.3f;
        foreach (int rowStride in new[] { n, n + 1 })
        {
            foreach (int count in new[] { 1, 7, 8, 9, 15, 33, 203 })
            {
                var rows = new float[((count - 1) * rowStride) + n];
                for (int k = 0; k < rows.Length; k++)
                {
                    rows[k] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
                }

                var logits = new float[count];
                LogisticMath.RowLogits(w, b, rows, rowStride, count, logits);
                for (int i = 0; i < count; i++)
                {
                    var partial = new float[4];
                    for (int j = 0; j < n; j++)
                    {
                        float product = w[j] * rows[(i * rowStride) + j];
                        partial[j % 4] = j < 4 ? product : partial[j % 4] + product;
                    }

                    float expected = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + b;

                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(logits[i]),
                        $"n = {n}, stride {rowStride}, count {count}, sample {i}: {logits[i]:R} against {expected:R}");
                }
            }
        }
    }
}
