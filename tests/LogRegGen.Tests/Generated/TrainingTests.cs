using System;
using System.Linq;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>Batch gradient descent through the generated <c>Train</c> methods.</summary>
public sealed class TrainingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CostHistoryDecreasesMonotonicallyWithASmallLearningRate(bool batch)
    {
        IModelKit kit = ModelKits.Row4;
        Dataset data = TestData.Random(seed: 31, m: 60, n: 4);
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.05, Epochs = 300, Tolerance = 0, Standardize = false };

        TrainedModel model = batch ? kit.TrainBatch(data, options) : kit.Train(data, options);

        TrainingReport report = Assert.IsType<TrainingReport>(model.Report);
        Assert.Equal(300, report.Epochs);
        Assert.Equal(StopReason.MaxEpochs, report.StopReason);
        Assert.False(report.Converged);
        Assert.Equal(301, report.CostHistory.Count);

        // From w = 0, b = 0 every a(i) is 1/2, so J starts at ln 2 whatever the data.
        Tolerance.AssertClose(Math.Log(2), report.CostHistory[0], 0, "J before the first update");

        for (int k = 1; k < report.CostHistory.Count; k++)
        {
            double previous = report.CostHistory[k - 1];
            Assert.True(
                report.CostHistory[k] <= previous + 1e-12 * Math.Abs(previous),
                $"J rose from {previous:R} to {report.CostHistory[k]:R} at update {k}.");
        }

        Assert.True(report.CostHistory[report.CostHistory.Count - 1] < 0.9 * report.CostHistory[0], $"J only went from {report.CostHistory[0]} to {report.CostHistory[report.CostHistory.Count - 1]}.");
        Assert.Equal(report.CostHistory[report.CostHistory.Count - 1], report.FinalCost);

        // The reported cost is the cost of the returned parameters.
        double j = ReferenceLogisticRegression.Cost(data.XAsDouble, data.YAsDouble, model.W.Select(v => (double)v).ToArray(), model.B);
        Tolerance.AssertClose(j, report.FinalCost, 0, "FinalCost vs J of the returned parameters");
    }

    [Fact]
    public void TrainingFollowsTheReferenceGradientDescent()
    {
        // Same data, learning rate, epochs and zero initialization as the reference's for-loop version:
        // the parameters must follow the same path (up to float rounding).
        IModelKit kit = ModelKits.Row7;
        Dataset data = TestData.Random(seed: 32, m: 90, n: 7);
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.3, Epochs = 150, Tolerance = 0, Standardize = false };

        TrainedModel model = kit.Train(data, options);
        (double[] w, double b) = ReferenceLogisticRegression.Train(data.XAsDouble, data.YAsDouble, 0.3, 150);

        double scale = w.Select(Math.Abs).Max();
        for (int j = 0; j < w.Length; j++)
        {
            Assert.True(Math.Abs(model.W[j] - w[j]) <= 1e-4 * scale, $"w[{j}]: reference {w[j]:R}, trained {model.W[j]:R}");
        }

        Assert.True(Math.Abs(model.B - b) <= 1e-4 * Math.Max(Math.Abs(b), scale), $"b: reference {b:R}, trained {model.B:R}");
    }

    [Fact]
    public void TrainingStopsWhenTheGradientIsSmall()
    {
        IModelKit kit = ModelKits.Row4;
        Dataset data = TestData.Random(seed: 33, m: 80, n: 4);
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 1.0, Epochs = 5000, Tolerance = 1e-3, Standardize = false };

        TrainedModel model = kit.Train(data, options);

        TrainingReport report = Assert.IsType<TrainingReport>(model.Report);
        Assert.True(report.Converged);
        Assert.Equal(StopReason.Converged, report.StopReason);
        Assert.InRange(report.Epochs, 1, 4999);
        Assert.Equal(report.Epochs + 1, report.CostHistory.Count);
        Assert.True(report.FinalGradientNorm <= 1e-3, $"final gradient norm {report.FinalGradientNorm}");

        // The stopping rule is about the gradient at the returned parameters.
        ReferenceLogisticRegression.Gradients g = ReferenceLogisticRegression.ComputeGradients(
            data.XAsDouble, data.YAsDouble, model.W.Select(v => (double)v).ToArray(), model.B);
        double norm = Math.Sqrt(g.Dw.Sum(v => v * v) + g.Db * g.Db);
        Assert.True(norm <= 1.01e-3, $"gradient norm at the returned parameters is {norm}");
    }

    [Theory]
    [InlineData(Solver.Newton)]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.GradientDescent)]
    public void PhasesAccountForThePassesEachSolverMakes(Solver solver)
    {
        IModelKit kit = ModelKits.Row4;
        Dataset data = TestData.Random(seed: 35, m: 200, n: 4);
        var options = new TrainingOptions { Solver = solver, LearningRate = 1.0, Epochs = 500, Tolerance = 1e-6, C = 1 };

        TrainingReport report = Assert.IsType<TrainingReport>(kit.Train(data, options).Report);
        TrainingPhases phases = report.Phases;
        switch (solver)
        {
            case Solver.Newton:
                // Five parameters: every full-step trial point is evaluated with its Hessian in one pass,
                // so (without backtracking) one pass per iteration plus the start, and no gradient-only pass.
                Assert.Equal(report.Epochs + 1, phases.HessianPassCount);
                Assert.Equal(0, phases.GradientPassCount);
                break;
            case Solver.Lbfgs:
                Assert.Equal(0, phases.HessianPassCount);
                Assert.True(phases.GradientPassCount >= report.Epochs + 1, $"{phases.GradientPassCount} passes for {report.Epochs} iterations");
                break;
            default:
                Assert.Equal(0, phases.HessianPassCount);
                Assert.Equal(report.Epochs + 1, phases.GradientPassCount);
                break;
        }

        TimeSpan parts = phases.Validation + phases.Standardization + phases.GradientPasses + phases.HessianPasses + phases.Solver;
        Assert.All(new[] { phases.Validation, phases.Standardization, phases.GradientPasses, phases.HessianPasses, phases.Solver }, t => Assert.True(t >= TimeSpan.Zero));
        Assert.True(parts <= phases.Total + TimeSpan.FromMilliseconds(1), $"{parts} > {phases.Total}"); // a tick of rounding per part
        Assert.True(phases.Total >= report.Elapsed, $"{phases.Total} < {report.Elapsed}");
        Assert.Contains("Hessian passes", phases.ToString());
    }

    [Fact]
    public void SeededInitializationIsDeterministic()
    {
        IModelKit kit = ModelKits.Row9;
        Dataset data = TestData.Random(seed: 34, m: 40, n: 9);
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.1, Epochs = 5, Tolerance = 0, Standardize = false, Seed = 7 };

        TrainedModel first = kit.Train(data, options);
        TrainedModel second = kit.Train(data, options);
        TrainedModel unseeded = kit.Train(data, new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.1, Epochs = 5, Tolerance = 0, Standardize = false });

        Assert.Equal(first.W, second.W);
        Assert.Equal(first.B, second.B);
        Assert.NotEqual(first.W, unseeded.W);
    }

    [Fact]
    public void StandardizedTrainingFoldsTheScalingIntoRawWeights()
    {
        // Features on very different scales and offsets.
        double[] mu = { 10, -3, 0.5, 4 };
        double[] sigma = { 2, 0.5, 0.1, 3 };
        Dataset standard = TestData.Random(seed: 35, m: 120, n: 4);
        var data = new Dataset(
            standard.X.Select(row => row.Select((v, j) => (float)(mu[j] + sigma[j] * v)).ToArray()).ToArray(),
            standard.Y);
        IModelKit kit = ModelKits.Row4;
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.5, Epochs = 200, Tolerance = 0, Standardize = true };

        TrainedModel model = kit.Train(data, options);
        TrainingReport report = Assert.IsType<TrainingReport>(model.Report);

        // The statistics used for the scaling.
        (double[] mean, double[] scale) = ReferenceLogisticRegression.Standardization(data.XAsDouble);
        Assert.Equal(4, report.FeatureMeans.Count);
        Assert.Equal(4, report.FeatureScales.Count);
        for (int j = 0; j < 4; j++)
        {
            Tolerance.AssertClose(mean[j], report.FeatureMeans[j], scale[j], $"mean[{j}]");
            Tolerance.AssertClose(scale[j], report.FeatureScales[j], 0, $"scale[{j}]");
        }

        // Prediction on raw features uses the returned (folded) weights and bias, and nothing else.
        double[] w = model.W.Select(v => (double)v).ToArray();
        foreach (float[] x in data.X)
        {
            double[] xd = x.Select(v => (double)v).ToArray();
            double expected = ReferenceLogisticRegression.Probability(w, model.B, xd);
            Tolerance.AssertClose(expected, model.PredictProbability(x, 0), Tolerance.ProbabilityScale(expected, Tolerance.LogitScale(w, model.B, xd)), "a on raw features");
        }

        // The folded parameters are those of the reference trained on standardized data and folded back:
        // same probabilities on the raw features (up to float rounding along the 200 updates).
        (double[] referenceW, double referenceB) = ReferenceLogisticRegression.TrainStandardized(data.XAsDouble, data.YAsDouble, 0.5, 200);
        foreach (float[] x in data.X)
        {
            double[] xd = x.Select(v => (double)v).ToArray();
            double expected = ReferenceLogisticRegression.Probability(referenceW, referenceB, xd);
            Assert.True(Math.Abs(model.PredictProbability(x, 0) - expected) <= 1e-4, $"a = {model.PredictProbability(x, 0)} but the folded reference gives {expected}");
        }

        // The cost reported for standardized training is also the cost of the folded parameters on the raw data.
        double rawCost = ReferenceLogisticRegression.Cost(data.XAsDouble, data.YAsDouble, w, model.B);
        Assert.True(Math.Abs(report.FinalCost - rawCost) <= 1e-4 * rawCost, $"FinalCost {report.FinalCost} vs J(raw) {rawCost}");
    }

    [Fact]
    public void TrainingOnABatchDoesNotChangeIt()
    {
        Dataset data = TestData.Random(seed: 36, m: 50, n: 4);
        Row4[] rows = ModelKits.Row4.Rows(data);
        Row4Model.Batch batch = Row4Model.Batch.Create(rows);
        Assert.Equal(50, batch.Count);
        float[,] before = Snapshot(batch.Matrix);

        Row4Model.Train(batch, new TrainingOptions { Solver = Solver.GradientDescent, Epochs = 20, Standardize = true });

        Assert.Equal(before, Snapshot(batch.Matrix));
        Assert.Equal(data.X[3][2], batch.Matrix[2, 3]);
        Assert.Equal(data.Y[5], batch.Matrix.Labels[5]);

        static float[,] Snapshot(FeatureMatrix matrix)
        {
            var copy = new float[matrix.FeatureCount, matrix.SampleCount];
            for (int j = 0; j < matrix.FeatureCount; j++)
            {
                for (int i = 0; i < matrix.SampleCount; i++)
                {
                    copy[j, i] = matrix[j, i];
                }
            }

            return copy;
        }
    }
}
