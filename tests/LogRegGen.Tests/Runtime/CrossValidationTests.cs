using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>Issue 15: stratified folds exactly as scikit-learn assigns them.</summary>
public sealed class CrossValidationTests
{
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
