using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class LogisticKernelsTests
{
    private static readonly SimdPath[] AllPaths = { SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256 };

    // Sample counts around the vector widths (4, 8), the 32-sample register block, and the 512-sample chunk.
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 },
        { 3, 7 },
        { 2, 8 },
        { 5, 15 },
        { 1, 17 },
        { 30, 33 },
        { 4, 511 },
        { 7, 512 },
        { 3, 513 },
        { 30, 1000 },
        { 2, 1025 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Logits_and_probabilities_match_the_double_reference_on_every_path(int n, int m)
    {
        FeatureMatrix data = Reference.RandomData(n, m, seed: n + m);
        float[] w = Array.ConvertAll(Reference.RandomWeights(n, new Random(m)), v => (float)v);
        const float b = -0.375f;
        double[] wd = Reference.ToDouble(w);

        foreach (SimdPath path in AllPaths)
        {
            var z = new float[m];
            var a = new float[m];
            LogisticKernels.Logits(data, w, b, z, path);
            LogisticKernels.Probabilities(data, w, b, a, path);
            for (int i = 0; i < m; i++)
            {
                double zRef = Reference.Logit(data, wd, b, i);
                Assert.True(Math.Abs(z[i] - zRef) <= 1e-5 * (1 + Math.Abs(zRef)), $"{path} z[{i}] = {z[i]} vs {zRef}");
                double aRef = Reference.Sigmoid(zRef);
                Assert.True(Math.Abs(a[i] - aRef) <= 1e-5 * aRef + 1e-7, $"{path} a[{i}] = {a[i]} vs {aRef}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Cost_and_gradients_match_the_double_reference_on_every_path(int n, int m)
    {
        FeatureMatrix data = Reference.RandomData(n, m, seed: (7 * n) + m);
        float[] w = Array.ConvertAll(Reference.RandomWeights(n, new Random(n)), v => (float)v);
        const float b = 0.25f;
        var dwRef = new double[n];
        double jRef = Reference.Gradients(data, Reference.ToDouble(w), b, dwRef, out double dbRef);
        double scale = Math.Max(Math.Abs(dbRef), MaxAbs(dwRef));

        foreach (SimdPath path in AllPaths)
        {
            var dw = new double[n];
            double j = LogisticKernels.Gradients(data, w, b, dw, out double db, path);
            Assert.Equal(1, j / jRef, 1e-6);
            Assert.True(Math.Abs(db - dbRef) <= 1e-5 * scale, $"{path} db = {db} vs {dbRef}");
            for (int k = 0; k < n; k++)
            {
                Assert.True(Math.Abs(dw[k] - dwRef[k]) <= 1e-5 * scale, $"{path} dw[{k}] = {dw[k]} vs {dwRef[k]}");
            }
        }
    }

    [Fact]
    public void Gradients_stay_accurate_for_a_million_samples()
    {
        const int n = 6, m = 1_000_003;
        FeatureMatrix data = Reference.RandomData(n, m, seed: 99);
        // Evaluate away from the optimum so every component of the gradient is substantial.
        float[] w = { 0.5f, -0.25f, 0.125f, 0f, -0.5f, 0.3f };
        const float b = -0.2f;
        var dwRef = new double[n];
        double jRef = Reference.Gradients(data, Reference.ToDouble(w), b, dwRef, out double dbRef);

        var dw = new double[n];
        double j = LogisticKernels.Gradients(data, w, b, dw, out double db);

        Assert.True(Math.Abs(j - jRef) <= 1e-6 * jRef, $"J = {j} vs {jRef}");
        Assert.True(Math.Abs(db - dbRef) <= 1e-5 * Math.Abs(dbRef), $"db = {db} vs {dbRef}");
        for (int k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(dwRef[k]) > 1e-3, $"test data: dw[{k}] = {dwRef[k]} is too small to measure relative error");
            Assert.True(Math.Abs(dw[k] - dwRef[k]) <= 1e-5 * Math.Abs(dwRef[k]), $"dw[{k}] = {dw[k]} vs {dwRef[k]}");
        }

        Assert.Equal(1, LogisticKernels.Cost(data, w, b) / jRef, 1e-12);
    }

    [Fact]
    public void Gradients_match_central_finite_differences_of_the_cost()
    {
        const int n = 5, m = 777;
        FeatureMatrix data = Reference.RandomData(n, m, seed: 4);
        float[] w = { 0.3f, -0.7f, 0.1f, 0.9f, -0.2f };
        const float b = 0.4f;
        var dw = new double[n];
        LogisticKernels.Gradients(data, w, b, dw, out double db);

        const double h = 1e-5;
        double[] wd = Reference.ToDouble(w);
        for (int k = 0; k < n; k++)
        {
            double saved = wd[k];
            wd[k] = saved + h;
            double plus = Reference.Cost(data, wd, b);
            wd[k] = saved - h;
            double minus = Reference.Cost(data, wd, b);
            wd[k] = saved;
            double fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(dw[k] - fd) <= 1e-5 * (1 + Math.Abs(fd)), $"dw[{k}] = {dw[k]} vs finite difference {fd}");
        }

        double fdb = (Reference.Cost(data, wd, b + h) - Reference.Cost(data, wd, b - h)) / (2 * h);
        Assert.True(Math.Abs(db - fdb) <= 1e-5 * (1 + Math.Abs(fdb)), $"db = {db} vs finite difference {fdb}");
    }

    [Fact]
    public void At_zero_parameters_the_cost_is_ln2_and_the_gradient_is_the_notes_formula()
    {
        // With w = 0, b = 0: a = 0.5 for every sample, so J = ln 2, dz = 0.5 − y, db = 0.5 − mean(y).
        FeatureMatrix data = FeatureMatrix.FromFeatureMajor(
            new float[] { 1, 2, 3, 4, 10, 20, 30, 40 }, featureCount: 2, labels: new float[] { 1, 0, 0, 1 });
        var dw = new double[2];
        double j = LogisticKernels.Gradients(data, new float[2], 0f, dw, out double db);
        Assert.Equal(Math.Log(2), j, 1e-7);
        Assert.Equal(0, db, 1e-12); // mean(y) = 0.5
        // dw_0 = (1·(−0.5) + 2·0.5 + 3·0.5 + 4·(−0.5)) / 4 = 0
        Assert.Equal(0, dw[0], 1e-7);
        Assert.Equal(0, dw[1], 1e-6);

        data.Labels.Fill(1f);
        LogisticKernels.Gradients(data, new float[2], 0f, dw, out db);
        Assert.Equal(-0.5, db, 1e-7);
        Assert.Equal(-0.5 * 2.5, dw[0], 1e-6); // −0.5 · mean(x_0)
        Assert.Equal(-0.5 * 25, dw[1], 1e-5);
    }

    [Fact]
    public void Kernels_are_deterministic()
    {
        FeatureMatrix data = Reference.RandomData(9, 10_001, seed: 8);
        float[] w = Array.ConvertAll(Reference.RandomWeights(9, new Random(1)), v => (float)v);
        var dw1 = new double[9];
        var dw2 = new double[9];
        double j1 = LogisticKernels.Gradients(data, w, 0.1f, dw1, out double db1);
        double j2 = LogisticKernels.Gradients(data, w, 0.1f, dw2, out double db2);
        Assert.Equal(j1, j2);
        Assert.Equal(db1, db2);
        Assert.Equal(dw1, dw2);
    }

    [Fact]
    public void Gradients_overwrite_the_destination()
    {
        FeatureMatrix data = Reference.RandomData(3, 50, seed: 2);
        var w = new float[] { 0.1f, 0.2f, 0.3f };
        var fresh = new double[3];
        var dirty = new double[] { 100, -100, 5 };
        LogisticKernels.Gradients(data, w, 0f, fresh, out _);
        LogisticKernels.Gradients(data, w, 0f, dirty, out _);
        Assert.Equal(fresh, dirty);
    }

    [Fact]
    public void Kernels_check_shapes()
    {
        var data = new FeatureMatrix(3, 10);
        var e1 = Assert.Throws<ArgumentException>(() => LogisticKernels.Cost(data, new float[2], 0f));
        Assert.Equal("w", e1.ParamName);
        Assert.StartsWith("Expected 3 features (shape (3,)) but got 2.", e1.Message);

        var e2 = Assert.Throws<ArgumentException>(() => LogisticKernels.Gradients(data, new float[3], 0f, new double[4], out _));
        Assert.Equal("dw", e2.ParamName);
        Assert.Contains("got 4", e2.Message);

        var e3 = Assert.Throws<ArgumentException>(() => LogisticKernels.Logits(data, new float[3], 0f, new float[9]));
        Assert.Equal("z", e3.ParamName);
        Assert.StartsWith("Expected length 10 (one per row) but got 9.", e3.Message);

        var e4 = Assert.Throws<ArgumentException>(() => LogisticKernels.Probabilities(data, new float[3], 0f, new float[11]));
        Assert.Equal("a", e4.ParamName);

        Assert.Throws<ArgumentNullException>(() => LogisticKernels.Cost(null!, new float[3], 0f));
    }

    private static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
