using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// One feature whose logit is the feature itself: w = 1, b = −0 (baked from Baked/unit.model.json), so
/// z = −0 + 1·x is exactly x for every x except +0, where it is +0, and for −0, where it stays −0.
/// </summary>
[LogisticModel(WeightsFile = "Baked/unit.model.json")]
public readonly record struct UnitLogit(float Z, [Label] bool Y);

/// <summary>
/// <c>Predict</c>, the batch <c>Predict</c> and the baked <c>Pretrained.Predict</c> decide with one rule,
/// <see cref="LogisticMath.Classify"/> (z ≥ 0), and compute probabilities with one σ, also at and around
/// z = 0, where σ(z) rounds to 0.5 in float for tiny negative z and a rule on σ(z) would disagree.
/// </summary>
public sealed class DecisionRuleTests
{
    public static readonly TheoryData<float> Logits = new()
    {
        0f,
        -0f,
        float.Epsilon,
        -float.Epsilon,
        1e-40f,
        -1e-40f,
        1.17549435e-38f,
        -1.17549435e-38f,
        1e-30f,
        -1e-30f,
        1e-8f,
        -1e-8f,
        5.96e-8f,
        -5.96e-8f,
        1e-3f,
        -1e-3f,
        1f,
        -1f,
    };

    [Fact]
    public void The_baked_weights_make_the_logit_the_feature()
    {
        Assert.Equal(1f, UnitLogitModel.Pretrained.ZWeight);
        Assert.True(float.IsNegative(UnitLogitModel.Pretrained.Bias) && UnitLogitModel.Pretrained.Bias == 0f, "the bias is -0");
        UnitLogitModel model = UnitLogitModel.Pretrained.CreateModel();
        Assert.True(float.IsNegative(model.Bias), "CreateModel keeps b = -0");
        Assert.True(float.IsNegative(model.PredictLogit(new UnitLogit(-0f, false))), "z = -0 + 1·(-0) is -0");
        Assert.True(float.IsPositive(model.PredictLogit(new UnitLogit(0f, false))), "z = -0 + 1·(+0) is +0");
    }

    [Theory]
    [MemberData(nameof(Logits))]
    public void Every_prediction_is_Classify_of_the_logit(float x)
    {
        var row = new UnitLogit(x, false);
        UnitLogitModel model = UnitLogitModel.Pretrained.CreateModel();

        float z = model.PredictLogit(row);
        Assert.Equal(BitConverter.SingleToInt32Bits(z), BitConverter.SingleToInt32Bits(UnitLogitModel.Pretrained.PredictLogit(row)));
        bool expected = LogisticMath.Classify(z);
        Assert.Equal(z >= 0f, expected);

        UnitLogit[] rows = { row, row, row };
        var batch = new bool[rows.Length];
        model.Predict(rows, batch);

        Assert.Equal(expected, model.Predict(row));
        Assert.All(batch, p => Assert.Equal(expected, p));
        Assert.Equal(expected, UnitLogitModel.Pretrained.Predict(row));
    }

    [Theory]
    [MemberData(nameof(Logits))]
    public void Every_probability_is_the_one_sigmoid(float x)
    {
        var row = new UnitLogit(x, false);
        UnitLogitModel model = UnitLogitModel.Pretrained.CreateModel();
        float expected = LogisticMath.Sigmoid(model.PredictLogit(row));

        var batch = new float[1];
        model.PredictProbabilities(new[] { row }, batch);

        Assert.Equal(expected, model.PredictProbability(row));
        Assert.Equal(expected, UnitLogitModel.Pretrained.PredictProbability(row));
        Assert.Equal(expected, batch[0]);
    }

    [Fact]
    public void Tiny_negative_logits_are_class_0_though_their_probability_rounds_to_one_half()
    {
        var row = new UnitLogit(-float.Epsilon, false);
        UnitLogitModel model = UnitLogitModel.Pretrained.CreateModel();

        Assert.Equal(0.5f, model.PredictProbability(row));
        Assert.False(model.Predict(row));
        Assert.False(UnitLogitModel.Pretrained.Predict(row));
        Assert.True(model.Predict(new UnitLogit(-0f, false)));
    }

    [Fact]
    public void The_batch_prediction_checks_the_length()
    {
        UnitLogitModel model = UnitLogitModel.Pretrained.CreateModel();
        // The analyzers report this at build time (LRG014); the test checks the run-time guard behind it.
#pragma warning disable LRG014
        Assert.Throws<ArgumentException>(() => model.Predict(new UnitLogit[2], new bool[1]));
#pragma warning restore LRG014
    }
}
