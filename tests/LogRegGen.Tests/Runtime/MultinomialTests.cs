using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using LogRegGen.Optimization;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// The multinomial (softmax) objective and trainer: gradients and Hessian against finite differences,
/// the optimum against scikit-learn's (Reference/sklearn_multinomial.json, written by
/// Reference/sklearn_multinomial.py and polished there to a gradient of 1e-14), saturation, bad
/// input, and the two-class case against the binary model.
/// </summary>
public sealed class MultinomialTests
{
    private static readonly Lazy<JsonElement> s_reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "sklearn_multinomial.json"))).RootElement);

    [Theory]
    [InlineData("iris_C1")]
    [InlineData("iris_C100")]
    [InlineData("synthetic10_C1")]
    public void The_default_solver_reaches_scikit_learns_multinomial_optimum(string name)
    {
        JsonElement c = s_reference.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        (FeatureMatrix data, int k) = name.StartsWith("iris", StringComparison.Ordinal) ? Iris() : Synthetic10();
        int n = data.FeatureCount;
        double C = c.GetProperty("C").GetDouble();
        var weights = new float[k * n];
        var biases = new float[k];

        TrainingReport report = MultinomialTrainer.Train(data, k, default, new TrainingOptions { C = C }, weights, biases);

        Assert.Equal(StopReason.Converged, report.StopReason);

        // Newton for iris's 15 parameters, L-BFGS for the 310 of the 10-class set (MultinomialTrainer.AutoNewtonLimit).
        Assert.Equal(k * (n + 1) <= MultinomialTrainer.AutoNewtonLimit ? Solver.Newton : Solver.Lbfgs, report.Solver);

        // Our raw-feature weights in the reference's standardized space (mean and population std in double).
        (double[] mean, double[] std) = Standardization(data);
        double[][] expected = c.GetProperty("coef").EnumerateArray().Select(OptimizationTestData.Doubles).ToArray();
        double[] expectedBias = OptimizationTestData.Doubles(c.GetProperty("intercept"));
        double largest = expected.SelectMany(r => r).Max(Math.Abs);
        var w = new double[k][];
        var b = new double[k];
        for (int p = 0; p < k; p++)
        {
            w[p] = new double[n];
            b[p] = biases[p];
            for (int j = 0; j < n; j++)
            {
                w[p][j] = weights[(p * n) + j] * std[j];
                b[p] += weights[(p * n) + j] * mean[j];
            }
        }

        double centre = b.Average();
        for (int p = 0; p < k; p++)
        {
            Assert.Equal(0d, biases.Sum(v => (double)v), 4);
            Assert.True(Math.Abs(b[p] - centre - expectedBias[p]) <= 1e-4 * largest, $"{name}: b[{p}] = {b[p] - centre}, scikit-learn {expectedBias[p]}.");
            for (int j = 0; j < n; j++)
            {
                Assert.True(Math.Abs(w[p][j] - expected[p][j]) <= 1e-4 * largest, $"{name}: W[{p},{j}] = {w[p][j]}, scikit-learn {expected[p][j]} (largest {largest}).");
            }
        }

        // No higher than scikit-learn's own (lbfgs) solution on its objective divided by C.
        double ours = ObjectiveOverC(data, k, mean, std, w, b, 1d / C);
        double sklearn = c.GetProperty("sklearn_objective_over_C").GetDouble();
        Assert.True(ours <= sklearn * (1 + 1e-9), $"{name}: objective {ours} above scikit-learn's {sklearn}.");
    }

    [Theory]
    [InlineData(true, 0.5)]
    [InlineData(false, 0.5)]
    [InlineData(true, 0d)]
    public void Gradient_and_Hessian_match_central_differences(bool fitIntercept, double lambda)
    {
        const int k = 4, n = 3, m = 60;
        FeatureMatrix data = RandomData(k, n, m, seed: 5);
        var random = new Random(9);
        double[] weights = Enumerable.Range(0, m).Select(_ => 0.5 + random.NextDouble()).ToArray();
        double[] means = { 1.5, -0.5, 3 };
        double[] scales = { 2, 0.5, 4 };
        var objective = new MultinomialObjective(data, k, weights, weights.Sum(), lambda, fitIntercept, threads: 1, means, scales);
        int d = objective.Dimension;
        double[] theta = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[d];
        objective.ValueAndGradient(theta, gradient);
        var hessian = new double[d * d];
        objective.Hessian(theta, hessian);

        const double h = 1e-5;
        var plus = new double[d];
        var minus = new double[d];
        for (int t = 0; t < d; t++)
        {
            double[] up = (double[])theta.Clone();
            double[] down = (double[])theta.Clone();
            up[t] += h;
            down[t] -= h;
            double numeric = (objective.ValueAndGradient(up, plus) - objective.ValueAndGradient(down, minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[t]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"dF/dθ[{t}]: {gradient[t]} against {numeric}.");
        }

        // Hessian-vector products along directions the added curvature does not touch: v with no
        // common shift over the classes (Σₖ vₖ = 0 for every parameter position).
        for (int trial = 0; trial < 5; trial++)
        {
            double[] v = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
            int block = d / k;
            for (int u = 0; u < block; u++)
            {
                double shift = Enumerable.Range(0, k).Average(p => v[(p * block) + u]);
                for (int p = 0; p < k; p++)
                {
                    v[(p * block) + u] -= shift;
                }
            }

            double[] up = theta.Zip(v, (a, e) => a + (h * e)).ToArray();
            double[] down = theta.Zip(v, (a, e) => a - (h * e)).ToArray();
            objective.ValueAndGradient(up, plus);
            objective.ValueAndGradient(down, minus);
            for (int r = 0; r < d; r++)
            {
                double numeric = (plus[r] - minus[r]) / (2 * h);
                double analytic = 0;
                for (int q = 0; q < d; q++)
                {
                    analytic += hessian[(r * d) + q] * v[q];
                }

                Assert.True(Math.Abs(numeric - analytic) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"(Hv)[{r}]: {analytic} against {numeric}.");
            }
        }

        // Symmetric, and positive definite with the added curvature (so Cholesky works).
        for (int r = 0; r < d; r++)
        {
            for (int q = 0; q < r; q++)
            {
                Assert.Equal(hessian[(r * d) + q], hessian[(q * d) + r], 12);
            }
        }

        Assert.True(CholeskySolver.TryFactor((double[])hessian.Clone(), d, out _), "The Hessian with the added curvature is not positive definite.");
    }

    [Theory]
    [InlineData(2, 1, 37)]
    [InlineData(3, 7, 1000)]
    [InlineData(5, 7, 777)]
    [InlineData(9, 30, 513)]
    [InlineData(10, 64, 300)]
    [InlineData(6, 1, 129)]
    [InlineData(11, 2, 64)]
    public void The_vector_pass_matches_a_plain_double_loop(int k, int n, int m)
    {
        // Class counts off the tile of five (one to four left over), odd and even feature counts (the
        // gradient tile takes two features), sample counts off the blocks of eight and the chunks of 128.
        var random = new Random(k + n + m);
        (float[] x, float[] y) = SpreadRows(random, k, n, m);

        FeatureMatrix data = FeatureMatrix.FromSampleMajor(x, n, y);
        double[] s = Enumerable.Range(0, m).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var objective = new MultinomialObjective(data, k, s, s.Sum(), 0.1, fitIntercept: true, threads: 1);
        int d = objective.Dimension;
        double[] theta = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[d];
        double value = objective.ValueAndGradient(theta, gradient);

        var expected = new double[d];
        double expectedValue = 0;
        var z = new double[k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                z[p] = theta[(p * (n + 1)) + n];
                for (int j = 0; j < n; j++)
                {
                    z[p] += theta[(p * (n + 1)) + j] * x[(i * n) + j];
                }
            }

            double max = z.Max(), total = z.Sum(v => Math.Exp(v - max));
            expectedValue += s[i] * (max + Math.Log(total) - z[(int)y[i]]);
            for (int p = 0; p < k; p++)
            {
                double r = s[i] * ((Math.Exp(z[p] - max) / total) - (p == (int)y[i] ? 1 : 0));
                for (int j = 0; j < n; j++)
                {
                    expected[(p * (n + 1)) + j] += r * x[(i * n) + j];
                }

                expected[(p * (n + 1)) + n] += r;
            }
        }

        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < n; j++)
            {
                expected[(p * (n + 1)) + j] += 0.1 * theta[(p * (n + 1)) + j];
                expectedValue += 0.05 * theta[(p * (n + 1)) + j] * theta[(p * (n + 1)) + j];
            }
        }

        Assert.True(Math.Abs(value - expectedValue) <= 1e-12 * expectedValue, $"F = {value}, reference {expectedValue}.");
        double scale = expected.Max(Math.Abs);
        for (int t = 0; t < d; t++)
        {
            Assert.True(Math.Abs(gradient[t] - expected[t]) <= 1e-12 * scale, $"∇F[{t}] = {gradient[t]}, reference {expected[t]}.");
        }
    }

    [Theory]
    [InlineData(7, 9, false)]
    [InlineData(7, 9, true)]
    [InlineData(10, 64, false)]
    [InlineData(10, 64, true)]
    [InlineData(3, 1, false)]
    public void Both_vector_widths_of_the_chunk_pass_match_a_plain_double_loop(int k, int n, bool wide)
    {
        // The pass picks 512-bit tiles where the runtime accelerates them: run each width on purpose,
        // so the 256-bit tiles are tested on such machines too (and the 512-bit ones where they exist).
        if (wide && !(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported))
        {
            Assert.Throws<PlatformNotSupportedException>(() => RunChunk(wide));
            return;
        }

        (double[] partial, double[] expected) = RunChunk(wide);
        double scale = expected.Max(Math.Abs);
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.True(Math.Abs(partial[t] - expected[t]) <= 1e-12 * scale, $"sum {t}: {partial[t]}, reference {expected[t]}.");
        }

        (double[], double[]) RunChunk(bool useWide)
        {
            const int m = MultinomialGradientKernel.ChunkSize;
            var random = new Random((k * 31) + n);
            (float[] x, float[] y) = SpreadRows(random, k, n, m);

            FeatureMatrix data = FeatureMatrix.FromSampleMajor(x, n, y);
            double[] w = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] b = Enumerable.Range(0, k).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] s = Enumerable.Range(0, m).Select(_ => 0.5 + random.NextDouble()).ToArray();
            var sums = new double[1 + (k * (n + 1))];
            MultinomialGradientKernel.Chunk(data, 0, m, w, b, s, new double[MultinomialGradientKernel.BufferLength(n, k)], sums, useWide);

            var reference = new double[sums.Length];
            var z = new double[k];
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    z[c] = b[c];
                    for (int j = 0; j < n; j++)
                    {
                        z[c] += w[(c * n) + j] * x[(i * n) + j];
                    }
                }

                double max = z.Max(), total = z.Sum(v => Math.Exp(v - max));
                reference[0] += s[i] * (max + Math.Log(total) - z[(int)y[i]]);
                for (int c = 0; c < k; c++)
                {
                    double r = s[i] * ((Math.Exp(z[c] - max) / total) - (c == (int)y[i] ? 1 : 0));
                    for (int j = 0; j < n; j++)
                    {
                        reference[1 + (c * (n + 1)) + j] += r * x[(i * n) + j];
                    }

                    reference[1 + (c * (n + 1)) + n] += r;
                }
            }

            return (sums, reference);
        }
    }

    [Fact]
    public void Huge_logits_give_finite_values_and_gradients()
    {
        FeatureMatrix data = RandomData(3, 2, 40, seed: 2);
        var objective = new MultinomialObjective(data, 3, null, 40, 0d, fitIntercept: true, threads: 1);
        double[] theta = { 1e4, -1e4, 0, -1e4, 1e4, 5e3, 0, 0, -5e3 };
        var gradient = new double[theta.Length];
        double value = objective.ValueAndGradient(theta, gradient);
        Assert.True(double.IsFinite(value) && value > 0);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void A_class_without_rows_is_named()
    {
        FeatureMatrix data = RandomData(3, 2, 30, seed: 3);
        Span<float> labels = data.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = labels[i] == 1f ? 2f : labels[i];
        }

        LogisticDataException error = Assert.Throws<LogisticDataException>(() =>
            MultinomialTrainer.Train(data, 3, default, null, new float[6], new float[3], classNames: new[] { "setosa", "versicolor", "virginica" }));
        Assert.Contains("class 1 (versicolor) has no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_that_is_not_a_class_index_is_named_with_its_row()
    {
        FeatureMatrix data = RandomData(3, 2, 30, seed: 4);
        data.Labels[7] = 3f;
        LogisticDataException error = Assert.Throws<LogisticDataException>(() =>
            MultinomialTrainer.Train(data, 3, default, null, new float[6], new float[3]));
        Assert.Equal(7, error.Row);
        Assert.Contains("a class index 0 to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_output_lengths_are_rejected_with_both_shapes()
    {
        FeatureMatrix data = RandomData(3, 2, 30, seed: 6);
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            MultinomialTrainer.Train(data, 3, default, null, new float[5], new float[3]));
        Assert.Equal("weights", error.ParamName);
    }

    [Fact]
    public void Two_classes_without_a_penalty_give_the_binary_models_probabilities()
    {
        // Versicolor against virginica (not separable): softmax over two classes is σ(z₁ − z₀).
        (FeatureMatrix iris, _) = Iris();
        int[] rows = Enumerable.Range(0, iris.SampleCount).Where(i => iris.Labels[i] != 0f).ToArray();
        var x = new float[rows.Length * 4];
        var y = new float[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[(r * 4) + j] = iris[j, rows[r]];
            }

            y[r] = iris.Labels[rows[r]] - 1f;
        }

        FeatureMatrix data = FeatureMatrix.FromSampleMajor(x, 4, y);
        var options = new TrainingOptions { L2 = 0, Tolerance = 1e-10 };
        var w = new float[4];
        LogisticTrainer.Train(data, options, w, out float bias);
        var weights = new float[8];
        var biases = new float[2];
        MultinomialTrainer.Train(data, 2, default, options, weights, biases);

        for (int i = 0; i < data.SampleCount; i++)
        {
            double z = bias, z0 = biases[0], z1 = biases[1];
            for (int j = 0; j < 4; j++)
            {
                z += w[j] * data[j, i];
                z0 += weights[j] * data[j, i];
                z1 += weights[4 + j] * data[j, i];
            }

            double binary = 1 / (1 + Math.Exp(-z));
            double softmax = 1 / (1 + Math.Exp(z0 - z1));
            Assert.True(Math.Abs(binary - softmax) <= 1e-5, $"Row {i}: binary {binary}, softmax {softmax}.");
        }
    }

    [Fact]
    public void Onnx_runtime_scores_the_multinomial_export_as_the_softmax_of_the_weights()
    {
        (FeatureMatrix data, int k) = Iris();
        int n = data.FeatureCount;
        var weights = new float[k * n];
        var biases = new float[k];
        MultinomialTrainer.Train(data, k, default, new TrainingOptions { C = 1 }, weights, biases);
        string[] classes = { "setosa", "versicolor", "virginica" };
        using var onnx = new MemoryStream();
        OnnxExport.WriteMultinomial(onnx, new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, classes, weights, biases, "IrisModel");

        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx.ToArray());
        Assert.Equal("probabilities", session.OutputMetadata.Keys.Single());
        Assert.Equal(string.Join(",", classes), session.ModelMetadata.CustomMetadataMap["class_names"]);
        var x = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new[] { data.SampleCount, n });
        for (int i = 0; i < data.SampleCount; i++)
        {
            for (int j = 0; j < n; j++)
            {
                x[i, j] = data[j, i];
            }
        }

        using var results = session.Run(new[] { Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("features", x) });
        float[] scored = results.Single().AsEnumerable<float>().ToArray();
        Assert.Equal(data.SampleCount * k, scored.Length);
        var z = new double[k];
        for (int i = 0; i < data.SampleCount; i++)
        {
            for (int p = 0; p < k; p++)
            {
                z[p] = biases[p];
                for (int j = 0; j < n; j++)
                {
                    z[p] += weights[(p * n) + j] * data[j, i];
                }
            }

            double max = z.Max(), total = z.Sum(v => Math.Exp(v - max));
            for (int p = 0; p < k; p++)
            {
                double expected = Math.Exp(z[p] - max) / total;
                Assert.True(Math.Abs(scored[(i * k) + p] - expected) <= 2e-6, $"Row {i}, class {p}: ONNX Runtime {scored[(i * k) + p]}, softmax {expected}.");
            }
        }

        Assert.Throws<ArgumentException>(() => OnnxExport.WriteMultinomial(new MemoryStream(), new[] { "a" }, classes, new float[2], new float[3], "M"));
        Assert.Throws<ArgumentException>(() => OnnxExport.WriteMultinomial(new MemoryStream(), new[] { "a" }, new[] { "only" }, new float[1], new float[1], "M"));
    }

    [Fact]
    public void A_saved_multinomial_model_round_trips_and_is_checked_against_the_classes()
    {
        string[] features = { "a", "b" };
        string[] classes = { "red", "green", "blue" };
        var saved = new SavedModel
        {
            Model = "ColorModel",
            LabelName = "Color",
            FeatureNames = features,
            ClassNames = classes,
            Weights = new[] { 1f, 2f, 3f, 4f, 5f, 6f },
            Biases = new[] { 0.5f, -0.25f, -0.25f },
        };
        string json = saved.ToJson();
        Assert.Contains("\"classNames\"", json, StringComparison.Ordinal);

        SavedModel loaded = SavedModel.Parse(json, features, classes);
        Assert.Equal(saved.Weights, loaded.Weights);
        Assert.Equal(saved.Biases, loaded.Biases);

        InvalidDataException order = Assert.Throws<InvalidDataException>(() => SavedModel.Parse(json, features, new[] { "green", "red", "blue" }));
        Assert.Contains("red, green, blue", order.Message, StringComparison.Ordinal);
        InvalidDataException binaryReader = Assert.Throws<InvalidDataException>(() => SavedModel.Parse(json, features));
        Assert.Contains("multinomial", binaryReader.Message, StringComparison.Ordinal);
        string binary = new SavedModel { FeatureNames = features, Weights = new[] { 1f, 2f }, Bias = 0.5f }.ToJson();
        Assert.DoesNotContain("classNames", binary, StringComparison.Ordinal);
        InvalidDataException multinomialReader = Assert.Throws<InvalidDataException>(() => SavedModel.Parse(binary, features, classes));
        Assert.Contains("binary", multinomialReader.Message, StringComparison.Ordinal);
        string short1 = new SavedModel { FeatureNames = features, ClassNames = classes, Weights = new float[6], Biases = new float[2] }.ToJson();
        Assert.Throws<InvalidDataException>(() => SavedModel.Parse(short1, features, classes));
        string short2 = new SavedModel { FeatureNames = features, ClassNames = classes, Weights = new float[4], Biases = new float[3] }.ToJson();
        Assert.Contains("3 classes but 4 weights", Assert.Throws<InvalidDataException>(() => SavedModel.Parse(short2, features, classes)).Message, StringComparison.Ordinal);
    }

    private static double ObjectiveOverC(FeatureMatrix data, int k, double[] mean, double[] std, double[][] w, double[] b, double lambda)
    {
        int n = data.FeatureCount;
        double total = 0;
        var z = new double[k];
        for (int i = 0; i < data.SampleCount; i++)
        {
            for (int p = 0; p < k; p++)
            {
                z[p] = b[p];
                for (int j = 0; j < n; j++)
                {
                    z[p] += w[p][j] * ((data[j, i] - mean[j]) / std[j]);
                }
            }

            double max = z.Max();
            total += max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[(int)data.Labels[i]];
        }

        return total + (0.5 * lambda * w.SelectMany(r => r).Sum(v => v * v));
    }

    private static (double[] Mean, double[] Std) Standardization(FeatureMatrix data)
    {
        int n = data.FeatureCount, m = data.SampleCount;
        var mean = new double[n];
        var std = new double[n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                mean[j] += data[j, i];
            }

            mean[j] /= m;
            for (int i = 0; i < m; i++)
            {
                std[j] += (data[j, i] - mean[j]) * (data[j, i] - mean[j]);
            }

            std[j] = Math.Sqrt(std[j] / m);
        }

        return (mean, std);
    }

    private static (FeatureMatrix Data, int Classes) Iris() => ReadCsv(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));

    private static (FeatureMatrix Data, int Classes) Synthetic10() => ReadCsv(Path.Combine(AppContext.BaseDirectory, "Reference", "synthetic10.csv"));

    /// <summary>A CSV whose last column is the class (a name or an index), classes numbered in order of first appearance (or by index).</summary>
    private static (FeatureMatrix Data, int Classes) ReadCsv(string path)
    {
        string[][] rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        int n = rows[0].Length - 1;
        var classes = new List<string>();
        foreach (string[] r in rows)
        {
            if (!classes.Contains(r[n]))
            {
                classes.Add(r[n]);
            }
        }

        bool numeric = classes.All(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        var x = new float[rows.Length * n];
        var y = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < n; j++)
            {
                x[(i * n) + j] = float.Parse(rows[i][j], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            y[i] = numeric ? int.Parse(rows[i][n], CultureInfo.InvariantCulture) : classes.IndexOf(rows[i][n]);
        }

        return (FeatureMatrix.FromSampleMajor(x, n, y), classes.Count);
    }

    private static FeatureMatrix RandomData(int k, int n, int m, int seed)
    {
        var random = new Random(seed);
        var x = new float[m * n];
        var y = new float[m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                x[(i * n) + j] = (float)((random.NextDouble() * 4) - 1);
            }

            y[i] = i % k;
        }

        return FeatureMatrix.FromSampleMajor(x, n, y);
    }

    /// <summary>m rows of n features in [−2, 4) and labels 0 … K − 1, sample-major.</summary>
    private static (float[] X, float[] Y) SpreadRows(Random random, int k, int n, int m)
    {
        var x = new float[m * n];
        var y = new float[m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                x[(i * n) + j] = (float)((random.NextDouble() * 6) - 2);
            }

            y[i] = random.Next(k);
        }

        return (x, y);
    }
}
