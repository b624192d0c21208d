using System;
using LogRegGen.Optimization;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class OptimizationObjectiveTests
{
    /// <summary>A small random problem: m samples, n features, random weights and labels.</summary>
    internal static DenseLogisticObjective RandomObjective(int seed, int m, int n, double lambda, bool fitIntercept, bool weighted, out double[,] x, out double[] y, out double[] s)
    {
        var random = new Random(seed);
        x = new double[m, n];
        y = new double[m];
        s = weighted ? new double[m] : Array.Empty<double>();
        for (int i = 0; i < m; i++)
        {
            double z = 0.3;
            for (int j = 0; j < n; j++)
            {
                x[i, j] = (2 * random.NextDouble()) - 1;
                z += (j % 2 == 0 ? 1.5 : -1.0) * x[i, j];
            }

            y[i] = random.NextDouble() < DenseLogisticObjective.Sigmoid(z) ? 1 : 0;
            if (weighted)
            {
                s[i] = 0.5 + random.NextDouble();
            }
        }

        y[0] = 0;
        y[1] = 1;
        return DenseLogisticObjective.FromRows(x, y, s, lambda, fitIntercept);
    }

    [Fact]
    public void Value_matches_the_definition_on_a_hand_sized_problem()
    {
        // Two samples, one feature, intercept, λ = 2, weights (1, 3), θ = (w, b) = (0.5, −1):
        //   z₀ = 0.5·2 − 1 = 0 (y = 1): L = log(1 + e⁰) − 0 = ln 2
        //   z₁ = 0.5·(−2) − 1 = −2 (y = 0): L = log(1 + e⁻²) = 0.126928
        //   F = 1·ln 2 + 3·0.126928 + (2/2)·0.5² = 0.693147 + 0.380784 + 0.25 = 1.323931
        // ∂F/∂w = 1·(σ(0) − 1)·2 + 3·σ(−2)·(−2) + 2·0.5 = −1 − 0.715431 + 1 = −0.715431
        // ∂F/∂b = 1·(0.5 − 1) + 3·0.119203 = −0.5 + 0.357608 = −0.142392
        var objective = DenseLogisticObjective.FromRows(new double[,] { { 2 }, { -2 } }, new double[] { 1, 0 }, new double[] { 1, 3 }, 2, fitIntercept: true);
        var gradient = new double[2];
        double value = objective.ValueAndGradient(new double[] { 0.5, -1 }, gradient);
        double sigmoidMinus2 = 1 / (1 + Math.Exp(2));
        Assert.Equal(Math.Log(2) + (3 * Math.Log(1 + Math.Exp(-2))) + 0.25, value, 1e-14);
        Assert.Equal(1.323931, value, 1e-6);
        Assert.Equal(-1 - (6 * sigmoidMinus2) + 1, gradient[0], 1e-14);
        Assert.Equal(-0.5 + (3 * sigmoidMinus2), gradient[1], 1e-14);
        Assert.Equal(4.0, objective.TotalWeight);
        Assert.Equal(2, objective.Dimension);
    }

    [Theory]
    [InlineData(true, true, 0.7)]
    [InlineData(true, false, 0.0)]
    [InlineData(false, true, 3.0)]
    [InlineData(false, false, 0.1)]
    public void Gradient_matches_central_differences(bool fitIntercept, bool weighted, double lambda)
    {
        DenseLogisticObjective objective = RandomObjective(11, 40, 5, lambda, fitIntercept, weighted, out _, out _, out _);
        int d = objective.Dimension;
        double[] theta = RandomTheta(d, 3);
        var gradient = new double[d];
        objective.ValueAndGradient(theta, gradient);
        var scratch = new double[d];
        const double h = 1e-5;
        for (int k = 0; k < d; k++)
        {
            double[] plus = (double[])theta.Clone(), minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (objective.ValueAndGradient(plus, scratch) - objective.ValueAndGradient(minus, scratch)) / (2 * h);
            Assert.Equal(numeric, gradient[k], 1e-6 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Theory]
    [InlineData(true, true, 0.7)]
    [InlineData(false, false, 2.0)]
    [InlineData(true, false, 0.0)]
    public void Hessian_matches_central_differences_of_the_gradient(bool fitIntercept, bool weighted, double lambda)
    {
        DenseLogisticObjective objective = RandomObjective(12, 50, 4, lambda, fitIntercept, weighted, out _, out _, out _);
        int d = objective.Dimension;
        double[] theta = RandomTheta(d, 4);
        var hessian = new double[d * d];
        objective.Hessian(theta, hessian);
        var gPlus = new double[d];
        var gMinus = new double[d];
        const double h = 1e-5;
        for (int k = 0; k < d; k++)
        {
            double[] plus = (double[])theta.Clone(), minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            objective.ValueAndGradient(plus, gPlus);
            objective.ValueAndGradient(minus, gMinus);
            for (int j = 0; j < d; j++)
            {
                double numeric = (gPlus[j] - gMinus[j]) / (2 * h);
                Assert.Equal(numeric, hessian[(j * d) + k], 1e-6 * Math.Max(1, Math.Abs(numeric)));
                Assert.Equal(hessian[(j * d) + k], hessian[(k * d) + j]);
            }
        }
    }

    [Fact]
    public void Batch_of_all_samples_equals_the_full_objective()
    {
        DenseLogisticObjective objective = RandomObjective(13, 30, 3, 0.5, true, true, out _, out _, out _);
        double[] theta = RandomTheta(objective.Dimension, 5);
        var full = new double[objective.Dimension];
        var batch = new double[objective.Dimension];
        double fullValue = objective.ValueAndGradient(theta, full);
        double batchValue = objective.BatchValueAndGradient(theta, 0, 30, batch);
        Assert.Equal(fullValue, batchValue, 1e-12);
        for (int j = 0; j < full.Length; j++)
        {
            Assert.Equal(full[j], batch[j], 1e-12);
        }
    }

    [Fact]
    public void Batch_estimate_scales_one_sample_by_m()
    {
        // One sample i of m: value m·sᵢLᵢ + (λ/2)‖w‖², gradient m·sᵢ(pᵢ − yᵢ)[xᵢ, 1] + λ[w, 0].
        DenseLogisticObjective objective = RandomObjective(14, 10, 2, 1.5, true, true, out double[,] x, out double[] y, out double[] s);
        double[] theta = { 0.4, -0.2, 0.1 };
        var gradient = new double[3];
        double value = objective.BatchValueAndGradient(theta, 3, 4, gradient);
        double z = (0.4 * x[3, 0]) - (0.2 * x[3, 1]) + 0.1;
        double r = s[3] * (DenseLogisticObjective.Sigmoid(z) - y[3]);
        Assert.Equal((10 * s[3] * DenseLogisticObjective.Loss(z, y[3])) + (0.75 * (0.16 + 0.04)), value, 1e-12);
        Assert.Equal((10 * r * x[3, 0]) + (1.5 * 0.4), gradient[0], 1e-12);
        Assert.Equal((10 * r * x[3, 1]) - (1.5 * 0.2), gradient[1], 1e-12);
        Assert.Equal(10 * r, gradient[2], 1e-12);
    }

    [Fact]
    public void Feature_major_float_input_gives_the_same_objective()
    {
        // X of shape (2 features, 3 samples), feature-major, and the same data by rows.
        float[] featureMajor = { 1, 2, 3, -1, 0.5f, 2 };
        var rows = new double[,] { { 1, -1 }, { 2, 0.5 }, { 3, 2 } };
        var a = DenseLogisticObjective.FromFeatureMajor(featureMajor, 2, new float[] { 0, 1, 1 }, default, 0.3, true);
        var b = DenseLogisticObjective.FromRows(rows, new double[] { 0, 1, 1 }, default, 0.3, true);
        FeatureMatrix matrix = FeatureMatrix.FromFeatureMajor(featureMajor, 2, new float[] { 0, 1, 1 });
        var c = DenseLogisticObjective.FromMatrix(matrix, default, 0.3, true);
        double[] theta = { 0.2, -0.7, 0.05 };
        var ga = new double[3];
        var gb = new double[3];
        var gc = new double[3];
        Assert.Equal(b.ValueAndGradient(theta, gb), a.ValueAndGradient(theta, ga), 1e-15);
        Assert.Equal(b.ValueAndGradient(theta, gb), c.ValueAndGradient(theta, gc), 1e-15);
        Assert.Equal(gb, ga);
        Assert.Equal(gb, gc);
    }

    [Fact]
    public void Loss_and_sigmoid_stay_finite_for_large_logits()
    {
        Assert.Equal(800, DenseLogisticObjective.Loss(-800, 1), 1e-12);
        Assert.Equal(800, DenseLogisticObjective.Loss(800, 0), 1e-12);
        Assert.Equal(0, DenseLogisticObjective.Loss(800, 1), 1e-12);
        Assert.Equal(1, DenseLogisticObjective.Sigmoid(800));
        Assert.Equal(0, DenseLogisticObjective.Sigmoid(-800));
    }

    [Fact]
    public void L2_mappings_follow_the_documented_scales()
    {
        Assert.Equal(1.0, L2Penalty.FromC(1));
        Assert.Equal(0.01, L2Penalty.FromC(100));
        Assert.Equal(0.0, L2Penalty.FromC(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Penalty.FromC(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Penalty.FromC(double.NaN));

        // J + (L2/2)‖w‖² with J = F_data / S, times S: λ = L2·S. With S = 569 and L2 = 0.01: λ = 5.69.
        Assert.Equal(5.69, L2Penalty.FromMeanScale(0.01, 569), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Penalty.FromMeanScale(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Penalty.FromMeanScale(1, 0));
    }

    [Fact]
    public void Mean_scale_l2_minimizes_the_notes_regularized_mean_cost()
    {
        // With λ = L2·S, the gradient of F divided by S is the gradient of J + (L2/2)‖w‖², which
        // the sum of the per-sample mean-scale terms gives directly.
        DenseLogisticObjective unpenalized = RandomObjective(15, 25, 3, 0, true, true, out double[,] x, out double[] y, out double[] s);
        double l2 = 0.2;
        var penalized = DenseLogisticObjective.FromRows(x, y, s, L2Penalty.FromMeanScale(l2, unpenalized.TotalWeight), true);
        double[] theta = { 0.3, 0.1, -0.4, 0.2 };
        var g0 = new double[4];
        var g1 = new double[4];
        double f0 = unpenalized.ValueAndGradient(theta, g0);
        double f1 = penalized.ValueAndGradient(theta, g1);
        double meanCost = f0 / unpenalized.TotalWeight;
        double squaredNorm = (0.3 * 0.3) + (0.1 * 0.1) + (0.4 * 0.4);
        Assert.Equal(meanCost + (l2 / 2 * squaredNorm), f1 / penalized.TotalWeight, 1e-12);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal((g0[j] / unpenalized.TotalWeight) + (l2 * theta[j]), g1[j] / penalized.TotalWeight, 1e-12);
        }

        Assert.Equal(g0[3], g1[3], 1e-12); // b is not penalized.
    }

    [Fact]
    public void Bad_features_name_the_row_and_column()
    {
        var x = new double[,] { { 1, 2 }, { 3, double.NaN }, { 0, 1 } };
        var error = Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromRows(x, new double[] { 0, 1, 0 }, default, 1, true));
        Assert.Equal(1, error.Row);
        Assert.Equal("1", error.Column);
        Assert.Contains("Row 1: feature 1 is NaN", error.Message);

        float[] featureMajor = { 1, float.PositiveInfinity, 3, 4, 5, 6 };
        error = Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromFeatureMajor(featureMajor, 2, new float[] { 0, 1, 1 }, default, 1, true));
        Assert.Equal(1, error.Row);
        Assert.Equal("0", error.Column);
    }

    [Fact]
    public void Bad_labels_and_weights_name_the_row()
    {
        var x = new double[,] { { 1 }, { 2 }, { 3 } };
        var label = Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromRows(x, new double[] { 0, 2, 1 }, default, 1, true));
        Assert.Equal(1, label.Row);
        Assert.Equal("label", label.Column);

        var weight = Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromRows(x, new double[] { 0, 1, 1 }, new double[] { 1, 1, -1 }, 1, true));
        Assert.Equal(2, weight.Row);
        Assert.Equal("sample weight", weight.Column);
    }

    [Fact]
    public void Empty_data_and_single_class_are_rejected_clearly()
    {
        Assert.Throws<ArgumentException>(() => DenseLogisticObjective.FromRows(new double[0, 3], Array.Empty<double>(), default, 1, true));
        Assert.Throws<ArgumentException>(() => DenseLogisticObjective.FromRows(new double[2, 0], new double[] { 0, 1 }, default, 1, true));
        Assert.Throws<ArgumentException>(() => DenseLogisticObjective.FromRows(new double[2, 1], new double[] { 0, 1, 1 }, default, 1, true));

        var single = Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromRows(new double[,] { { 1 }, { 2 } }, new double[] { 1, 1 }, default, 1, true));
        Assert.Equal("label", single.Column);
        Assert.Contains("both classes", single.Message);

        // Zero weight on every sample of class 0 is a single class too.
        Assert.Throws<LogisticDataException>(() => DenseLogisticObjective.FromRows(new double[,] { { 1 }, { 2 } }, new double[] { 0, 1 }, new double[] { 0, 1 }, 1, true));
    }

    internal static double[] RandomTheta(int d, int seed)
    {
        var random = new Random(seed);
        var theta = new double[d];
        for (int j = 0; j < d; j++)
        {
            theta[j] = random.NextDouble() - 0.5;
        }

        return theta;
    }
}
