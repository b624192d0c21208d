using System;
using System.Collections.Generic;
using System.Threading;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class LogisticTrainerTests
{
    private static FeatureMatrix Data(int seed = 11) => Reference.RandomData(4, 300, seed);

    [Theory]
    [InlineData(Solver.Newton)]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    public void Weights_are_the_same_bits_on_any_number_of_cores(Solver solver)
    {
        // Five shards of 16,384 samples and a ragged sixth: the whole Train — scaling statistics, every
        // pass, the solver — is deterministic whatever MaxDegreeOfParallelism allows.
        FeatureMatrix data = Reference.RandomData(6, 5 * 16_384 + 77, seed: 31, trueWeights: [1, -0.5, 0.25, 0, 2, -1]);
        float[] first = Fit(1, out float firstBias, out TrainingReport firstReport);
        foreach (int threads in new[] { 2, 3, -1 })
        {
            Assert.Equal(first, Fit(threads, out float bias, out TrainingReport report));
            Assert.Equal(firstBias, bias);

            // The double-precision figures too, where a different order of additions would show.
            Assert.Equal(firstReport.FinalCost, report.FinalCost);
            Assert.Equal(firstReport.FinalGradientNorm, report.FinalGradientNorm);
            Assert.Equal(firstReport.CostHistory, report.CostHistory);
        }

        float[] Fit(int threads, out float bias, out TrainingReport report)
        {
            var options = new TrainingOptions { Solver = solver, Epochs = 60, MaxDegreeOfParallelism = threads };
            var weights = new float[6];
            report = LogisticTrainer.Train(data, options, weights, out bias);
            return weights;
        }
    }

    [Theory]
    [InlineData(LogisticTrainer.WarmStartMinimumSamples + 1_001)]
    [InlineData(LogisticTrainer.CoarseWarmStartMinimumSamples + 1_001)]
    public void Newtons_warm_start_on_a_subsample_does_not_move_the_optimum(int m)
    {
        // Above LogisticTrainer.WarmStartMinimumSamples Newton starts from the optimum of a sixteenth of
        // the samples (above CoarseWarmStartMinimumSamples found from a sixty-fourth's), and steps with its
        // Hessian, a quarter's after the first step, corrected by BFGS: the default stopping rule must still
        // land within 1e-9 of the exactly converged objective, and at L-BFGS's optimum (which starts from
        // zero) to its tolerance.
        FeatureMatrix data = Reference.RandomData(5, m, seed: 57, trueWeights: [2, -1, 0.5, 0, 1.5]);
        var weights = new float[5];
        TrainingReport quick = LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.Newton }, weights, out float bias);
        TrainingReport exact = LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.Newton, Tolerance = 1e-13 }, new float[5], out _);
        var reference = new float[5];
        LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.Lbfgs, Tolerance = 1e-10, Epochs = 1_000 }, reference, out float referenceBias);

        Assert.Equal(StopReason.Converged, quick.StopReason);
        // The full solve steps with the subsamples' Hessians: gradient passes, of which the first step's also sums a
        // quarter's Hessian (counted as a Hessian pass), and no full Hessian.
        Assert.True(quick.Epochs <= 4, $"{quick.Epochs} iterations after the warm start");
        Assert.Equal(1, quick.Phases.HessianPassCount);
        Assert.True((quick.FinalCost - exact.FinalCost) / exact.FinalCost <= 1e-9, $"relative gap {(quick.FinalCost - exact.FinalCost) / exact.FinalCost:E2}");
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(reference[j], weights[j], 1e-4);
        }

        Assert.Equal(referenceBias, bias, 1e-4);
    }

    [Fact]
    public void The_BFGS_correction_maps_the_step_to_the_gradient_change_and_skips_a_non_positive_curvature()
    {
        // B = diag(2, 1, 4); a step s = 0.5·p changed the gradient by y: afterwards B s = y, B stays symmetric.
        double[] b = [2, 0, 0, 0, 1, 0, 0, 0, 4];
        double[] p = [1, -2, 0.5];
        double[] before = [0.3, -0.1, 0.2];
        double[] after = [1.4, -1.0, 1.3]; // y = (1.1, -0.9, 1.1), yᵀs = 0.5 · (1.1 + 1.8 + 0.55) > 0
        Assert.True(LogRegGen.Optimization.NewtonSolver.UpdateApproximation(b, p, 0.5, after, before, new double[3]));
        for (int i = 0; i < 3; i++)
        {
            double bs = 0;
            for (int j = 0; j < 3; j++)
            {
                bs += b[(i * 3) + j] * 0.5 * p[j];
                Assert.Equal(b[(i * 3) + j], b[(j * 3) + i], 12);
            }

            Assert.Equal(after[i] - before[i], bs, 12);
        }

        double[] unchanged = (double[])b.Clone();
        Assert.False(LogRegGen.Optimization.NewtonSolver.UpdateApproximation(b, p, 0.5, before, after, new double[3]));
        Assert.Equal(unchanged, b);
    }

    [Fact]
    public void Cost_never_increases_with_a_small_learning_rate()
    {
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.05, Epochs = 400, Tolerance = 0, Standardize = true };
        var weights = new float[4];
        TrainingReport report = LogisticTrainer.Train(Data(), options, weights, out _);

        Assert.Equal(StopReason.MaxEpochs, report.StopReason);
        Assert.False(report.Converged);
        Assert.Equal(400, report.Epochs);
        Assert.Equal(401, report.CostHistory.Count);
        Assert.Equal(Math.Log(2), report.CostHistory[0], 1e-6); // w = 0, b = 0: every a is 0.5
        for (int k = 1; k < report.CostHistory.Count; k++)
        {
            Assert.True(report.CostHistory[k] <= report.CostHistory[k - 1] + 1e-12, $"J rose at update {k}: {report.CostHistory[k - 1]} -> {report.CostHistory[k]}");
        }

        Assert.True(report.FinalCost < report.CostHistory[0] - 0.05, "training made no progress");
        Assert.Equal(report.CostHistory[^1], report.FinalCost);
    }

    [Fact]
    public void Reported_cost_is_the_cost_of_the_returned_parameters()
    {
        FeatureMatrix data = Data();
        var weights = new float[4];
        TrainingReport report = LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 50 }, weights, out float bias);
        // The fold-back is exact in double, then rounded to float: the raw-feature cost agrees to float precision.
        Assert.Equal(report.FinalCost, LogisticKernels.Cost(data, weights, bias), 1e-5);
    }

    [Fact]
    public void Tolerance_stops_early_and_reports_Converged()
    {
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 1, Epochs = 100_000, Tolerance = 1e-4 };
        TrainingReport report = LogisticTrainer.Train(Data(), options, new float[4], out _);

        Assert.Equal(StopReason.Converged, report.StopReason);
        Assert.True(report.Converged);
        Assert.InRange(report.Epochs, 1, 99_999);
        Assert.Equal(report.Epochs + 1, report.CostHistory.Count);
        Assert.True(report.FinalGradientNorm <= 1e-4);

        // One update fewer would not have converged: the stop happened at the first update that could.
        TrainingReport shorter = LogisticTrainer.Train(Data(), new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 1, Epochs = report.Epochs - 1, Tolerance = 1e-4 }, new float[4], out _);
        Assert.Equal(StopReason.MaxEpochs, shorter.StopReason);
        Assert.True(shorter.FinalGradientNorm > 1e-4);
    }

    [Fact]
    public void Progress_is_reported_every_interval_and_at_the_end()
    {
        var reports = new List<TrainingProgress>();
        var options = new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 35, ProgressInterval = 10, Tolerance = 0, Progress = new SyncProgress(reports.Add) };
        TrainingReport report = LogisticTrainer.Train(Data(), options, new float[4], out _);

        Assert.Equal(new[] { 10, 20, 30, 35 }, reports.ConvertAll(p => p.Epoch));
        foreach (TrainingProgress p in reports)
        {
            Assert.Equal(report.CostHistory[p.Epoch], p.Cost);
            Assert.True(p.GradientNorm > 0);
        }

        Assert.Equal(report.FinalGradientNorm, reports[^1].GradientNorm);
    }

    [Fact]
    public void Cancellation_throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            LogisticTrainer.Train(Data(), new TrainingOptions { CancellationToken = cancelled.Token }, new float[4], out _));

        // Cancelled during training: the next update does not happen.
        using var midway = new CancellationTokenSource();
        int lastEpoch = -1;
        var options = new TrainingOptions
        {
            Solver = Solver.GradientDescent,
            Epochs = 1000,
            Tolerance = 0,
            ProgressInterval = 5,
            CancellationToken = midway.Token,
            Progress = new SyncProgress(p =>
            {
                lastEpoch = p.Epoch;
                if (p.Epoch == 20)
                {
                    midway.Cancel();
                }
            }),
        };
        Assert.ThrowsAny<OperationCanceledException>(() => LogisticTrainer.Train(Data(), options, new float[4], out _));
        Assert.Equal(20, lastEpoch);
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.LearningRate), 0.0)]
    [InlineData(nameof(TrainingOptions.LearningRate), -0.1)]
    [InlineData(nameof(TrainingOptions.LearningRate), double.NaN)]
    [InlineData(nameof(TrainingOptions.LearningRate), double.PositiveInfinity)]
    [InlineData(nameof(TrainingOptions.Epochs), 0.0)]
    [InlineData(nameof(TrainingOptions.Tolerance), -1e-9)]
    [InlineData(nameof(TrainingOptions.Tolerance), double.NaN)]
    [InlineData(nameof(TrainingOptions.ProgressInterval), 0.0)]
    public void Invalid_options_throw_naming_the_property_and_value(string property, double value)
    {
        TrainingOptions options = property switch
        {
            nameof(TrainingOptions.LearningRate) => new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = value },
            nameof(TrainingOptions.Epochs) => new TrainingOptions { Solver = Solver.GradientDescent, Epochs = (int)value },
            nameof(TrainingOptions.Tolerance) => new TrainingOptions { Tolerance = value },
            _ => new TrainingOptions { ProgressInterval = (int)value },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(property, e.ParamName);
        Assert.Contains(property, e.Message);
        Assert.Equal(value, Convert.ToDouble(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture));

        // Train validates before touching the data.
        var fromTrain = Assert.Throws<ArgumentOutOfRangeException>(() => LogisticTrainer.Train(Data(), options, new float[4], out _));
        Assert.Equal(property, fromTrain.ParamName);
    }

    [Fact]
    public void Default_options_are_valid_and_match_the_contract()
    {
        var options = new TrainingOptions();
        options.Validate();
        Assert.Equal(0.1, options.LearningRate);
        Assert.Equal(1000, options.Epochs);
        Assert.Equal(1e-6, options.Tolerance);
        Assert.Null(options.Seed);
        Assert.True(options.Standardize);
        Assert.Equal(100, options.ProgressInterval);
        new TrainingOptions { Tolerance = 0 }.Validate();
    }

    [Fact]
    public void Train_checks_weights_and_data()
    {
        var e = Assert.Throws<ArgumentException>(() => LogisticTrainer.Train(Data(), null, new float[3], out _));
        Assert.Equal("weights", e.ParamName);

        FeatureMatrix bad = Data();
        bad[3, 42] = float.NaN;
        var dataError = Assert.Throws<LogisticDataException>(() =>
            LogisticTrainer.Train(bad, null, new float[4], out _, new[] { "a", "b", "c", "d" }));
        Assert.Equal(42, dataError.Row);
        Assert.Equal("d", dataError.Column);
    }

    [Theory]
    [InlineData(true, 1, true)]
    [InlineData(false, 1, true)]
    [InlineData(true, 2, true)]
    [InlineData(false, 2, true)]
    [InlineData(true, 1, false)]
    public void A_bad_value_is_named_the_same_whether_the_statistics_or_the_scan_finds_it(bool standardize, int threads, bool intercept)
    {
        // With standardization X is not scanned up front: the statistics' sums are finite exactly when every value
        // is, and only then is the scan skipped. The first bad value in reading order is named either way.
        string[] names = ["a", "b", "c", "d"];
        foreach ((float first, float second) in new[] { (float.NaN, float.PositiveInfinity), (float.NegativeInfinity, float.NaN), (float.PositiveInfinity, float.NegativeInfinity) })
        {
            FeatureMatrix bad = Reference.RandomData(4, 40_000, seed: 5);
            bad[2, 30_001] = first;
            bad[0, 30_002] = second;
            var options = new TrainingOptions { Standardize = standardize, MaxDegreeOfParallelism = threads, FitIntercept = intercept };

            var binary = Assert.Throws<LogisticDataException>(() => LogisticTrainer.Train(bad, options, new float[4], out _, names));
            var multinomial = Assert.Throws<LogisticDataException>(() => MultinomialTrainer.Train(bad, 2, default, options, new float[8], new float[2], names));

            Assert.Equal((30_001, "c"), (binary.Row, binary.Column));
            Assert.Equal((30_001, "c"), (multinomial.Row, multinomial.Column));
        }
    }

    [Fact]
    public void Training_never_mutates_the_callers_matrix()
    {
        FeatureMatrix data = Data();
        float[] before = data.Values.ToArray();
        float[] labelsBefore = data.Labels.ToArray();
        LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 20, Standardize = true }, new float[4], out _);
        Assert.Equal(before, data.Values.ToArray());
        Assert.Equal(labelsBefore, data.Labels.ToArray());
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_different_seeds_differ()
    {
        var w1 = new float[4];
        var w2 = new float[4];
        var w3 = new float[4];
        TrainingReport r1 = LogisticTrainer.Train(Data(), new TrainingOptions { Solver = Solver.GradientDescent, Seed = 7, Epochs = 30 }, w1, out float b1);
        TrainingReport r2 = LogisticTrainer.Train(Data(), new TrainingOptions { Solver = Solver.GradientDescent, Seed = 7, Epochs = 30 }, w2, out float b2);
        LogisticTrainer.Train(Data(), new TrainingOptions { Solver = Solver.GradientDescent, Seed = 8, Epochs = 30 }, w3, out _);

        Assert.Equal(w1, w2);
        Assert.Equal(b1, b2);
        Assert.Equal(r1.CostHistory, r2.CostHistory);
        Assert.NotEqual(w1, w3);
        // Random initial weights: the first cost is not the zero-initialisation ln 2, but close (weights ~ N(0, 0.01²)).
        Assert.NotEqual(Math.Log(2), r1.CostHistory[0]);
        Assert.Equal(Math.Log(2), r1.CostHistory[0], 0.05);
    }

    [Fact]
    public void Standardized_training_folds_back_to_raw_feature_weights()
    {
        FeatureMatrix raw = Data();
        var options = new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 200, Tolerance = 0, Standardize = true };
        var rawWeights = new float[4];
        TrainingReport report = LogisticTrainer.Train(raw, options, rawWeights, out float rawBias);

        // Standardize by hand with the reported means and scales, and train without standardization.
        FeatureMatrix standardized = raw.Clone();
        for (int j = 0; j < 4; j++)
        {
            Assert.True(report.FeatureScales[j] > 0.3f, "test data have spread in every feature");
            Span<float> row = standardized.Feature(j);
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (row[i] - report.FeatureMeans[j]) / report.FeatureScales[j];
            }
        }

        var stdWeights = new float[4];
        TrainingReport stdReport = LogisticTrainer.Train(standardized, new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 200, Tolerance = 0, Standardize = false }, stdWeights, out float stdBias);
        Assert.All(stdReport.FeatureScales, s => Assert.Equal(1f, s));
        Assert.All(stdReport.FeatureMeans, s => Assert.Equal(0f, s));
        Assert.Equal(report.CostHistory, stdReport.CostHistory);

        // The same model: raw weights on raw data give the probabilities of standardized weights on standardized data.
        var pRaw = new float[raw.SampleCount];
        var pStd = new float[raw.SampleCount];
        LogisticKernels.Probabilities(raw, rawWeights, rawBias, pRaw);
        LogisticKernels.Probabilities(standardized, stdWeights, stdBias, pStd);
        for (int i = 0; i < pRaw.Length; i++)
        {
            Assert.Equal(pStd[i], pRaw[i], 1e-5f);
        }

        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(stdWeights[j] / report.FeatureScales[j], rawWeights[j], 1e-6f);
        }
    }

    [Fact]
    public void Scaling_a_feature_by_1000_scales_its_weight_by_one_thousandth()
    {
        FeatureMatrix data = Data();
        var options = new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 300, Tolerance = 0 };
        var w = new float[4];
        LogisticTrainer.Train(data, options, w, out float b);

        // Scale the feature with the largest weight, so the check is sensitive.
        int k = 0;
        for (int j = 1; j < 4; j++)
        {
            k = Math.Abs(w[j]) > Math.Abs(w[k]) ? j : k;
        }

        Assert.True(Math.Abs(w[k]) > 0.1, "the test data carry signal");
        FeatureMatrix scaled = data.Clone();
        foreach (ref float v in scaled.Feature(k))
        {
            v *= 1000f;
        }

        var ws = new float[4];
        TrainingReport scaledReport = LogisticTrainer.Train(scaled, options, ws, out float bs);

        Assert.Equal(w[k] / 1000, ws[k], Math.Abs(w[k] / 1000) * 1e-4);
        for (int j = 0; j < 4; j++)
        {
            if (j != k)
            {
                Assert.Equal(w[j], ws[j], (Math.Abs(w[j]) * 1e-4) + 1e-6);
            }
        }

        Assert.Equal(b, bs, (Math.Abs(b) * 1e-4) + 1e-6);
        Assert.InRange(scaledReport.FeatureScales[k], 300f, 1500f);
    }

    [Fact]
    public void Unstandardized_training_reports_zero_means_and_unit_scales()
    {
        TrainingReport report = LogisticTrainer.Train(Data(), new TrainingOptions { Standardize = false, Epochs = 5 }, new float[4], out _);
        Assert.Equal(new float[] { 0, 0, 0, 0 }, report.FeatureMeans);
        Assert.Equal(new float[] { 1, 1, 1, 1 }, report.FeatureScales);
    }

    [Fact]
    public void A_constant_feature_gets_scale_1_and_training_stays_finite()
    {
        FeatureMatrix data = Data();
        data.Feature(1).Fill(3.5f);
        var w = new float[4];
        TrainingReport report = LogisticTrainer.Train(data, new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 100 }, w, out float b);
        Assert.Equal(1f, report.FeatureScales[1]);
        Assert.Equal(3.5f, report.FeatureMeans[1]);
        Assert.Equal(0f, w[1]); // centred to all zeros, so its gradient is always 0
        Assert.True(float.IsFinite(b));
        Assert.All(w, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Report_ToString_is_a_one_line_summary()
    {
        TrainingReport report = LogisticTrainer.Train(Data(), new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 12, Tolerance = 0 }, new float[4], out _);
        string text = report.ToString();
        Assert.StartsWith("GradientDescent: MaxEpochs after 12 epochs: cost 0.693147 → ", text);
        Assert.DoesNotContain('\n', text);
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class SyncProgress : IProgress<TrainingProgress>
    {
        private readonly Action<TrainingProgress> _report;

        public SyncProgress(Action<TrainingProgress> report) => _report = report;

        public void Report(TrainingProgress value) => _report(value);
    }
}
