using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// <see cref="Metrics.Evaluate(ReadOnlySpan{float}, ReadOnlySpan{float}, int, System.Collections.Generic.IReadOnlyList{string}?)"/>
/// against scikit-learn's multiclass metrics of a fixed probability matrix (the "metrics" entry of
/// Reference/sklearn_multinomial.json), and its bad input.
/// </summary>
public sealed class MulticlassMetricsTests
{
    private static readonly Lazy<JsonElement> s_case = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn_multinomial.json"))).RootElement.GetProperty("metrics"));

    [Fact]
    public void Every_score_matches_scikit_learn()
    {
        JsonElement c = s_case.Value;
        int k = c.GetProperty("classes").GetInt32();
        float[] probabilities = c.GetProperty("probabilities").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
        float[] labels = c.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray();

        MulticlassClassificationMetrics metrics = Metrics.Evaluate(probabilities, labels, k);

        int[][] confusion = c.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        for (int a = 0; a < k; a++)
        {
            for (int p = 0; p < k; p++)
            {
                Assert.Equal(confusion[a][p], metrics[a, p]);
            }
        }

        Assert.Equal(c.GetProperty("accuracy").GetDouble(), metrics.Accuracy, 12);
        Assert.Equal(OptimizationTestData.Doubles(c.GetProperty("precision")), metrics.Precision.ToArray(), new Tolerance(1e-12));
        Assert.Equal(OptimizationTestData.Doubles(c.GetProperty("recall")), metrics.Recall.ToArray(), new Tolerance(1e-12));
        Assert.Equal(OptimizationTestData.Doubles(c.GetProperty("f1")), metrics.F1.ToArray(), new Tolerance(1e-12));
        Assert.Equal(c.GetProperty("support").EnumerateArray().Select(v => v.GetInt32()), metrics.Support);
        double[] macro = OptimizationTestData.Doubles(c.GetProperty("macro"));
        double[] weighted = OptimizationTestData.Doubles(c.GetProperty("weighted"));
        Assert.Equal(macro, new[] { metrics.MacroPrecision, metrics.MacroRecall, metrics.MacroF1 }, new Tolerance(1e-12));
        Assert.Equal(weighted, new[] { metrics.WeightedPrecision, metrics.WeightedRecall, metrics.WeightedF1 }, new Tolerance(1e-12));
        Assert.Equal(c.GetProperty("log_loss").GetDouble(), metrics.LogLoss, 10);
        Assert.Equal(c.GetProperty("roc_auc_ovr_macro").GetDouble(), metrics.RocAuc, 12);
    }

    [Fact]
    public void The_table_names_the_classes()
    {
        float[] probabilities = { 0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.2f, 0.2f, 0.6f, 0.5f, 0.4f, 0.1f };
        float[] labels = { 0, 1, 2, 1 };

        string text = Metrics.Evaluate(probabilities, labels, 3, new[] { "setosa", "versicolor", "virginica" }).ToString();

        Assert.Contains("versicolor", text, StringComparison.Ordinal);
        Assert.Contains("Accuracy     0.7500", text, StringComparison.Ordinal);
        Assert.Contains("macro", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        float[] probabilities = { 0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f };
#pragma warning disable LRG027 // the run-time check behind LRG027's build-time one
        ArgumentException shape = Assert.Throws<ArgumentException>(() => Metrics.Evaluate(probabilities, new float[] { 0, 1, 2 }, 3));
#pragma warning restore LRG027
        Assert.Equal("probabilities", shape.ParamName);
        LogisticDataException label = Assert.Throws<LogisticDataException>(() => Metrics.Evaluate(probabilities, new float[] { 0, 3 }, 3));
        Assert.Equal(1, label.Row);
        probabilities[4] = float.NaN;
        LogisticDataException probability = Assert.Throws<LogisticDataException>(() => Metrics.Evaluate(probabilities, new float[] { 0, 1 }, 3));
        Assert.Equal(1, probability.Row);
    }

    [Fact]
    public void Roc_auc_is_nan_when_a_class_is_missing()
    {
        float[] probabilities = { 0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f };
        Assert.True(double.IsNaN(Metrics.Evaluate(probabilities, new float[] { 0, 1 }, 3).RocAuc));
    }

    private sealed class Tolerance(double epsilon) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
