using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using LogRegGen.Tests.Generated;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// Issue 15: stratified folds exactly as scikit-learn assigns them, and C chosen by cross-validation against
/// Reference/sklearn_cross_validation.py (LogisticRegressionCV on raw features; a scaler-and-model pipeline per fold
/// for the standardized default; the multinomial iris model).
/// </summary>
public sealed class CrossValidationTests
{
    private static readonly Lazy<JsonDocument> s_reference = new(() => ReferenceFiles.Load("sklearn_cross_validation.json"));

    /// <summary>Exact solves, so that the comparison is of optima, not of stopping points.</summary>
    private static TrainingOptions Exact(bool standardize) => new() { Standardize = standardize, Tolerance = 1e-11, Epochs = 200 };

    public static TheoryData<string, int, CrossValidationScoring> Cases => new()
    {
        { "raw", 0, CrossValidationScoring.Accuracy },
        { "raw", 1, CrossValidationScoring.LogLoss },
        { "raw", 2, CrossValidationScoring.RocAuc },
        { "standardized", 0, CrossValidationScoring.Accuracy },
        { "standardized", 1, CrossValidationScoring.LogLoss },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Breast_cancer_chooses_scikit_learns_C_with_its_scores_and_refit(string name, int index, CrossValidationScoring scoring)
    {
        JsonElement expected = s_reference.Value.RootElement.GetProperty(name)[index];
        var options = new CrossValidationOptions { Scoring = scoring, Training = Exact(standardize: name == "standardized") };

        (TumorModel model, CrossValidationReport report) = TumorModel.CrossValidate(ReferenceFiles.Tumors, options);

        AssertScores(expected, report);
        ReferenceFiles.AssertRelative(ReferenceFiles.Doubles(expected, "weights"), ReferenceFiles.Widen(model.Weights));
        ReferenceFiles.AssertRelative([expected.GetProperty("bias").GetDouble()], [(double)model.Bias]);
        Assert.Same(report.Refit, model.TrainingReport);
        Assert.True(report.Refit.Converged);
    }

    [Theory]
    [InlineData(0, CrossValidationScoring.Accuracy)]
    [InlineData(1, CrossValidationScoring.LogLoss)]
    public void Iris_chooses_scikit_learns_C_for_the_softmax_model(int index, CrossValidationScoring scoring)
    {
        JsonElement expected = s_reference.Value.RootElement.GetProperty("iris")[index];
        Iris[] flowers = MultinomialModelTests.LoadIris();

        (IrisModel model, CrossValidationReport report) = IrisModel.CrossValidate(flowers, new CrossValidationOptions { Scoring = scoring, Training = Exact(standardize: true) });

        // scikit-learn's newton-cg stalls at C = 1e4 (it runs to max_iter without reaching its tolerance; lbfgs stops
        // elsewhere again), 1.3e-6 from this Newton solve's log loss on one fold, so the scores are compared to 1e-5 here.
        AssertScores(expected, report, scoreTolerance: 1e-5);

        // scikit-learn's multinomial intercepts are not centred; the model's are (the common shift is free).
        double[] bias = ReferenceFiles.Doubles(expected, "bias");
        double shift = bias.Average();
        ReferenceFiles.AssertRelative(ReferenceFiles.Doubles(expected, "weights"), ReferenceFiles.Widen(model.Weights));
        ReferenceFiles.AssertRelative(bias.Select(b => b - shift).ToArray(), ReferenceFiles.Widen(model.Biases));
    }

    [Fact]
    public void The_default_grid_is_numpys_logspace()
    {
        // numpy's vectorized power is not correctly rounded: 10^-4 comes out as 9.999999999999999e-05, and one
        // other value differs in the last place too. Math.Pow gives 1e-4 itself.
        double[] expected = ReferenceFiles.Doubles(s_reference.Value.RootElement.GetProperty("raw")[0], "cs");
        Assert.Equal(1e-4, CrossValidationOptions.DefaultCs[0]);
        Assert.Equal(1e4, CrossValidationOptions.DefaultCs[^1]);
        Assert.Equal(expected, CrossValidationOptions.DefaultCs, (a, b) => Math.Abs(a - b) <= 2.3e-16 * a);
    }

    [Fact]
    public void Scores_choice_and_refit_are_the_same_bits_on_one_thread_and_two()
    {
        var one = new CrossValidationOptions { Scoring = CrossValidationScoring.LogLoss, MaxDegreeOfParallelism = 1 };
        var two = new CrossValidationOptions { Scoring = CrossValidationScoring.LogLoss, MaxDegreeOfParallelism = 2 };

        (TumorModel a, CrossValidationReport ra) = TumorModel.CrossValidate(ReferenceFiles.Tumors, one);
        (TumorModel b, CrossValidationReport rb) = TumorModel.CrossValidate(ReferenceFiles.Tumors, two);

        Assert.Equal(ra.FoldScores.SelectMany(r => r), rb.FoldScores.SelectMany(r => r));
        Assert.Equal(ra.BestIndex, rb.BestIndex);
        Assert.Equal(((ReadOnlySpan<float>)a.Weights).ToArray(), ((ReadOnlySpan<float>)b.Weights).ToArray());
        Assert.Equal(a.Bias, b.Bias);
    }

    [Fact]
    public void The_grid_may_come_in_any_order_and_the_report_keeps_it()
    {
        double[] cs = [10, 0.01, 1, 0.1];
        CrossValidationReport shuffled = TumorModel.CrossValidate(ReferenceFiles.Tumors, new CrossValidationOptions { Cs = cs, Scoring = CrossValidationScoring.LogLoss }).Report;
        CrossValidationReport sorted = TumorModel.CrossValidate(ReferenceFiles.Tumors, new CrossValidationOptions { Cs = [0.01, 0.1, 1, 10], Scoring = CrossValidationScoring.LogLoss }).Report;

        Assert.Equal(cs, shuffled.Cs);
        Assert.Equal(sorted.BestC, shuffled.BestC);
        for (int i = 0; i < cs.Length; i++)
        {
            Assert.Equal(sorted.MeanScores[sorted.Cs.ToList().IndexOf(cs[i])], shuffled.MeanScores[i]);
        }
    }

    [Fact]
    public void Progress_reports_every_fit_and_the_table_marks_the_choice()
    {
        var reports = new List<CrossValidationProgress>();
        var progress = new SynchronousProgress<CrossValidationProgress>(p => { lock (reports) { reports.Add(p); } });

        CrossValidationReport report = TumorModel.CrossValidate(ReferenceFiles.Tumors, new CrossValidationOptions { Folds = 3, Cs = [0.1, 1, 10], Progress = progress }).Report;

        Assert.Equal(9, reports.Count);
        Assert.Equal(Enumerable.Range(1, 9), reports.Select(r => r.Completed).Order());
        Assert.All(reports, r => Assert.Equal(9, r.Total));
        Assert.All(reports, r => Assert.Equal(report.FoldScores[report.Cs.ToList().IndexOf(r.C)][r.Fold], r.Score));
        string table = report.ToString();
        Assert.Contains("3-fold cross-validation by accuracy", table, StringComparison.Ordinal);
        Assert.Single(table.Split('\n'), line => line.Contains("<- chosen", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancellation_stops_the_search()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TumorModel.CrossValidate(ReferenceFiles.Tumors, new CrossValidationOptions { CancellationToken = cancelled.Token }));

        using var midway = new CancellationTokenSource();
        var progress = new SynchronousProgress<CrossValidationProgress>(p =>
        {
            if (p.Completed == 3)
            {
                midway.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => TumorModel.CrossValidate(ReferenceFiles.Tumors, new CrossValidationOptions { CancellationToken = midway.Token, Progress = progress, MaxDegreeOfParallelism = 1 }));
    }

    [Fact]
    public void A_failing_fold_stops_the_search_with_its_own_exception()
    {
        // Gradient descent with an absurd rate diverges in every fold: the exception is the fold's, not an AggregateException.
        var options = new CrossValidationOptions { Cs = [1, 10], Training = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 1e30, Standardize = false } };
        Assert.Throws<ArithmeticException>(() => TumorModel.CrossValidate(ReferenceFiles.Tumors, options));
    }

    [Fact]
    public void Bad_settings_name_the_setting()
    {
        Tumor[] rows = ReferenceFiles.Tumors;
        Assert.Equal("Training", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Training = new TrainingOptions { C = 1 } })).ParamName);
        Assert.Equal("Training", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Training = new TrainingOptions { L2 = 0.1 } })).ParamName);
        Assert.Equal("Cs", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Cs = [1, -1] })).ParamName);
        Assert.Equal("Cs", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Cs = [1, 1] })).ParamName);
        Assert.Equal("Cs", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Cs = [] })).ParamName);
        Assert.Equal("Folds", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Folds = 1 })).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("Scoring", Assert.Throws<ArgumentOutOfRangeException>(() => TumorModel.CrossValidate(rows, new CrossValidationOptions { Scoring = (CrossValidationScoring)7 })).ParamName);
    }

    [Fact]
    public void A_class_with_fewer_rows_than_folds_is_refused_by_name()
    {
        // Three malignant rows and many benign ones: 5 folds cannot all train on both classes.
        Tumor[] rows = [.. ReferenceFiles.Tumors.Where(t => !t.Malignant).Take(40), .. ReferenceFiles.Tumors.Where(t => t.Malignant).Take(3)];
        var error = Assert.Throws<ArgumentException>(() => TumorModel.CrossValidate(rows));
        Assert.Contains("5 folds needs at least 5 samples of every class, but class 1 has 3", error.Message, StringComparison.Ordinal);
    }

    private static void AssertScores(JsonElement expected, CrossValidationReport report, double scoreTolerance = 1e-6)
    {
        Assert.Equal(ReferenceFiles.Doubles(expected, "cs"), report.Cs, (a, b) => Math.Abs(a - b) <= 1e-15 * a);
        double[][] folds = expected.GetProperty("fold_scores").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        for (int i = 0; i < folds.Length; i++)
        {
            for (int f = 0; f < folds[i].Length; f++)
            {
                Assert.True(Math.Abs(folds[i][f] - report.FoldScores[i][f]) <= scoreTolerance, $"C = {report.Cs[i]}, fold {f}: {report.FoldScores[i][f]} against {folds[i][f]}");
            }
        }

        double[] means = ReferenceFiles.Doubles(expected, "mean_scores");
        for (int i = 0; i < means.Length; i++)
        {
            Assert.True(Math.Abs(means[i] - report.MeanScores[i]) <= scoreTolerance, $"C = {report.Cs[i]}: mean {report.MeanScores[i]} against {means[i]}");
        }

        Assert.Equal(expected.GetProperty("best_c").GetDouble(), report.BestC, 1e-15 * report.BestC);
    }



    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Stratified_folds_equal_scikit_learns()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn_folds.json")));
        foreach (JsonElement test in reference.RootElement.GetProperty("cases").EnumerateArray())
        {
            float[] labels = test.GetProperty("labels").EnumerateArray().Select(e => (float)e.GetInt32()).ToArray();
            int[] expected = test.GetProperty("folds").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected, CrossValidation.StratifiedFolds(labels, test.GetProperty("k").GetInt32()));
        }
    }

    [Fact]
    public void Too_few_samples_for_the_folds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.StratifiedFolds(new float[] { 0, 1, 0, 1 }, 1));
        Assert.Contains("at least 5 samples", Assert.Throws<ArgumentException>(() => CrossValidation.StratifiedFolds(new float[] { 0, 1, 0, 1 }, 5)).Message, StringComparison.Ordinal);
        Assert.Contains("the largest class has 2", Assert.Throws<ArgumentException>(() => CrossValidation.StratifiedFolds(new float[] { 0, 1, 0, 1, 2 }, 3)).Message, StringComparison.Ordinal);
    }
}
