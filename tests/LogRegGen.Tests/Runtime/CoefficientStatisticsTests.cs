using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sylvan.Data.Csv;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>Five breast-cancer features that do not separate the classes (see Reference/statsmodels_breast_cancer.py).</summary>
[LogisticModel]
public readonly record struct TumorFive(float MeanTexture, float MeanSmoothness, float MeanSymmetry, float MeanFractalDimension, float TextureError, [Label] bool Malignant);

/// <summary>Two copies of one feature.</summary>
[LogisticModel]
public readonly record struct Twice([ColumnName("mean_texture")] float A, [ColumnName("mean_texture")] float B, [Label] bool Malignant);

/// <summary>Issue 15, part 1: coefficient statistics against statsmodels, the normal distribution, and the refusals.</summary>
public sealed class CoefficientStatisticsTests
{
    private static readonly string s_csv = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    [Theory]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(-10, 7.61985302416047e-24)]
    [InlineData(-30, 4.906713927147908e-198)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(5, 0.9999997133484281)]
    [InlineData(0, 0.5)]
    public void The_normal_cdf_matches_scipy(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(x), expected * 1e-13);

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.3, -0.5244005127080409)]
    [InlineData(0.999999999999, 7.0344869100478356)]
    [InlineData(0.5, 0)]
    public void The_normal_quantile_matches_scipy(double p, double expected) =>
        Assert.Equal(expected, NormalDistribution.Quantile(p), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Statistics_of_the_unpenalized_fit_match_statsmodels()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "statsmodels_breast_cancer.json")));
        JsonElement root = reference.RootElement;
        TumorFive[] rows = TumorFiveModel.ReadRows(CsvDataReader.Create(s_csv));
        TumorFiveModel model = TumorFiveModel.Train(rows);

        CoefficientStatistics statistics = model.Explain(rows);

        Assert.Equal(6, statistics.Rows.Count);
        Assert.Equal(new[] { "MeanTexture", "MeanSmoothness", "MeanSymmetry", "MeanFractalDimension", "TextureError", "intercept" }, statistics.Rows.Select(r => r.Name));
        AssertClose(root, "estimates", statistics.Rows.Select(r => r.Estimate));
        AssertClose(root, "standardErrors", statistics.Rows.Select(r => r.StandardError));
        AssertClose(root, "z", statistics.Rows.Select(r => r.Z));
        AssertClose(root, "pValues", statistics.Rows.Select(r => r.PValue));
        AssertClose(root, "lower", statistics.Rows.Select(r => r.Lower));
        AssertClose(root, "upper", statistics.Rows.Select(r => r.Upper));
        AssertClose(root.GetProperty("logLikelihood").GetDouble(), statistics.LogLikelihood);
        AssertClose(root.GetProperty("nullLogLikelihood").GetDouble(), statistics.NullLogLikelihood);
        AssertClose(root.GetProperty("pseudoRSquared").GetDouble(), statistics.PseudoRSquared);
        AssertClose(root.GetProperty("aic").GetDouble(), statistics.Aic);
        AssertClose(root.GetProperty("bic").GetDouble(), statistics.Bic);
        Assert.Equal(569, statistics.SampleCount);
        Assert.Contains("MeanSmoothness", statistics.ToString(), StringComparison.Ordinal);
        Assert.Contains("P>|z|", statistics.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_penalized_model_is_refused_with_the_reason()
    {
        TumorFive[] rows = TumorFiveModel.ReadRows(CsvDataReader.Create(s_csv));
        TumorFiveModel penalized = TumorFiveModel.Train(rows, new TrainingOptions { C = 0.01 });

        var error = Assert.Throws<InvalidOperationException>(() => penalized.Explain(rows));
        Assert.Contains("not the unpenalized optimum", error.Message, StringComparison.Ordinal);
        Assert.Contains("C = null and L2 = 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Separation_a_duplicated_and_a_constant_feature_are_named()
    {
        Tumor4[] separated = Enumerable.Range(0, 40).Select(i => new Tumor4(i, i % 3, (i * 7) % 5, i % 2, i >= 20)).ToArray();
        var model = new Tumor4Model(new float[] { 0.1f, 0, 0, 0 }, -2f);
        Assert.Contains("separated", Assert.Throws<InvalidOperationException>(() => model.Explain(separated)).Message, StringComparison.Ordinal);

        Twice[] twice = TwiceModel.ReadRows(CsvDataReader.Create(s_csv));
        var duplicated = Assert.Throws<InvalidOperationException>(() => new TwiceModel().Explain(twice));
        Assert.Contains("feature 'B' is (nearly) a linear combination of the features before it", duplicated.Message, StringComparison.Ordinal);

        Tumor4[] constant = Enumerable.Range(0, 40).Select(i => new Tumor4(i, 3, (i * 7) % 5, i % 2, i % 3 == 0)).ToArray();
        Assert.Contains("Feature 'B' is constant (3 in every sample)", Assert.Throws<InvalidOperationException>(() => model.Explain(constant)).Message, StringComparison.Ordinal);
    }

    private static void AssertClose(JsonElement root, string name, System.Collections.Generic.IEnumerable<double> actual)
    {
        double[] expected = root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int j = 0; j < values.Length; j++)
        {
            Assert.True(Math.Abs(values[j] - expected[j]) <= 1e-4 * Math.Abs(expected[j]), $"{name}[{j}]: {values[j]:R} against statsmodels' {expected[j]:R}");
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-4 * Math.Abs(expected), $"{actual:R} against statsmodels' {expected:R}");
}

/// <summary>Four features for the refusal tests.</summary>
[LogisticModel]
public readonly record struct Tumor4(float A, float B, float C, float D, [Label] bool Y);
