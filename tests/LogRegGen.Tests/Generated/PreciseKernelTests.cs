using System;
using System.Linq;
using LogRegGen.Optimization;
using LogRegGen.Tests.Runtime;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The generated double-precision forward pass (vector and scalar paths) against a plain double
/// loop, and the objective Newton and L-BFGS minimize, built on it, against the dense reference
/// objective: value, gradient and Hessian, with sample weights and with or without an intercept.
/// </summary>
public sealed class PreciseKernelTests
{
    private delegate void Logits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> logits, bool vectorized);

    public static TheoryData<int, bool> Paths()
    {
        var data = new TheoryData<int, bool>();
        foreach (int n in new[] { 1, 4, 7, 9, 16, 30, 64 })
        {
            data.Add(n, true);
            data.Add(n, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Generated_precise_logits_match_a_double_loop(int n, bool vectorized)
    {
        const int M = 1031;
        FeatureMatrix data = Reference.RandomData(n, M, seed: 500 + n);
        double[] w = Reference.ToDouble(Reference.RandomFloats(n, seed: 600 + n));
        const double B = 0.37;
        foreach ((int start, int count) in new[] { (0, M), (5, 1), (13, 518), (M - 7, 7) })
        {
            var z = new double[count];
            LogitsFor(n)(data, w, B, start, z, vectorized);
            for (int i = 0; i < count; i++)
            {
                double expected = Reference.Logit(data, w, B, start + i);
                double scale = B;
                for (int j = 0; j < n; j++)
                {
                    scale += Math.Abs(w[j] * data.Feature(j)[start + i]);
                }

                Assert.True(Math.Abs(z[i] - expected) <= 1e-14 * scale, $"n = {n}, sample {start + i}: {z[i]:R} vs {expected:R}");
            }
        }
    }

    [Fact]
    public void Precise_logits_check_their_arguments()
    {
        FeatureMatrix four = new(4, 10);
        ILogisticKernelCall<Row4Model>(four, new double[4], 0, new double[10]);
        Assert.Contains("(5, 10)", Assert.Throws<ArgumentException>(() => ILogisticKernelCall<Row4Model>(new FeatureMatrix(5, 10), new double[4], 0, new double[10])).Message);
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => ILogisticKernelCall<Row4Model>(four, new double[3], 0, new double[10])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ILogisticKernelCall<Row4Model>(four, new double[4], 3, new double[8]));
    }

    [Theory]
    [InlineData(30, 2000, true, true)]
    [InlineData(30, 2000, true, false)]
    [InlineData(30, 2000, false, true)]
    [InlineData(30, 2000, false, false)]
    [InlineData(9, 1031, true, true)] // an odd n (a lone row in the Hessian's 2-row tiles) and a ragged last chunk
    [InlineData(7, 3, false, false)] // fewer samples than one vector
    [InlineData(64, 517, true, true)]
    public void Kernel_objective_matches_the_dense_reference(int n, int m, bool weighted, bool fitIntercept)
    {
        int N = n, M = m;
        FeatureMatrix data = Reference.RandomData(N, M, seed: 77);
        double[]? s = null;
        double total = M;
        if (weighted)
        {
            var random = new Random(78);
            s = new double[M];
            total = 0;
            for (int i = 0; i < M; i++)
            {
                s[i] = random.Next(0, 4) * 0.5;
                total += s[i];
            }
        }

        const double Lambda = 0.8;
        ILogisticObjective kernel = n switch
        {
            30 => new LogisticObjective<Row30Model>(data, s, total, Lambda, fitIntercept),
            9 => new LogisticObjective<Row9Model>(data, s, total, Lambda, fitIntercept),
            7 => new LogisticObjective<Row7Model>(data, s, total, Lambda, fitIntercept),
            _ => new LogisticObjective<Row64Model>(data, s, total, Lambda, fitIntercept),
        };
        var runtime = new LogisticObjective<RuntimeKernel>(data, s, total, Lambda, fitIntercept);
        DenseLogisticObjective dense = DenseLogisticObjective.FromMatrix(data, s ?? Array.Empty<double>(), Lambda, fitIntercept);
        Assert.Equal(dense.Dimension, kernel.Dimension);
        Assert.Equal(dense.TotalWeight, total, 1e-9);

        int d = dense.Dimension;
        double[] theta = Reference.ToDouble(Reference.RandomFloats(d, seed: 79, scale: 0.3));
        foreach (ILogisticObjective candidate in new ILogisticObjective[] { kernel, runtime })
        {
            var expectedGradient = new double[d];
            var gradient = new double[d];
            double expected = dense.ValueAndGradient(theta, expectedGradient);
            double value = candidate.ValueAndGradient(theta, gradient);
            Assert.Equal(expected, value, 1e-10 * expected);
            double gradientScale = IterativeSolverScale(expectedGradient);
            for (int k = 0; k < d; k++)
            {
                Assert.True(Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-11 * gradientScale * M, $"gradient[{k}]: {gradient[k]:R} vs {expectedGradient[k]:R}");
            }

            // A mini-batch is a range of samples, estimated on the same kernels.
            (int start, int end) = (M / 3, Math.Min(M, (M / 3) + 37));
            expected = dense.BatchValueAndGradient(theta, start, end, expectedGradient);
            value = candidate.BatchValueAndGradient(theta, start, end, gradient);
            Assert.Equal(expected, value, 1e-10 * expected);
            for (int k = 0; k < d; k++)
            {
                Assert.Equal(expectedGradient[k], gradient[k], 1e-10 * (Math.Abs(expectedGradient[k]) + 1));
            }

            // A shuffled copy is the same objective.
            ILogisticObjective shuffled = candidate.Shuffled(new Random(5), null);
            Assert.Equal(candidate.ValueAndGradient(theta, gradient), shuffled.ValueAndGradient(theta, expectedGradient), 1e-10 * expected);

            var expectedHessian = new double[d * d];
            var hessian = new double[d * d];
            dense.Hessian(theta, expectedHessian);
            candidate.Hessian(theta, hessian);
            AssertHessianClose(expectedHessian, hessian, d);
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Folded_standardization_equals_the_objective_on_a_standardized_copy(bool fitIntercept, bool weighted)
    {
        // Raw features with offsets and scales far from (0, 1): the objective that folds (x − μ)/s into
        // the weights must give the same F, ∇F and ∇²F as the plain objective on standardized values.
        const int N = 9, M = 3_001;
        FeatureMatrix raw = Reference.RandomData(N, M, seed: 94);
        var means = new double[N];
        var scales = new double[N];
        for (int j = 0; j < N; j++)
        {
            means[j] = fitIntercept ? 3 * (j - 4) : 0;
            scales[j] = 0.25 * (j + 1);
            Span<float> row = raw.Feature(j);
            for (int i = 0; i < M; i++)
            {
                // Values exact in float both ways: raw = μ + s·k/64.
                row[i] = (float)(means[j] + (scales[j] * Math.Round(row[i] * 64) / 64));
            }
        }

        FeatureMatrix standardized = raw.Clone();
        for (int j = 0; j < N; j++)
        {
            Span<float> row = standardized.Feature(j);
            for (int i = 0; i < M; i++)
            {
                row[i] = (float)((row[i] - means[j]) / scales[j]);
            }
        }

        double[]? s = weighted ? Enumerable.Range(0, M).Select(i => (i % 3) * 0.5).ToArray() : null;
        double total = s?.Sum() ?? M;
        var folded = new LogisticObjective<Row9Model>(raw, s, total, 0.7, fitIntercept, means: means, scales: scales);
        var plain = new LogisticObjective<Row9Model>(standardized, s, total, 0.7, fitIntercept);
        int d = folded.Dimension;
        double[] theta = Reference.ToDouble(Reference.RandomFloats(d, seed: 95, scale: 0.5));

        double[] g1 = new double[d], g2 = new double[d], h1 = new double[d * d], h2 = new double[d * d], g3 = new double[d], h3 = new double[d * d];
        double f1 = folded.ValueAndGradient(theta, g1);
        double f2 = plain.ValueAndGradient(theta, g2);
        folded.Hessian(theta, h1);
        plain.Hessian(theta, h2);
        double f3 = folded.ValueGradientAndHessian(theta, g3, h3);
        Assert.Equal(f2, f1, 1e-11 * f2);
        Assert.Equal(f1, f3, 1e-13 * f1);
        for (int k = 0; k < d; k++)
        {
            Assert.Equal(g2[k], g1[k], 1e-9 * (Math.Abs(g2[k]) + 1));
            Assert.Equal(g1[k], g3[k], 1e-12 * (Math.Abs(g1[k]) + 1));
        }

        AssertHessianClose(h2, h1, d);
        for (int k = 0; k < d * d; k++)
        {
            Assert.Equal(h1[k], h3[k], 1e-12 * (Math.Abs(h1[k]) + 1));
        }
    }

    [Fact]
    public void Single_precision_objective_matches_double_to_float_accuracy_and_is_used_only_without_weights()
    {
        const int N = 9, M = 5_000;
        FeatureMatrix data = Reference.RandomData(N, M, seed: 92);
        double[] theta = Reference.ToDouble(Reference.RandomFloats(N + 1, seed: 93, scale: 0.3));
        var single = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true, precision: ObjectivePrecision.Single);
        var exact = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true);
        Assert.Equal(ObjectivePrecision.Single, single.Precision);
        double[] gs = new double[N + 1], gd = new double[N + 1];
        double fs = single.ValueAndGradient(theta, gs);
        double fd = exact.ValueAndGradient(theta, gd);
        Assert.Equal(fd, fs, 1e-5 * fd);
        double scale = IterativeSolverScale(gd);
        for (int k = 0; k <= N; k++)
        {
            Assert.True(Math.Abs(gs[k] - gd[k]) <= 1e-5 * scale, $"gradient[{k}]: {gs[k]:R} vs {gd[k]:R}");
        }

        // The fused float kernel has no sample weights: a weighted objective is always double.
        var weights = new double[M];
        Array.Fill(weights, 1d);
        Assert.Equal(ObjectivePrecision.Double, new LogisticObjective<Row9Model>(data, weights, M, 0.5, true, precision: ObjectivePrecision.Single).Precision);
    }

    [Theory]
    [InlineData(10_000, 4)]
    [InlineData(70_001, 16)] // five shards, summed in ranges of four (a sixteenth of a shard is 1,024 samples)
    [InlineData(300_001, 64)] // nineteen shards, the last ragged, summed in ranges of sixteen
    public void Subsampled_objective_is_the_scaled_sum_over_the_first_part_of_each_shard(int m, int every)
    {
        const int N = 9;
        FeatureMatrix data = Reference.RandomData(N, m, seed: 58);
        double[] theta = Reference.ToDouble(Reference.RandomFloats(N + 1, seed: 59, scale: 0.3));
        var full = new LogisticObjective<Row9Model>(data, null, m, 0.5, fitIntercept: true);
        var part = (LogisticObjective<Row9Model>)full.Subsampled(every);

        // The reference: the same samples gathered into a matrix of their own, times m / (samples used).
        var kept = new System.Collections.Generic.List<int>();
        for (int start = 0; start < m; start += ChunkScheduler.ShardSize)
        {
            int length = Math.Min(m, start + ChunkScheduler.ShardSize) - start;
            kept.AddRange(Enumerable.Range(start, Math.Max(1, length / every)));
        }

        var subset = new FeatureMatrix(N, kept.Count);
        for (int j = 0; j < N; j++)
        {
            for (int i = 0; i < kept.Count; i++)
            {
                subset.Feature(j)[i] = data.Feature(j)[kept[i]];
            }
        }

        for (int i = 0; i < kept.Count; i++)
        {
            subset.Labels[i] = data.Labels[kept[i]];
        }

        double scale = (double)m / kept.Count;
        var plain = new LogisticObjective<Row9Model>(subset, null, kept.Count, 0.5 / scale, fitIntercept: true);
        double[] g = new double[N + 1], expected = new double[N + 1], h = new double[(N + 1) * (N + 1)], expectedH = new double[(N + 1) * (N + 1)];
        double value = part.ValueGradientAndHessian(theta, g, h);
        double reference = scale * plain.ValueGradientAndHessian(theta, expected, expectedH);
        Assert.Equal(reference, value, 1e-9 * reference);
        for (int k = 0; k <= N; k++)
        {
            Assert.Equal(scale * expected[k], g[k], 1e-9 * (Math.Abs(scale * expected[k]) + 1));
        }

        AssertHessianClose(expectedH.Select(x => x * scale).ToArray(), h, N + 1);
        Assert.Equal(value, part.ValueAndGradient(theta, expected), 1e-12 * value);
    }

    [Theory]
    [InlineData(70_001, 4, null, 1e-12)] // five shards, the last ragged: its quarter ends inside a chunk
    [InlineData(70_001, 4, 1.5, 1e-12)] // with sample weights
    [InlineData(2 * 16_384, 16, null, 1e-6)] // whole shards, which the sixteenth's own pass sums two to a range
    public void A_gradient_pass_with_a_subsample_Hessian_gives_the_full_gradient_and_the_subsample_Hessian(int m, int every, double? weight, double hessianTolerance)
    {
        // The value and gradient of every sample, the Hessian of the subsample's own pass: the subsample's h from
        // the same logits, its sums from the same chunks. A quarter's own pass sums a shard per range, as the full
        // pass does, so only the ranges' order of addition differs; a sixteenth's sums several shards per range,
        // whose float products are centred on the range's first chunk rather than each shard's: within float error.
        const int N = 9;
        FeatureMatrix data = Reference.RandomData(N, m, seed: 61);
        double[] theta = Reference.ToDouble(Reference.RandomFloats(N + 1, seed: 62, scale: 0.3));
        double[]? s = weight is { } v ? Enumerable.Range(0, m).Select(i => i % 3 == 0 ? v : 1d).ToArray() : null;
        var full = new LogisticObjective<Row9Model>(data, s, s?.Sum() ?? m, 0.5, fitIntercept: true);
        double[] g = new double[N + 1], h = new double[(N + 1) * (N + 1)], expected = new double[N + 1], expectedH = new double[(N + 1) * (N + 1)];
        double value = full.ValueGradientAndSubsampledHessian(theta, g, h, every);
        double reference = full.ValueAndGradient(theta, expected);
        full.Subsampled(every).Hessian(theta, expectedH);
        Assert.Equal(reference, value, 1e-13 * reference);
        for (int k = 0; k <= N; k++)
        {
            Assert.Equal(expected[k], g[k], 1e-12 * (Math.Abs(expected[k]) + 1));
        }

        for (int k = 0; k < h.Length; k++)
        {
            Assert.Equal(expectedH[k], h[k], hessianTolerance * (Math.Abs(expectedH[k]) + 1));
        }

        // Not the full Hessian: the subsample's estimate of it.
        double[] fullH = new double[(N + 1) * (N + 1)];
        full.Hessian(theta, fullH);
        Assert.NotEqual(fullH, h);
        Assert.False(full.IsSubsample);
        Assert.True(((ISubsampledObjective)full.Subsampled(every)).IsSubsample);
        Assert.Throws<InvalidOperationException>(() => ((ISubsampledObjective)full.Subsampled(every)).ValueGradientAndSubsampledHessian(theta, g, h, every));
        Assert.Throws<ArgumentOutOfRangeException>(() => full.ValueGradientAndSubsampledHessian(theta, g, h, 1));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    public void A_subsample_summed_in_ranges_of_several_shards_gives_the_same_bits_on_any_number_of_threads(int every)
    {
        const int N = 9, M = 300_001;
        FeatureMatrix data = Reference.RandomData(N, M, seed: 92);
        double[] theta = Reference.ToDouble(Reference.RandomFloats(N + 1, seed: 93, scale: 0.3));
        ILogisticObjective one = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true, threads: 1).Subsampled(every);
        double[] g1 = new double[N + 1], h1 = new double[(N + 1) * (N + 1)];
        double f1 = one.ValueGradientAndHessian(theta, g1, h1);
        foreach (int threads in new[] { 2, 3 })
        {
            ILogisticObjective many = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true, threads: threads).Subsampled(every);
            double[] g = new double[N + 1], h = new double[(N + 1) * (N + 1)];
            Assert.Equal(f1, many.ValueGradientAndHessian(theta, g, h));
            Assert.Equal(g1, g);
            Assert.Equal(h1, h);
        }
    }

    [Fact]
    public void Threads_give_the_same_objective_bit_for_bit()
    {
        // Several shards (16,384 samples each) and a ragged last one: every pass sums shard by shard in
        // a fixed order, so one, two and three workers give the same bits, run after run.
        const int N = 9, M = 70_001;
        FeatureMatrix data = Reference.RandomData(N, M, seed: 90);
        double[] theta = Reference.ToDouble(Reference.RandomFloats(N + 1, seed: 91, scale: 0.3));
        var one = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true, threads: 1);
        double[] g1 = new double[N + 1], h1 = new double[(N + 1) * (N + 1)], gf1 = new double[N + 1], hf1 = new double[(N + 1) * (N + 1)];
        double f1 = one.ValueAndGradient(theta, g1);
        one.Hessian(theta, h1);
        double ff1 = one.ValueGradientAndHessian(theta, gf1, hf1);
        double[] gq1 = new double[N + 1], hq1 = new double[(N + 1) * (N + 1)];
        double fq1 = one.ValueGradientAndSubsampledHessian(theta, gq1, hq1, 4);
        foreach (int threads in new[] { 2, 3, 2 })
        {
            var many = new LogisticObjective<Row9Model>(data, null, M, 0.5, fitIntercept: true, threads: threads);
            double[] g = new double[N + 1], h = new double[(N + 1) * (N + 1)], gf = new double[N + 1], hf = new double[(N + 1) * (N + 1)];
            Assert.Equal(f1, many.ValueAndGradient(theta, g));
            many.Hessian(theta, h);
            Assert.Equal(ff1, many.ValueGradientAndHessian(theta, gf, hf));
            Assert.Equal(g1, g);
            Assert.Equal(h1, h);
            Assert.Equal(gf1, gf);
            Assert.Equal(hf1, hf);

            // A gradient pass that also sums a quarter's Hessian (the first step of a warm-started Newton).
            Assert.Equal(fq1, many.ValueGradientAndSubsampledHessian(theta, gf, hf, 4));
            Assert.Equal(gq1, gf);
            Assert.Equal(hq1, hf);
        }
    }

    /// <summary>
    /// The Hessian's products are float (<see cref="HessianAccumulator"/>): each entry within 2·10⁻⁵ of
    /// √(HⱼⱼHₖₖ), the scale that bounds it (Cauchy–Schwarz) and that a Newton step sees.
    /// </summary>
    internal static void AssertHessianClose(double[] expected, double[] actual, int d, double relative = 2e-5)
    {
        for (int j = 0; j < d; j++)
        {
            for (int k = 0; k < d; k++)
            {
                double scale = Math.Sqrt(expected[(j * d) + j] * expected[(k * d) + k]);
                Assert.True(
                    Math.Abs(actual[(j * d) + k] - expected[(j * d) + k]) <= relative * scale,
                    $"H[{j}, {k}]: {actual[(j * d) + k]:R} vs {expected[(j * d) + k]:R} (scale {scale:R})");
            }
        }
    }

    private static double IterativeSolverScale(double[] v)
    {
        double max = 1;
        foreach (double x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }

    private static void ILogisticKernelCall<TKernel>(FeatureMatrix data, double[] w, int start, double[] logits)
        where TKernel : ILogisticKernel =>
        TKernel.PreciseLogits(data, w, 0.5, start, logits);

    private static Logits LogitsFor(int n) => n switch
    {
        1 => Row1Kernels.PreciseLogitsCore,
        4 => Row4Kernels.PreciseLogitsCore,
        7 => Row7Kernels.PreciseLogitsCore,
        9 => Row9Kernels.PreciseLogitsCore,
        16 => Row16Kernels.PreciseLogitsCore,

        // Above 16 features the models run the runtime's forward pass.
        30 or 64 => DoubleKernels.Logits,
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}
