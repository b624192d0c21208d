using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LogRegGen;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>The three iris species, in the order of the data set (and of scikit-learn's classes_).</summary>
public enum Species
{
    Setosa,
    Versicolor,
    Virginica,
}

/// <summary>An iris flower: an enum label makes the generated model multinomial.</summary>
[LogisticModel]
public readonly record struct Iris(
    [ColumnName("sepal_length_cm")] float SepalLength,
    [ColumnName("sepal_width_cm")] float SepalWidth,
    [ColumnName("petal_length_cm")] float PetalLength,
    [ColumnName("petal_width_cm")] float PetalWidth,
    [Label] Species Species);

/// <summary>The iris model of samples/Iris, saved and baked in (Baked/iris3.model.json).</summary>
[LogisticModel(WeightsFile = "Baked/iris3.model.json")]
public readonly record struct BakedIris(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth, [Label] Species Species);

/// <summary>Classes whose values are neither contiguous nor in order, of another underlying type.</summary>
public enum Grade : short
{
    High = 10,
    Low = -3,
    Middle = 4,
}

/// <summary>A row with the <see cref="Grade"/> label.</summary>
[LogisticModel]
public sealed record Exam(double Hours, int Attempts, [Label] Grade Grade);

/// <summary>Two classes, to compare with the binary model of the same data.</summary>
public enum Outcome
{
    No,
    Yes,
}

/// <summary>The binary data as an enum label.</summary>
[LogisticModel]
public readonly record struct TwoClassRow(float X0, float X1, float X2, [Label] Outcome Outcome);

/// <summary>The same data with a bool label.</summary>
[LogisticModel]
public readonly record struct BoolRow(float X0, float X1, float X2, [Label] bool Outcome);

/// <summary>
/// A struct of floats with the label first and an ignored float after the features: the batch
/// predictions read an array of these in place from float 1 on, rows 13 floats apart.
/// </summary>
[LogisticModel]
public struct WideRow
{
    [Label]
    public Species Species;
    public float F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10;
    [Ignore]
    public float Note;
}

/// <summary>
/// The generated multinomial model: its API, its optimum against scikit-learn's, its predictions
/// against the formulas, saving, ONNX scoring and bad input.
/// </summary>
public sealed class MultinomialModelTests
{
    private static readonly Lazy<Iris[]> s_iris = new(LoadIris);

    /// <summary>iris.csv split by hand: the independent reference the data binder's tests compare with.</summary>
    public static Iris[] LoadIris() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"))
        .Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .Select(f => new Iris(
            Parse(f[0]), Parse(f[1]), Parse(f[2]), Parse(f[3]),
            Enum.Parse<Species>(f[4], ignoreCase: true)))
        .ToArray();

    [Fact]
    public void The_model_knows_its_classes_at_build_time()
    {
        Assert.Equal(4, IrisModel.FeatureCount);
        Assert.Equal(3, IrisModel.ClassCount);
        Assert.Equal(new[] { "Setosa", "Versicolor", "Virginica" }, IrisModel.ClassNames);
        Assert.Equal(new[] { Species.Setosa, Species.Versicolor, Species.Virginica }, IrisModel.Classes);
        Assert.Equal("Species", IrisModel.LabelName);

        // Classes in declaration order, whatever their values.
        Assert.Equal(new[] { Grade.High, Grade.Low, Grade.Middle }, ExamModel.Classes);
        Assert.Equal(0, ExamModel.ClassIndex(Grade.High));
        Assert.Equal(1, ExamModel.ClassIndex(Grade.Low));
        Assert.Equal(2, ExamModel.ClassIndex(Grade.Middle));
        Assert.Equal(-1, ExamModel.ClassIndex((Grade)5));
        Assert.Equal(Grade.Low, ExamModel.ClassAt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExamModel.ClassAt(3));
    }

    [Theory]
    [InlineData("iris_C1")]
    [InlineData("iris_C100")]
    public void Train_reaches_scikit_learns_multinomial_optimum(string name)
    {
        JsonElement c = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn_multinomial.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        Iris[] rows = s_iris.Value;

        IrisModel model = IrisModel.Train(rows, new TrainingOptions { C = c.GetProperty("C").GetDouble() });

        Assert.Equal(StopReason.Converged, model.TrainingReport!.StopReason);
        (double[] mean, double[] std) = Standardization(rows);
        double[][] expected = c.GetProperty("coef").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        double[] expectedBias = c.GetProperty("intercept").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double largest = expected.SelectMany(r => r).Max(Math.Abs);
        var b = new double[3];
        for (int k = 0; k < 3; k++)
        {
            b[k] = model.Biases[k];
            for (int j = 0; j < 4; j++)
            {
                // Our raw-feature weight in scikit-learn's standardized space.
                double w = model.Weights[k, j] * std[j];
                Assert.True(Math.Abs(w - expected[k][j]) <= 1e-4 * largest, $"{name}: W[{k},{j}] = {w}, scikit-learn {expected[k][j]}.");
                b[k] += model.Weights[k, j] * mean[j];
            }
        }

        double centre = b.Average();
        for (int k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(b[k] - centre - expectedBias[k]) <= 1e-4 * largest, $"{name}: b[{k}] = {b[k] - centre}, scikit-learn {expectedBias[k]}.");
        }

        // The intercepts come back centred, and the enum indexer reads the same element as the index.
        Assert.Equal(0d, model.Biases[0] + model.Biases[1] + (double)model.Biases[2], 5);
        Assert.Equal(model.Biases[2], model.Biases[Species.Virginica]);
        Assert.Equal(model.Weights[1, 3], model.Weights[Species.Versicolor, 3]);
    }

    [Fact]
    public void Rows_read_in_place_predict_as_each_row_alone()
    {
        // 203 rows: six blocks of 32 and 11 more (an 8 × 8 tile and three single rows); 11 features
        // (one tile of 8 and three single features) from float 1 of each row.
        var random = new Random(21);
        var rows = new WideRow[203];
        Span<float> f = stackalloc float[11];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = new WideRow { Species = (Species)random.Next(3), Note = float.NaN };
            for (int j = 0; j < f.Length; j++)
            {
                f[j] = (float)((random.NextDouble() * 4) - 2 + (j % 3 == (int)row.Species ? 1 : 0));
            }

            (row.F0, row.F1, row.F2, row.F3, row.F4, row.F5, row.F6, row.F7, row.F8, row.F9, row.F10) = (f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
            rows[i] = row;
        }

        WideRowModel model = WideRowModel.Train(rows, new TrainingOptions { C = 1 });
        var probabilities = new float[rows.Length * 3];
        var predicted = new Species[rows.Length];
        model.PredictProbabilities(rows, probabilities);
        model.Predict(rows, predicted);
        for (int i = 0; i < rows.Length; i++)
        {
            WideRowModel.ClassVector a = model.PredictProbabilities(in rows[i]);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(a[k], probabilities[(i * 3) + k]);
            }

            Assert.Equal(model.Predict(in rows[i]), predicted[i]);
        }

        Assert.True(model.Evaluate(rows).Accuracy > 0.5);
        Assert.All(probabilities, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void Predictions_follow_the_softmax_of_the_logits()
    {
        Iris[] rows = s_iris.Value;
        IrisModel model = IrisModel.Train(rows, new TrainingOptions { C = 1 });
        var probabilities = new float[rows.Length * 3];
        var predicted = new Species[rows.Length];
        model.PredictProbabilities(rows, probabilities);
        model.Predict(rows, predicted);

        for (int i = 0; i < rows.Length; i++)
        {
            Iris row = rows[i];
            // z = W x + b and a = softmax(z), in double from the model's parameters.
            double[] z = new double[3];
            for (int k = 0; k < 3; k++)
            {
                z[k] = model.Biases[k] + (model.Weights[k, 0] * (double)row.SepalLength) + (model.Weights[k, 1] * (double)row.SepalWidth)
                    + (model.Weights[k, 2] * (double)row.PetalLength) + (model.Weights[k, 3] * (double)row.PetalWidth);
            }

            double max = z.Max();
            double sum = z.Sum(v => Math.Exp(v - max));
            IrisModel.ClassVector logits = model.PredictLogits(in row);
            IrisModel.ClassVector a = model.PredictProbabilities(in row);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(z[k], logits[k], 1e-4);
                Assert.Equal(Math.Exp(z[k] - max) / sum, a[k], 1e-6);
                Assert.Equal(a[k], probabilities[(i * 3) + k]);
            }

            Species best = (Species)Array.IndexOf(z, max);
            Assert.Equal(best, model.Predict(in row));
            Assert.Equal(best, predicted[i]);
        }

        MulticlassClassificationMetrics metrics = model.Evaluate(rows);
        Assert.Equal(rows.Count(r => model.Predict(in r) == r.Species) / (double)rows.Length, metrics.Accuracy, 12);
        Assert.True(metrics.Accuracy > 0.95, metrics.ToString());
        Assert.Equal(model.Cost(rows), metrics.LogLoss, 1e-5);
        Assert.Contains("Virginica", metrics.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gradients_match_central_finite_differences_of_the_cost()
    {
        Iris[] rows = s_iris.Value;
        IrisModel model = IrisModel.Train(rows, new TrainingOptions { C = 0.01 });
        IrisModel.Gradients g = model.ComputeGradients(rows);
        Assert.Equal(model.Cost(rows), g.Cost, 10);

        for (int k = 0; k < 3; k++)
        {
            for (int j = 0; j < 4; j++)
            {
                float saved = model.Weights[k, j];
                const float h = 1e-2f;
                model.Weights[k, j] = saved + h;
                double plus = model.Cost(rows);
                model.Weights[k, j] = saved - h;
                double minus = model.Cost(rows);
                model.Weights[k, j] = saved;
                double numeric = (plus - minus) / (((double)saved + h) - ((double)saved - h));
                Assert.True(Math.Abs(numeric - g.Weights[k, j]) <= 1e-3 * Math.Max(1, Math.Abs(numeric)), $"dW[{k},{j}] = {g.Weights[k, j]}, numeric {numeric}.");
            }

            float bias = model.Biases[k];
            model.Biases[k] = bias + 1e-2f;
            double up = model.Cost(rows);
            model.Biases[k] = bias - 1e-2f;
            double down = model.Cost(rows);
            model.Biases[k] = bias;
            Assert.True(Math.Abs(((up - down) / 2e-2) - g.Biases[k]) <= 1e-3, $"db[{k}] = {g.Biases[k]}, numeric {(up - down) / 2e-2}.");
        }
    }

    [Fact]
    public void Two_classes_without_a_penalty_give_the_binary_models_probabilities()
    {
        var random = new Random(7);
        var twoClass = new TwoClassRow[400];
        var binary = new BoolRow[400];
        for (int i = 0; i < 400; i++)
        {
            float x0 = (float)random.NextDouble() * 4 - 2, x1 = (float)random.NextDouble() * 2, x2 = (float)random.NextDouble() - 3;
            bool y = random.NextDouble() < 1 / (1 + Math.Exp(-(x0 - (0.5 * x1) + (0.3 * x2) + 1)));
            twoClass[i] = new TwoClassRow(x0, x1, x2, y ? Outcome.Yes : Outcome.No);
            binary[i] = new BoolRow(x0, x1, x2, y);
        }

        var options = new TrainingOptions { C = double.PositiveInfinity };
        TwoClassRowModel softmax = TwoClassRowModel.Train(twoClass, options);
        BoolRowModel logistic = BoolRowModel.Train(binary, options);
        for (int i = 0; i < 400; i++)
        {
            Assert.Equal(logistic.PredictProbability(in binary[i]), softmax.PredictProbabilities(in twoClass[i])[Outcome.Yes], 1e-5);
        }
    }

    [Fact]
    public void Json_round_trips_and_checks_the_class_names()
    {
        IrisModel model = IrisModel.Train(s_iris.Value, new TrainingOptions { C = 1 });
        string json = model.ToJson();
        IrisModel loaded = IrisModel.FromJson(json);
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(model.Weights[i], loaded.Weights[i]);
        }

        Assert.Equal(model.Biases[Species.Setosa], loaded.Biases[Species.Setosa]);
        string renamed = json.Replace("\"Virginica\"", "\"Virginia\"", StringComparison.Ordinal);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => IrisModel.FromJson(renamed));
        Assert.Contains("Virginica", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exported_onnx_model_scores_like_the_model_in_onnx_runtime()
    {
        Iris[] rows = s_iris.Value;
        IrisModel model = IrisModel.Train(rows, new TrainingOptions { C = 1 });
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        using var session = new InferenceSession(stream.ToArray());
        var input = new DenseTensor<float>(new[] { rows.Length, 4 });
        for (int i = 0; i < rows.Length; i++)
        {
            IrisModel.FeatureVector x = IrisModel.GetFeatures(in rows[i]);
            for (int j = 0; j < 4; j++)
            {
                input[i, j] = x[j];
            }
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", input) });
        Tensor<float> scored = results.Single(r => r.Name == "probabilities").AsTensor<float>();
        var expected = new float[rows.Length * 3];
        model.PredictProbabilities(rows, expected);
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(expected[(i * 3) + k], scored[i, k], 1e-6);
            }
        }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Iris[] rows = s_iris.Value.ToArray();
        rows[7] = rows[7] with { Species = (Species)9 };
        LogisticDataException notAClass = Assert.Throws<LogisticDataException>(() => IrisModel.Train(rows));
        Assert.Contains("Row 7", notAClass.Message, StringComparison.Ordinal);
        Assert.Contains("'Species'", notAClass.Message, StringComparison.Ordinal);

        // No virginica at all: the class with no rows is named.
        Iris[] twoSpecies = s_iris.Value.Where(r => r.Species != Species.Virginica).ToArray();
        LogisticDataException missing = Assert.Throws<LogisticDataException>(() => IrisModel.Train(twoSpecies));
        Assert.Contains("Virginica", missing.Message, StringComparison.Ordinal);

        IrisModel model = IrisModel.Train(s_iris.Value, new TrainingOptions { C = 1 });
        ArgumentException shape = Assert.Throws<ArgumentException>(() => model.PredictProbabilities(s_iris.Value, new float[s_iris.Value.Length]));
        Assert.Equal("probabilities", shape.ParamName);
        Assert.Contains("450", shape.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Biases[(Species)9]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Weights[0, 4]);
        // The run-time guard behind LRG027, which reports this length at build time.
#pragma warning disable LRG027
        Assert.Throws<ArgumentException>(() => new IrisModel(new float[11], new float[3]));
#pragma warning restore LRG027
    }

    [Fact]
    public void Saturated_logits_give_probabilities_not_nan()
    {
        var model = new IrisModel(new float[12], new float[] { 1e4f, -1e4f, 0f });
        IrisModel.ClassVector a = model.PredictProbabilities(in s_iris.Value[0]);
        // exp is clamped at e^−88, so the losers get about 6e−39, not exactly 0.
        Assert.Equal(1f, a[Species.Setosa]);
        Assert.InRange(a[Species.Versicolor], 0f, 1e-37f);
        Assert.InRange(a[Species.Virginica], 0f, 1e-37f);
        Assert.Equal(Species.Setosa, model.Predict(in s_iris.Value[0]));
        Assert.False(double.IsNaN(model.Cost(s_iris.Value)));
    }

    [Fact]
    public void Non_contiguous_enum_values_train_and_predict()
    {
        var random = new Random(3);
        Exam[] rows = Enumerable.Range(0, 300).Select(i =>
        {
            double hours = random.NextDouble() * 10;
            Grade grade = hours < 3.3 ? Grade.Low : hours < 6.6 ? Grade.Middle : Grade.High;
            return new Exam(hours, random.Next(1, 4), grade);
        }).ToArray();

        ExamModel model = ExamModel.Train(rows, new TrainingOptions { C = 100 });
        Assert.Equal(Grade.Low, model.Predict(new Exam(1, 2, Grade.High)));
        Assert.Equal(Grade.Middle, model.Predict(new Exam(5, 2, Grade.High)));
        Assert.Equal(Grade.High, model.Predict(new Exam(9, 2, Grade.Low)));
        Assert.True(model.Evaluate(rows).Accuracy > 0.9);
    }

    [Fact]
    public void Baked_weights_predict_exactly_as_the_model_loaded_from_the_same_file()
    {
        BakedIrisModel loaded = BakedIrisModel.Load(Path.Combine(AppContext.BaseDirectory, "Generated", "Baked", "iris3.model.json"));
        BakedIrisModel created = BakedIrisModel.Pretrained.CreateModel();
        Assert.Equal(12, BakedIrisModel.Pretrained.Weights.Length);
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(loaded.Weights[i], BakedIrisModel.Pretrained.Weights[i]);
            Assert.Equal(loaded.Weights[i], created.Weights[i]);
        }

        foreach (Iris iris in s_iris.Value)
        {
            var row = new BakedIris(iris.SepalLength, iris.SepalWidth, iris.PetalLength, iris.PetalWidth, iris.Species);
            BakedIrisModel.ClassVector baked = BakedIrisModel.Pretrained.PredictProbabilities(in row);
            BakedIrisModel.ClassVector model = loaded.PredictProbabilities(in row);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(model[k], baked[k]);
            }

            Assert.Equal(loaded.Predict(in row), BakedIrisModel.Pretrained.Predict(in row));
        }

        Assert.True(created.Evaluate(s_iris.Value.Select(r => new BakedIris(r.SepalLength, r.SepalWidth, r.PetalLength, r.PetalWidth, r.Species)).ToArray()).Accuracy > 0.95);
    }

    [Fact]
    public void Weights_per_class_weigh_each_class_as_the_same_sample_weights_do()
    {
        Iris[] rows = s_iris.Value;
        IReadOnlyList<double> perClass = IrisModel.WeightsPerClass((Species.Virginica, 3), (Species.Setosa, 0.5));
        Assert.Equal(new[] { 0.5, 1, 3 }, perClass);

        IrisModel byClass = IrisModel.Train(rows, new TrainingOptions { C = 1, WeightsPerClass = perClass });
        float[] sampleWeights = rows.Select(r => (float)perClass[(int)r.Species]).ToArray();
        IrisModel bySample = IrisModel.Train(rows, sampleWeights, new TrainingOptions { C = 1 });
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(bySample.Weights[i], byClass.Weights[i], 1e-5f);
        }

        IrisModel plain = IrisModel.Train(rows, new TrainingOptions { C = 1 });
        Assert.NotEqual(plain.Biases[Species.Virginica], byClass.Biases[Species.Virginica]);

        ArgumentException twice = Assert.Throws<ArgumentException>(() => IrisModel.WeightsPerClass((Species.Setosa, 1), (Species.Setosa, 2)));
        Assert.Contains("Setosa", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => IrisModel.WeightsPerClass(((Species)7, 1)));
#pragma warning disable LRG027 // the run-time check behind LRG027's build-time one
        ArgumentException count = Assert.Throws<ArgumentException>(() => IrisModel.Train(rows, new TrainingOptions { WeightsPerClass = [1, 2] }));
#pragma warning restore LRG027
        Assert.Contains("2 weights but the model has 3 classes", count.Message, StringComparison.Ordinal);
        ArgumentOutOfRangeException negative = Assert.Throws<ArgumentOutOfRangeException>(() => IrisModel.Train(rows, new TrainingOptions { WeightsPerClass = [1, -2, 1] }));
        Assert.Contains("class 1", negative.Message, StringComparison.Ordinal);
#pragma warning disable LRG018 // the run-time check behind LRG018's build-time one
        Assert.Throws<ArgumentOutOfRangeException>(() => IrisModel.Train(rows, new TrainingOptions { WeightsPerClass = [1, 1, 1], BalancedClassWeights = true }));
#pragma warning restore LRG018
    }

    [Fact]
    public void Weights_per_class_of_a_binary_model_are_its_class_weights()
    {
        var random = new Random(5);
        BoolRow[] rows = Enumerable.Range(0, 300).Select(_ =>
        {
            float a = (float)random.NextDouble() * 4 - 2;
            return new BoolRow(a, (float)random.NextDouble(), 0f, a + (float)(random.NextDouble() - 0.5) > 0);
        }).ToArray();
        BoolRowModel perClass = BoolRowModel.Train(rows, new TrainingOptions { C = 1, WeightsPerClass = [2, 0.5] });
        BoolRowModel pair = BoolRowModel.Train(rows, new TrainingOptions { C = 1, ClassWeights = new ClassWeights(2, 0.5) });
        Assert.Equal(pair.Bias, perClass.Bias);
        Assert.Throws<ArgumentException>(() => BoolRowModel.Train(rows, new TrainingOptions { WeightsPerClass = [1, 1, 1] }));
    }

    private static float Parse(string s) => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (double[] Mean, double[] Std) Standardization(Iris[] rows)
    {
        double[][] columns =
        [
            rows.Select(r => (double)r.SepalLength).ToArray(),
            rows.Select(r => (double)r.SepalWidth).ToArray(),
            rows.Select(r => (double)r.PetalLength).ToArray(),
            rows.Select(r => (double)r.PetalWidth).ToArray(),
        ];
        double[] mean = columns.Select(c => c.Average()).ToArray();
        double[] std = columns.Select((c, j) => Math.Sqrt(c.Sum(v => (v - mean[j]) * (v - mean[j])) / c.Length)).ToArray();
        return (mean, std);
    }
}
