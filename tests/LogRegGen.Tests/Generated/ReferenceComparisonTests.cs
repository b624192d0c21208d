using System;
using System.Linq;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The generated models' forward and backward passes agree with the double-precision reference of the
/// notes' formulas, for every row type, for random data and random parameters (fixed seeds).
/// </summary>
public sealed class ReferenceComparisonTests
{
    /// <summary>
    /// Every kit with sample counts 1 (a single example), 37 (not a multiple of any vector width) and
    /// 2500 (more than one accumulation chunk, with a ragged tail).
    /// </summary>
    public static TheoryData<string, int> KitsAndSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (IModelKit kit in ModelKits.All)
        {
            foreach (int m in new[] { 1, 37, 2500 })
            {
                data.Add(kit.Name, m);
            }
        }

        return data;
    }

    public static TheoryData<string> Kits()
    {
        var data = new TheoryData<string>();
        foreach (IModelKit kit in ModelKits.All)
        {
            data.Add(kit.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KitsAndSizes))]
    public void PredictionsMatchReference(string kitName, int m)
    {
        IModelKit kit = ModelKits.Get(kitName);
        (Dataset data, Parameters p) = Setup(kit, m, seed: 11);
        double[] w = p.WAsDouble;
        double[][] x = data.XAsDouble;

        float[] batch = kit.PredictProbabilities(p, data);
        Assert.Equal(m, batch.Length);

        for (int i = 0; i < Math.Min(m, 200); i++)
        {
            double z = ReferenceLogisticRegression.Logit(w, p.B, x[i]);
            double a = ReferenceLogisticRegression.Sigmoid(z);
            double terms = Tolerance.LogitScale(w, p.B, x[i]);

            Tolerance.AssertClose(z, kit.PredictLogit(p, data.X[i]), terms, $"z({i})");
            Tolerance.AssertClose(a, kit.PredictProbability(p, data.X[i]), Tolerance.ProbabilityScale(a, terms), $"a({i}) from the row");
            Tolerance.AssertClose(a, kit.PredictProbabilityFromSpan(p, data.X[i]), Tolerance.ProbabilityScale(a, terms), $"a({i}) from a span");
            if (Math.Abs(a - 0.5) > 1e-4)
            {
                Assert.Equal(a >= 0.5, kit.Predict(p, data.X[i]));
            }
        }

        for (int i = 0; i < m; i++)
        {
            double a = ReferenceLogisticRegression.Probability(w, p.B, x[i]);
            Tolerance.AssertClose(a, batch[i], Tolerance.ProbabilityScale(a, Tolerance.LogitScale(w, p.B, x[i])), $"PredictProbabilities[{i}]");
        }
    }

    [Fact]
    public void PredictDecidesOnTheSignOfTheLogitAtTheBoundary()
    {
        // The contract: Predict(row) is LogisticMath.Classify(z), z >= 0, which is σ(z) >= 0.5 in exact
        // arithmetic. For logits within a few 1e-8 of zero, σ(z) rounds to exactly 0.5f in float, so a
        // threshold on the rounded probability would call those negative logits class 1; the rule on z does not.
        foreach (float z in new[] { -1e-3f, -1e-6f, -1e-8f, -1e-10f, -0f, 0f, 1e-10f, 1e-8f, 1e-3f })
        {
            var model = new Row1Model(new[] { 1f }, 0f);
            var row = new Row1(z, false);

            float logit = model.PredictLogit(in row);
            Assert.True(logit >= 0f == model.Predict(in row), $"z = {z}: Predict = {model.Predict(in row)}");
            Assert.True(LogisticMath.Classify(logit) == model.Predict(in row), $"z = {z}: Classify disagrees with Predict");
            if (z > 0f)
            {
                Assert.True(model.PredictProbability(in row) >= 0.5f, $"z = {z}: p < 0.5 for a positive logit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KitsAndSizes))]
    public void CostMatchesReference(string kitName, int m)
    {
        IModelKit kit = ModelKits.Get(kitName);
        (Dataset data, Parameters p) = Setup(kit, m, seed: 12);

        double j = ReferenceLogisticRegression.Cost(data.XAsDouble, data.YAsDouble, p.WAsDouble, p.B);

        // J is a mean of positive losses: no cancellation, so a purely relative comparison.
        Tolerance.AssertClose(j, kit.Cost(p, data), 0, "Cost(rows)");
        Tolerance.AssertClose(j, kit.CostBatch(p, data), 0, "Cost(batch)");
    }

    [Theory]
    [MemberData(nameof(KitsAndSizes))]
    public void GradientsMatchReference(string kitName, int m)
    {
        IModelKit kit = ModelKits.Get(kitName);
        (Dataset data, Parameters p) = Setup(kit, m, seed: 13);
        double[][] x = data.XAsDouble;
        double[] y = data.YAsDouble;
        double[] w = p.WAsDouble;

        ReferenceLogisticRegression.Gradients expected = ReferenceLogisticRegression.ComputeGradients(x, y, w, p.B);
        ReferenceLogisticRegression.Gradients scales = ReferenceLogisticRegression.GradientScales(x, y, w, p.B);

        foreach ((string overload, GradientResult actual) in new[] { ("rows", kit.Gradients(p, data)), ("batch", kit.GradientsBatch(p, data)) })
        {
            Assert.Equal(kit.FeatureCount, actual.Dw.Length);
            for (int j = 0; j < kit.FeatureCount; j++)
            {
                Tolerance.AssertClose(expected.Dw[j], actual.Dw[j], scales.Dw[j], $"dw[{j}] ({overload})");
            }

            Tolerance.AssertClose(expected.Db, actual.Db, scales.Db, $"db ({overload})");
            Tolerance.AssertClose(expected.Cost, actual.Cost, 0, $"J ({overload})");
        }
    }

    [Theory]
    [MemberData(nameof(Kits))]
    public void FeaturesAndLabelAreReadFromTheRow(string kitName)
    {
        IModelKit kit = ModelKits.Get(kitName);
        Dataset data = TestData.Random(seed: 14, m: 8, n: kit.FeatureCount, kit.Representable);

        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(data.X[i], kit.GetFeatures(data.X[i], data.Y[i]));
            Assert.Equal(data.X[i], kit.GetFeaturesIntoSpan(data.X[i], data.Y[i]));
            Assert.Equal(data.Y[i], kit.GetLabel(data.X[i], data.Y[i]));
        }

        Assert.Equal(1f, kit.GetLabel(data.X[0], 1));
        Assert.Equal(0f, kit.GetLabel(data.X[0], 0));
    }

    [Theory]
    [MemberData(nameof(Kits))]
    public void ConstructorKeepsWeightsAndBias(string kitName)
    {
        IModelKit kit = ModelKits.Get(kitName);
        Parameters p = TestData.RandomParameters(seed: 15, kit.FeatureCount);

        Parameters read = kit.ReadParameters(p);

        Assert.Equal(p.W, read.W);
        Assert.Equal(p.B, read.B);
    }

    private static (Dataset Data, Parameters Parameters) Setup(IModelKit kit, int m, int seed)
    {
        Dataset data = TestData.Random(seed, m, kit.FeatureCount, kit.Representable);
        Parameters p = TestData.RandomParameters(seed + 1000, kit.FeatureCount);
        if (kit.Name == nameof(ModelKits.Patient))
        {
            // The patient's raw features are far from standardized (weights near 70, ages near 40); keep
            // the logits in a moderate range, where the reference's log(1 − a) is still accurate.
            p = new Parameters(p.W.Select(v => v * 0.02f).ToArray(), p.B);
        }

        return (data, p);
    }
}
