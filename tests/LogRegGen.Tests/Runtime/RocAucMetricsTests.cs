using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class RocAucMetricsTests
{
    // The set of MetricsTests: P = 4 positives, N = 6 negatives, no ties.
    //   score  .90 .80 .70 .60 .50 .40 .30 .20 .10 .05
    //   label   1   1   0   1   0   1   0   0   0   0
    // Pairs (positive, negative) with the positive ranked higher:
    //   .90 → all 6; .80 → all 6; .60 → .50 .30 .20 .10 .05 = 5; .40 → .30 .20 .10 .05 = 4
    // AUC = (6 + 6 + 5 + 4) / (4 · 6) = 21/24 = 0.875
    private static readonly float[] Scores = { 0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.05f };
    private static readonly float[] Labels = { 1, 1, 0, 1, 0, 1, 0, 0, 0, 0 };

    [Fact]
    public void RocAuc_counts_correctly_ordered_pairs()
    {
        Assert.Equal(0.875, Metrics.RocAuc(Scores, Labels), 1e-15);
    }

    [Fact]
    public void RocAuc_handles_ties_with_trapezoids()
    {
        // score .8 .8 .5 .5 .2, label 1 0 1 0 0: P = 2, N = 3.
        // Distinct thresholds, high to low, with (FPR, TPR) after each:
        //   ≥ .8: tp 1, fp 1 → (1/3, 1/2);  ≥ .5: tp 2, fp 2 → (2/3, 1);  ≥ .2: tp 2, fp 3 → (1, 1)
        // Trapezoids from (0, 0): (1/3)(0 + 1/2)/2 + (1/3)(1/2 + 1)/2 + (1/3)(1 + 1)/2
        //                        = 1/12 + 3/12 + 4/12 = 8/12 = 0.6667
        // Pairwise check: each tie counts ½: (.5 + 1 + 1) + (0 + .5 + 1) = 4 of 6 pairs.
        float[] scores = { 0.8f, 0.8f, 0.5f, 0.5f, 0.2f };
        float[] labels = { 1, 0, 1, 0, 0 };
        Assert.Equal(2d / 3d, Metrics.RocAuc(scores, labels), 1e-15);
    }

    [Fact]
    public void RocAuc_extremes_and_constant_scores()
    {
        float[] labels = { 0, 0, 1, 1 };
        Assert.Equal(1.0, Metrics.RocAuc(new[] { 0.1f, 0.2f, 0.8f, 0.9f }, labels));
        Assert.Equal(0.0, Metrics.RocAuc(new[] { 0.9f, 0.8f, 0.2f, 0.1f }, labels));

        // All scores tied: one threshold, a single trapezoid from (0, 0) to (1, 1) = 0.5.
        Assert.Equal(0.5, Metrics.RocAuc(new[] { 0.3f, 0.3f, 0.3f, 0.3f }, labels));

        // Only the order matters: logits give the same area as probabilities.
        float[] logits = Scores.Select(p => (float)Math.Log(p / (1 - p))).ToArray();
        Assert.Equal(0.875, Metrics.RocAuc(logits, Labels), 1e-15);
    }

    [Fact]
    public void Weighted_RocAuc_counts_pair_weights()
    {
        // score .9 .6 .4 .1, label 1 0 1 0, weight 2 1 1 1: P = 3, N = 2.
        // Positive .9 (w 2) beats both negatives: 2·(1 + 1) = 4; positive .4 (w 1) beats .1: 1·1 = 1.
        // AUC = 5 / (3 · 2) = 0.8333
        float[] scores = { 0.9f, 0.6f, 0.4f, 0.1f };
        float[] labels = { 1, 0, 1, 0 };
        Assert.Equal(5d / 6d, Metrics.RocAuc(scores, labels, new float[] { 2, 1, 1, 1 }), 1e-15);

        // Integer weights equal repeating the rows.
        Assert.Equal(
            Metrics.RocAuc(new[] { 0.9f, 0.9f, 0.6f, 0.4f, 0.1f }, new float[] { 1, 1, 0, 1, 0 }),
            Metrics.RocAuc(scores, labels, new float[] { 2, 1, 1, 1 }),
            1e-15);

        // Zero weight removes a row: without the .4 positive, every positive beats every negative.
        Assert.Equal(1.0, Metrics.RocAuc(scores, labels, new float[] { 1, 1, 0, 1 }));
    }

    [Fact]
    public void RocAuc_rejects_bad_input_naming_the_row()
    {
        var nan = Assert.Throws<LogisticDataException>(() => Metrics.RocAuc(new[] { 0.1f, float.NaN }, new float[] { 0, 1 }));
        Assert.Equal(1, nan.Row);
        Assert.Equal("score", nan.Column);
        Assert.Throws<LogisticDataException>(() => Metrics.RocAuc(new[] { 0.1f, float.PositiveInfinity }, new float[] { 0, 1 }));
        var label = Assert.Throws<LogisticDataException>(() => Metrics.RocAuc(new[] { 0.1f, 0.2f }, new float[] { 0, 3 }));
        Assert.Equal(1, label.Row);
        var weight = Assert.Throws<LogisticDataException>(() => Metrics.RocAuc(new[] { 0.1f, 0.2f }, new float[] { 0, 1 }, new float[] { 1, -1 }));
        Assert.Equal(1, weight.Row);

        Assert.Throws<ArgumentException>(() => Metrics.RocAuc(new[] { 0.1f, 0.2f }, new float[] { 1, 1 }));
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc(new[] { 0.1f, 0.2f }, new float[] { 0, 1 }, new float[] { 0, 1 }));
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
        // The analyzers report this at build time (LRG014); the test checks the run-time guard behind it.
#pragma warning disable LRG014
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc(new[] { 0.1f }, new float[] { 0, 1 }));
#pragma warning restore LRG014
    }

    [Fact]
    public void Evaluate_includes_RocAuc_and_shows_it()
    {
        BinaryClassificationMetrics metrics = Metrics.Evaluate(Scores, Labels);
        Assert.Equal(0.875, metrics.RocAuc, 1e-15);
        Assert.Contains("ROC AUC      0.8750", metrics.ToString());

        // One class only: undefined, so NaN and left out of the table.
        BinaryClassificationMetrics single = Metrics.Evaluate(new[] { 0.9f, 0.2f }, new[] { 0f, 0f });
        Assert.True(double.IsNaN(single.RocAuc));
        Assert.DoesNotContain("ROC AUC", single.ToString());
    }

    [Fact]
    public void Metrics_of_the_sklearn_C1_model_match_sklearn_metrics()
    {
        // The C = 1 coefficients from the JSON, applied to the same standardized data, then scored
        // by our metrics and compared with sklearn.metrics on the same predictions.
        SklearnCase c = OptimizationTestData.Case("C1");
        JsonElement expected = OptimizationTestData.Reference.GetProperty("metrics");
        double[] logits = OptimizationTestData.Data.Logits(c.Coef, c.Intercept);
        float[] labels = OptimizationTestData.Data.Labels;
        float[] probabilities = logits.Select(z => (float)(1 / (1 + Math.Exp(-z)))).ToArray();

        // Ranking by float logits keeps every pair's order here, so the area is sklearn's to rounding.
        Assert.Equal(expected.GetProperty("roc_auc").GetDouble(), Metrics.RocAuc(logits.Select(z => (float)z).ToArray(), labels), 1e-12);

        BinaryClassificationMetrics metrics = Metrics.Evaluate(probabilities, labels);
        JsonElement confusion = expected.GetProperty("confusion");
        Assert.Equal(confusion.GetProperty("tp").GetInt32(), metrics.TruePositives);
        Assert.Equal(confusion.GetProperty("fp").GetInt32(), metrics.FalsePositives);
        Assert.Equal(confusion.GetProperty("tn").GetInt32(), metrics.TrueNegatives);
        Assert.Equal(confusion.GetProperty("fn").GetInt32(), metrics.FalseNegatives);
        Assert.Equal(expected.GetProperty("accuracy").GetDouble(), metrics.Accuracy, 1e-15);
        Assert.Equal(expected.GetProperty("precision").GetDouble(), metrics.Precision, 1e-15);
        Assert.Equal(expected.GetProperty("recall").GetDouble(), metrics.Recall, 1e-15);
        Assert.Equal(expected.GetProperty("f1").GetDouble(), metrics.F1, 1e-15);

        // Probabilities rounded to float move the log loss by about 1e−8 at most.
        Assert.Equal(expected.GetProperty("log_loss").GetDouble(), metrics.LogLoss, 1e-6);
        Assert.Equal(expected.GetProperty("roc_auc").GetDouble(), metrics.RocAuc, 1e-3);
    }
}
