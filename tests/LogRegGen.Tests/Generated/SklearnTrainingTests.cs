using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LogRegGen.Tests.Runtime;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The public training API (<see cref="TumorModel.Train(ReadOnlySpan{Tumor}, TrainingOptions?)"/> and
/// <see cref="LogisticTrainer"/>) against scikit-learn 1.2's optimum on breast_cancer.csv
/// (Reference/sklearn_breast_cancer.json, written by Reference/sklearn_reference.py), and the
/// options that shape the objective: C and L2, class and sample weights, the intercept, the solvers.
/// </summary>
/// <remarks>
/// scikit-learn fitted the data standardized with the population standard deviation. Our models
/// standardize inside <c>Train</c> and fold the scaling back into the weights, so the tests map the
/// returned raw-feature weights back to the standardized scale with the report's means and scales:
/// w_std = w·s, b_std = b + Σ w·μ. The bound is 1e−3 relative or 1e−4 absolute against
/// scikit-learn's lbfgs; for C = 100, where that lbfgs stopped early (see
/// <see cref="OptimizationSklearnTests"/>), the check is against scikit-learn's newton-cholesky.
/// </remarks>
public sealed class SklearnTrainingTests
{
    private const double RelativeBound = 1e-3;
    private const double AbsoluteBound = 1e-4;

    private static readonly Lazy<Tumor[]> s_tumors = new(() => BreastCancerTests.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")));

    public static TheoryData<string, Solver> GeneratedCases()
    {
        var data = new TheoryData<string, Solver>();
        foreach (string name in new[] { "C1", "C100", "BalancedC1" })
        {
            foreach (Solver solver in new[] { Solver.Auto, Solver.Newton, Solver.Lbfgs })
            {
                data.Add(name, solver);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedCases))]
    public void Generated_Train_reaches_sklearns_coefficients(string name, Solver solver)
    {
        SklearnCase c = OptimizationTestData.Case(name);
        var options = new TrainingOptions
        {
            Solver = solver,
            C = c.C,
            BalancedClassWeights = c.ClassWeight == "balanced",
            Tolerance = 1e-10,
        };

        TumorModel model = TumorModel.Train(s_tumors.Value, options);
        TrainingReport report = model.TrainingReport!;
        Assert.Equal(solver == Solver.Auto ? Solver.Newton : solver, report.Solver);
        Assert.True(report.StopReason is StopReason.Converged or StopReason.NoFurtherProgress, $"{report}");

        double[] theta = StandardizedTheta(model.Weights, model.Bias, report);
        double[] expected = name == "C100" ? c.NewtonCholeskyTheta : c.LbfgsTheta;
        AssertWithin(expected, theta, RelativeBound, AbsoluteBound, $"{name} {solver}");

        // Tighter: the same optimum as scikit-learn's exact solver, up to float weights.
        AssertWithin(c.NewtonCholeskyTheta, theta, 2e-5, 2e-5, $"{name} {solver} vs newton-cholesky");
    }

    [Theory]
    [InlineData(Solver.Newton)]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    public void Sample_weights_without_intercept_reach_sklearns_coefficients(Solver solver)
    {
        // scikit-learn: LogisticRegression(C=1, fit_intercept=False).fit(X_std, y, sample_weight=2 for malignant).
        SklearnCase c = OptimizationTestData.Case("Malignant2NoInterceptC1");
        BreastCancer data = OptimizationTestData.Data;
        FeatureMatrix matrix = StandardizedMatrix(data);
        float[] sampleWeights = data.Labels.Select(y => y == 1f ? 2f : 1f).ToArray();
        var options = new TrainingOptions
        {
            Solver = solver,
            C = 1,
            FitIntercept = false,
            Standardize = false,
            Tolerance = solver == Solver.GradientDescent ? 1e-7 : 1e-10,
            LearningRate = 2,
            Epochs = 200_000,
        };

        var weights = new float[data.FeatureCount];
        TrainingReport report = LogisticTrainer.Train(matrix, sampleWeights, options, weights, out float bias);

        Assert.Equal(0f, bias);
        Assert.NotEqual(StopReason.MaxEpochs, report.StopReason);
        double[] theta = weights.Select(v => (double)v).ToArray();
        AssertWithin(c.LbfgsTheta, theta, RelativeBound, AbsoluteBound, $"weighted, no intercept, {solver}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(100.0)] // weak: the breast cancer training set is nearly separable (without a penalty it has no finite optimum)
    public void Default_stopping_rule_leaves_the_objective_within_1e_minus_9_of_the_converged_one(double c)
    {
        // The fused Newton passes, the folded standardization and the vectorized loss must not move the
        // answer: the default tolerance stops where the objective equals the exactly converged one to 1e-9.
        Tumor[] tumors = s_tumors.Value;
        TumorModel quick = TumorModel.Train(tumors, new TrainingOptions { C = c });
        TumorModel exact = TumorModel.Train(tumors, new TrainingOptions { C = c, Tolerance = 1e-13, Epochs = 200 });
        double fast = quick.TrainingReport!.FinalCost, converged = exact.TrainingReport!.FinalCost;
        Assert.True(fast >= converged - (1e-15 * converged), $"{fast:R} below the optimum {converged:R}");
        Assert.True((fast - converged) / converged <= 1e-9, $"relative gap {(fast - converged) / converged:E2}");
    }

    [Fact]
    public void Gradient_descent_with_L2_reaches_the_same_optimum_as_Newton()
    {
        // C = 0.1 on m = 569 samples is λ = 1/(0.1·569) on the mean scale: the same objective twice.
        Tumor[] tumors = s_tumors.Value;
        TumorModel newton = TumorModel.Train(tumors, new TrainingOptions { C = 0.1, Tolerance = 1e-10 });
        TumorModel descent = TumorModel.Train(tumors, new TrainingOptions
        {
            Solver = Solver.GradientDescent,
            L2 = 1d / (0.1 * tumors.Length),
            LearningRate = 1,
            Epochs = 50_000,
            Tolerance = 1e-8,
        });

        Assert.Equal(StopReason.Converged, descent.TrainingReport!.StopReason);
        // The SIMD kernel sums float losses per chunk, so J agrees to float precision, not double.
        Assert.Equal(newton.TrainingReport!.FinalCost, descent.TrainingReport.FinalCost, 1e-7);
        double[] a = StandardizedTheta(newton.Weights, newton.Bias, newton.TrainingReport);
        double[] b = StandardizedTheta(descent.Weights, descent.Bias, descent.TrainingReport);
        AssertWithin(a, b, 1e-4, 1e-5, "gradient descent vs Newton");
    }

    [Fact]
    public void Sgd_is_deterministic_for_a_seed_and_gets_near_the_optimum()
    {
        Tumor[] tumors = s_tumors.Value;
        var options = new TrainingOptions
        {
            Solver = Solver.StochasticGradientDescent,
            C = 1,
            LearningRate = 0.5,
            LearningRateDecay = 0.05,
            BatchSize = 16,
            Epochs = 300,
            Seed = 3,
            Tolerance = 0,
        };

        TumorModel first = TumorModel.Train(tumors, options);
        TumorModel second = TumorModel.Train(tumors, options);
        TumorModel otherSeed = TumorModel.Train(tumors, new TrainingOptions
        {
            Solver = Solver.StochasticGradientDescent, C = 1, LearningRate = 0.5, LearningRateDecay = 0.05, BatchSize = 16, Epochs = 300, Seed = 4, Tolerance = 0,
        });
        TumorModel optimum = TumorModel.Train(tumors, new TrainingOptions { C = 1, Tolerance = 1e-10 });

        Assert.Equal(Solver.StochasticGradientDescent, first.TrainingReport!.Solver);
        Assert.Equal(300, first.TrainingReport.Epochs);
        Assert.Equal(first.Bias, second.Bias);
        for (int j = 0; j < TumorModel.FeatureCount; j++)
        {
            Assert.Equal(first.Weights[j], second.Weights[j]);
        }

        Assert.NotEqual(first.Bias, otherSeed.Bias);
        double gap = first.TrainingReport.FinalCost - optimum.TrainingReport!.FinalCost;
        Assert.InRange(gap, 0d, 2e-3);
    }

    [Fact]
    public void Integer_sample_weights_equal_repeating_the_rows()
    {
        Tumor[] tumors = s_tumors.Value;
        float[] sampleWeights = Enumerable.Range(0, tumors.Length).Select(i => i % 7 == 0 ? 3f : i % 5 == 0 ? 0f : 1f).ToArray();
        var repeated = new List<Tumor>();
        for (int i = 0; i < tumors.Length; i++)
        {
            repeated.AddRange(Enumerable.Repeat(tumors[i], (int)sampleWeights[i]));
        }

        // Standardization uses unweighted statistics, so compare without it; Newton on raw features converges.
        var options = new TrainingOptions { C = 1, Standardize = false, Tolerance = 1e-9 };
        TumorModel weighted = TumorModel.Train(tumors, sampleWeights, options);
        TumorModel copies = TumorModel.Train(repeated.ToArray(), options);

        Assert.Equal(copies.Bias, weighted.Bias, 1e-4f);
        for (int j = 0; j < TumorModel.FeatureCount; j++)
        {
            Assert.True(
                Math.Abs(copies.Weights[j] - weighted.Weights[j]) <= 1e-4 * Math.Max(1, Math.Abs(copies.Weights[j])),
                $"w[{j}]: {weighted.Weights[j]} weighted vs {copies.Weights[j]} repeated");
        }
    }

    [Fact]
    public void Newton_report_progress_and_cancellation()
    {
        Tumor[] tumors = s_tumors.Value;
        var reports = new List<TrainingProgress>();
        TumorModel model = TumorModel.Train(tumors, new TrainingOptions { C = 1, ProgressInterval = 1, Progress = new SyncProgress(reports.Add), Tolerance = 1e-10 });
        TrainingReport report = model.TrainingReport!;

        Assert.Equal(Solver.Newton, report.Solver);
        Assert.InRange(report.Epochs, 3, 30);
        Assert.Equal(report.Epochs + 1, report.CostHistory.Count);
        Assert.Equal(Math.Log(2), report.CostHistory[0], 1e-12);
        for (int k = 1; k < report.CostHistory.Count; k++)
        {
            Assert.True(report.CostHistory[k] <= report.CostHistory[k - 1], $"cost rose at iteration {k}");
        }

        Assert.Equal(Enumerable.Range(1, report.Epochs), reports.Select(p => p.Epoch));
        Assert.Equal(report.FinalCost, reports[^1].Cost, 1e-15);
        Assert.Contains("Newton: ", report.ToString(), StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TumorModel.Train(tumors, new TrainingOptions { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void Without_intercept_the_bias_is_zero_and_features_are_only_scaled()
    {
        TumorModel model = TumorModel.Train(s_tumors.Value, new TrainingOptions { C = 1, FitIntercept = false });
        Assert.Equal(0f, model.Bias);
        Assert.All(model.TrainingReport!.FeatureMeans, mean => Assert.Equal(0f, mean));
        Assert.All(model.TrainingReport.FeatureScales, scale => Assert.True(scale > 0f));
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.C))]
    [InlineData(nameof(TrainingOptions.L2))]
    [InlineData(nameof(TrainingOptions.BalancedClassWeights))]
    [InlineData(nameof(TrainingOptions.ClassWeights))]
    [InlineData(nameof(TrainingOptions.BatchSize))]
    [InlineData(nameof(TrainingOptions.LearningRateDecay))]
    [InlineData(nameof(TrainingOptions.Solver))]
    public void Invalid_objective_options_are_rejected_by_name(string property)
    {
        // The analyzers report these constants at build time (LRG018); the test checks Validate() behind them.
#pragma warning disable LRG018
        TrainingOptions options = property switch
        {
            nameof(TrainingOptions.C) => new TrainingOptions { C = -1 },
            nameof(TrainingOptions.L2) => new TrainingOptions { L2 = double.NaN },
            nameof(TrainingOptions.BalancedClassWeights) => new TrainingOptions { ClassWeights = ClassWeights.None, BalancedClassWeights = true },
            nameof(TrainingOptions.ClassWeights) => new TrainingOptions { ClassWeights = new ClassWeights(-1, 1) },
            nameof(TrainingOptions.BatchSize) => new TrainingOptions { BatchSize = 0 },
            nameof(TrainingOptions.LearningRateDecay) => new TrainingOptions { LearningRateDecay = -0.5 },
            _ => new TrainingOptions { Solver = (Solver)42 },
        };
#pragma warning restore LRG018

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(property, error.ParamName);

        // C and L2 together are ambiguous (LRG018 says so at build time; this is the run-time check).
#pragma warning disable LRG018
        Assert.Equal(nameof(TrainingOptions.C), Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { C = 1, L2 = 0.1 }.Validate).ParamName);
#pragma warning restore LRG018
    }

    [Fact]
    public void Bad_weights_and_a_single_class_are_clear_errors()
    {
        Tumor[] tumors = s_tumors.Value;
        float[] negative = new float[tumors.Length];
        Array.Fill(negative, 1f);
        negative[12] = -1f;
        LogisticDataException weight = Assert.Throws<LogisticDataException>(() => TumorModel.Train(tumors, negative));
        Assert.Equal(12, weight.Row);
        Assert.Equal("sample weight", weight.Column);

        ArgumentException length = Assert.ThrowsAny<ArgumentException>(() => TumorModel.Train(tumors, new float[tumors.Length - 1]));
        Assert.Equal("sampleWeights", length.ParamName);

        Tumor[] benign = tumors.Where(t => !t.Malignant).ToArray();
        foreach (Solver solver in new[] { Solver.Newton, Solver.GradientDescent })
        {
            LogisticDataException oneClass = Assert.Throws<LogisticDataException>(() => TumorModel.Train(benign, new TrainingOptions { Solver = solver }));
            Assert.Equal("label", oneClass.Column);
            Assert.Contains("only class 0", oneClass.Message, StringComparison.Ordinal);
        }

        // Weights that leave one class with no weight are the same mistake.
        float[] onlyBenign = tumors.Select(t => t.Malignant ? 0f : 1f).ToArray();
        Assert.Throws<LogisticDataException>(() => TumorModel.Train(tumors, onlyBenign));
    }

    /// <summary>Maps raw-feature weights back to the standardized scale training used: θ = (w·s, b + Σ w·μ).</summary>
    private static double[] StandardizedTheta(ReadOnlySpan<float> weights, float bias, TrainingReport report)
    {
        var theta = new double[weights.Length + 1];
        double b = bias;
        for (int j = 0; j < weights.Length; j++)
        {
            theta[j] = weights[j] * (double)report.FeatureScales[j];
            b += weights[j] * (double)report.FeatureMeans[j];
        }

        theta[^1] = b;
        return theta;
    }

    private static FeatureMatrix StandardizedMatrix(BreastCancer data)
    {
        var x = new float[data.SampleCount, data.FeatureCount];
        for (int i = 0; i < data.SampleCount; i++)
        {
            for (int j = 0; j < data.FeatureCount; j++)
            {
                x[i, j] = (float)data.X[i, j];
            }
        }

        return FeatureMatrices.FromSamples(x, data.Labels);
    }

    private static void AssertWithin(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            double gap = Math.Abs(actual[j] - expected[j]);
            Assert.True(
                gap <= absolute || gap <= relative * Math.Abs(expected[j]),
                string.Create(CultureInfo.InvariantCulture, $"{what}: θ[{j}] expected {expected[j]:R} but got {actual[j]:R} (gap {gap:E3})"));
        }
    }

    private sealed class SyncProgress : IProgress<TrainingProgress>
    {
        private readonly Action<TrainingProgress> _report;

        public SyncProgress(Action<TrainingProgress> report) => _report = report;

        public void Report(TrainingProgress value) => _report(value);
    }
}
