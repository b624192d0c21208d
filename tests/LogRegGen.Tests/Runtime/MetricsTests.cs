using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class MetricsTests
{
    //  i    p     y   predicted (p >= 0.5)   cell
    //  0   0.90   1   1                      TP
    //  1   0.80   1   1                      TP
    //  2   0.70   0   1                      FP
    //  3   0.60   1   1                      TP
    //  4   0.50   0   1 (ties go positive)   FP
    //  5   0.40   1   0                      FN
    //  6   0.30   0   0                      TN
    //  7   0.20   0   0                      TN
    //  8   0.10   0   0                      TN
    //  9   0.05   0   0                      TN
    // TP = 3, FP = 2, TN = 4, FN = 1
    // accuracy  = (3 + 4) / 10 = 0.7
    // precision = 3 / (3 + 2)  = 0.6
    // recall    = 3 / (3 + 1)  = 0.75
    // F1        = 2·3 / (2·3 + 2 + 1) = 6/9 = 0.6667
    // log loss  = (−ln .9 − ln .8 − ln .3 − ln .6 − ln .5 − ln .4 − ln .7 − ln .8 − ln .9 − ln .95) / 10
    //           = (0.10536 + 0.22314 + 1.20397 + 0.51083 + 0.69315 + 0.91629 + 0.35667 + 0.22314 + 0.10536 + 0.05129) / 10
    //           = 4.38921 / 10 = 0.438921
    private static readonly float[] Probabilities = { 0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.05f };
    private static readonly float[] Labels = { 1, 1, 0, 1, 0, 1, 0, 0, 0, 0 };

    [Fact]
    public void Evaluate_matches_the_hand_computed_confusion_matrix()
    {
        BinaryClassificationMetrics metrics = Metrics.Evaluate(Probabilities, Labels);
        Assert.Equal(3, metrics.TruePositives);
        Assert.Equal(2, metrics.FalsePositives);
        Assert.Equal(4, metrics.TrueNegatives);
        Assert.Equal(1, metrics.FalseNegatives);
        Assert.Equal(10, metrics.Count);
        Assert.Equal(0.7, metrics.Accuracy, 1e-12);
        Assert.Equal(0.6, metrics.Precision, 1e-12);
        Assert.Equal(0.75, metrics.Recall, 1e-12);
        Assert.Equal(2.0 / 3.0, metrics.F1, 1e-12);
        Assert.Equal(0.438921, metrics.LogLoss, 1e-6);
    }

    [Fact]
    public void Threshold_moves_the_decision()
    {
        // p >= 0.75: samples 0 and 1 (both positive) → TP = 2, FP = 0, FN = 2 (samples 3, 5), TN = 6.
        BinaryClassificationMetrics metrics = Metrics.Evaluate(Probabilities, Labels, threshold: 0.75f);
        Assert.Equal((2, 0, 6, 2), (metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives));
        Assert.Equal(1.0, metrics.Precision);
        Assert.Equal(0.5, metrics.Recall);
        Assert.Equal(0.8, metrics.Accuracy, 1e-12);
        // The log loss does not depend on the threshold.
        Assert.Equal(0.438921, metrics.LogLoss, 1e-6);
    }

    [Fact]
    public void Precision_recall_and_F1_are_0_when_undefined()
    {
        // Nothing predicted positive, and the only positive is missed.
        BinaryClassificationMetrics metrics = Metrics.Evaluate(new[] { 0.1f, 0.2f, 0.3f }, new[] { 0f, 1f, 0f });
        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
        Assert.Equal(2.0 / 3.0, metrics.Accuracy, 1e-12);

        // No positives at all: recall is 0 (scikit-learn's zero_division default).
        BinaryClassificationMetrics negatives = Metrics.Evaluate(new[] { 0.9f, 0.2f }, new[] { 0f, 0f });
        Assert.Equal(0.0, negatives.Recall);
        Assert.Equal(0.0, negatives.Precision);
    }

    [Fact]
    public void Log_loss_clips_probabilities_to_1e_minus_15()
    {
        // A certain, wrong prediction costs −ln(1e−15) = 34.5388; a certain, right one costs ~1e−15.
        BinaryClassificationMetrics wrong = Metrics.Evaluate(new[] { 0f }, new[] { 1f });
        Assert.Equal(34.538776394910684, wrong.LogLoss, 1e-9);
        BinaryClassificationMetrics right = Metrics.Evaluate(new[] { 1f, 0f }, new[] { 1f, 0f });
        Assert.InRange(right.LogLoss, 0.0, 1e-14);
        Assert.True(right.LogLoss > 0);
    }

    [Fact]
    public void Evaluate_validates_its_inputs()
    {
        // The analyzers report this at build time (LRG014); the test checks the run-time guard behind it.
#pragma warning disable LRG014
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Metrics.Evaluate(new float[3], new float[2])).ParamName);
#pragma warning restore LRG014
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => Metrics.Evaluate(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty)).ParamName);
        Assert.Equal(1, Assert.Throws<LogisticDataException>(() => Metrics.Evaluate(new[] { 0.5f, 0.5f }, new[] { 0f, 2f })).Row);
        Assert.Equal(0, Assert.Throws<LogisticDataException>(() => Metrics.Evaluate(new[] { float.NaN }, new[] { 0f })).Row);
        Assert.Equal(0, Assert.Throws<LogisticDataException>(() => Metrics.Evaluate(new[] { 1.5f }, new[] { 0f })).Row);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.Evaluate(new[] { 0.5f }, new[] { 0f }, float.NaN)).ParamName);
    }

    [Fact]
    public void ToString_shows_scores_and_the_confusion_matrix()
    {
        string text = Metrics.Evaluate(Probabilities, Labels).ToString();
        Assert.Contains("Accuracy     0.7000", text);
        Assert.Contains("Recall       0.7500", text);
        Assert.Contains("Log loss     0.4389", text);
        Assert.Contains("actual 1          3        1", text);
        Assert.Contains("actual 0          2        4", text);
    }
}
