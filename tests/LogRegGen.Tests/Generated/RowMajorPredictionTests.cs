using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>Nine floats after the label: above the one-chain limit of eight, off the four partial sums.</summary>
[LogisticModel]
public struct NineFloats
{
    [Label]
    public bool Y;
    public float F0, F1, F2, F3, F4, F5, F6, F7, F8;
    [Ignore]
    public float Note;
}

/// <summary>Thirteen floats, label last.</summary>
[LogisticModel]
public readonly record struct ThirteenFloats(float F0, float F1, float F2, float F3, float F4, float F5, float F6, float F7, float F8, float F9, float F10, float F11, float F12, [Label] bool Y);

/// <summary>Positional features and fields in the body: read in place only if the compiler lays them out in the order the generator assumes.</summary>
[LogisticModel]
public record struct MixedFloats(float F0, float F1, float F2, float F3)
{
    public float F4;
    public float F5;
    public float F6;
    public float F7;
    public float F8 { get; set; }

    [Label]
    public bool Y { get; set; }
}

/// <summary>
/// Binary models whose rows are structs of consecutive float features read a span of rows in place
/// (<c>LogisticMath.RowLogits</c>): the batch probabilities and decisions equal the one-row ones bit
/// for bit, at feature counts on both sides of the one-chain limit (8: one chain; 9 and 13: four partial sums) and row counts off every block.
/// </summary>
public sealed class RowMajorPredictionTests
{
    [Fact]
    public void Rows_read_in_place_predict_as_each_row_alone()
    {
        var random = new Random(5);
        foreach (int m in new[] { 0, 1, 7, 8, 33, 203 })
        {
            var nine = new NineFloats[m];
            var thirteen = new ThirteenFloats[m];
            var eight = new Row8[m];
            for (int i = 0; i < m; i++)
            {
                float[] f = new float[13];
                for (int j = 0; j < f.Length; j++)
                {
                    f[j] = (float)((random.NextDouble() * 8) - 4);
                }

                bool y = random.Next(2) == 1;
                nine[i] = new NineFloats { Y = y, F0 = f[0], F1 = f[1], F2 = f[2], F3 = f[3], F4 = f[4], F5 = f[5], F6 = f[6], F7 = f[7], F8 = f[8], Note = float.NaN };
                eight[i] = new Row8(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], y);
                thirteen[i] = new ThirteenFloats(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], y);
            }

            var nineModel = new NineFloatsModel();
            var thirteenModel = new ThirteenFloatsModel();
            var eightModel = new Row8Model();
            for (int j = 0; j < 13; j++)
            {
                if (j < 9)
                {
                    nineModel.Weights[j] = (float)(random.NextDouble() - 0.5);
                }

                thirteenModel.Weights[j] = (float)(random.NextDouble() - 0.5);
                if (j < 8)
                {
                    eightModel.Weights[j] = (float)(random.NextDouble() - 0.5);
                }
            }

            nineModel.Bias = 0.25f;
            thirteenModel.Bias = -0.75f;

            var p9 = new float[m];
            var p13 = new float[m];
            var p8 = new float[m];
            eightModel.Bias = 1.5f;
            eightModel.PredictProbabilities(eight, p8);
            var d9 = new bool[m];
            nineModel.PredictProbabilities(nine, p9);
            thirteenModel.PredictProbabilities(thirteen, p13);
            nineModel.Predict(nine, d9);
            for (int i = 0; i < m; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(nineModel.PredictProbability(in nine[i])), BitConverter.SingleToInt32Bits(p9[i]));
                Assert.Equal(BitConverter.SingleToInt32Bits(thirteenModel.PredictProbability(in thirteen[i])), BitConverter.SingleToInt32Bits(p13[i]));
                Assert.Equal(nineModel.Predict(in nine[i]), d9[i]);
                Assert.Equal(BitConverter.SingleToInt32Bits(eightModel.PredictProbability(in eight[i])), BitConverter.SingleToInt32Bits(p8[i]));
            }
        }
    }

    [Fact]
    public void A_record_with_features_in_its_parameters_and_its_body_predicts_as_each_row_alone()
    {
        var random = new Random(8);
        var rows = new MixedFloats[77];
        for (int i = 0; i < rows.Length; i++)
        {
            float F() => (float)((random.NextDouble() * 8) - 4);
            rows[i] = new MixedFloats(F(), F(), F(), F()) { F4 = F(), F5 = F(), F6 = F(), F7 = F(), F8 = F(), Y = i % 2 == 0 };
        }

        var model = new MixedFloatsModel();
        for (int j = 0; j < MixedFloatsModel.FeatureCount; j++)
        {
            model.Weights[j] = (float)(random.NextDouble() - 0.5) * (j + 1);
        }

        var batch = new float[rows.Length];
        model.PredictProbabilities(rows, batch);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(model.PredictProbability(in rows[i])), BitConverter.SingleToInt32Bits(batch[i]));
        }
    }

    [Fact]
    public void Batch_predictions_on_several_cores_equal_those_on_one()
    {
        // 40,000 rows: two workers of at least 16,384 rows each, the second range off a whole block.
        var random = new Random(13);
        var rows = new NineFloats[40_003];
        var wide = new WideRow[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            float F() => (float)((random.NextDouble() * 8) - 4);
            rows[i] = new NineFloats { Y = i % 3 == 0, F0 = F(), F1 = F(), F2 = F(), F3 = F(), F4 = F(), F5 = F(), F6 = F(), F7 = F(), F8 = F() };
            wide[i] = new WideRow { Species = (Species)(i % 3), F0 = F(), F1 = F(), F2 = F(), F3 = F(), F4 = F(), F5 = F(), F6 = F(), F7 = F(), F8 = F(), F9 = F(), F10 = F() };
        }

        var model = new NineFloatsModel();
        for (int j = 0; j < NineFloatsModel.FeatureCount; j++)
        {
            model.Weights[j] = (float)(random.NextDouble() - 0.5);
        }

        WideRowModel softmax = WideRowModel.Train(wide.AsSpan(0, 300), new TrainingOptions { C = 1 });
        var one = new float[rows.Length];
        var two = new float[rows.Length];
        var all = new float[rows.Length];
        model.PredictProbabilities(rows, one, maxDegreeOfParallelism: 1);
        model.PredictProbabilities(rows, two, maxDegreeOfParallelism: 2);
        model.PredictProbabilities(rows, all);
        Assert.Equal(one, two);
        Assert.Equal(one, all);
        Assert.Equal(BitConverter.SingleToInt32Bits(model.PredictProbability(in rows[^1])), BitConverter.SingleToInt32Bits(two[^1]));

        var k1 = new float[wide.Length * 3];
        var k2 = new float[wide.Length * 3];
        softmax.PredictProbabilities(wide, k1, maxDegreeOfParallelism: 1);
        softmax.PredictProbabilities(wide, k2, maxDegreeOfParallelism: 2);
        Assert.Equal(k1, k2);
        WideRowModel.ClassVector last = softmax.PredictProbabilities(in wide[^1]);
        Assert.Equal(last[2], k2[^1]);

        ArgumentOutOfRangeException zero = Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictProbabilities(rows, one, maxDegreeOfParallelism: 0));
        Assert.Equal("maxDegreeOfParallelism", zero.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => softmax.PredictProbabilities(wide, k1, maxDegreeOfParallelism: -2));
    }

    [Fact]
    public void Row_major_logits_name_the_shapes_that_do_not_fit()
    {
        ArgumentException stride = Assert.Throws<ArgumentException>(() => LogisticMath.RowLogits(new float[4], 0f, new float[40], 3, 10, new float[10]));
        Assert.Equal("rowStride", stride.ParamName);
        ArgumentException rows = Assert.Throws<ArgumentException>(() => LogisticMath.RowLogits(new float[4], 0f, new float[38], 5, 8, new float[8]));
        Assert.Equal("rows", rows.ParamName);
        Assert.Contains("Expected at least 39 values", rows.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LogisticMath.RowLogits(new float[4], 0f, new float[40], 4, 10, new float[9]));
    }
}
