using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LogRegGen.Tests.Runtime;

/// <summary>One scikit-learn fit from Reference/sklearn_breast_cancer.json.</summary>
internal sealed record SklearnCase(
    string Name,
    double? C,
    string? ClassWeight,
    bool SampleWeighted,
    bool FitIntercept,
    int LbfgsIterations,
    double[] Coef,
    double Intercept,
    double GradientInfNorm,
    double[] NewtonCholeskyCoef,
    double NewtonCholeskyIntercept,
    int NewtonCholeskyIterations)
{
    /// <summary>scikit-learn's lbfgs parameters as θ = [w, b] (or w without the intercept).</summary>
    public double[] LbfgsTheta => FitIntercept ? Coef.Append(Intercept).ToArray() : Coef;

    /// <summary>scikit-learn's newton-cholesky parameters as θ.</summary>
    public double[] NewtonCholeskyTheta => FitIntercept ? NewtonCholeskyCoef.Append(NewtonCholeskyIntercept).ToArray() : NewtonCholeskyCoef;
}

/// <summary>
/// breast_cancer.csv standardized with the population standard deviation, in double precision
/// (as NumPy reads it), and the scikit-learn reference numbers committed next to the script
/// that produced them.
/// </summary>
internal static class OptimizationTestData
{
    private const string ReferenceFile = "sklearn_breast_cancer.json";

    private static readonly Lazy<BreastCancer> s_data = new(LoadCsv);
    private static readonly Lazy<JsonDocument> s_reference = new(() => JsonDocument.Parse(File.ReadAllText(FindReference())));

    public static BreastCancer Data => s_data.Value;

    public static JsonElement Reference => s_reference.Value.RootElement;

    public static IEnumerable<SklearnCase> Cases() =>
        Reference.GetProperty("cases").EnumerateArray().Select(ReadCase);

    public static SklearnCase Case(string name) => Cases().Single(c => c.Name == name);

    /// <summary>Per-sample weights for a case: class weights and sample weights multiplied (empty for none).</summary>
    public static double[] WeightsFor(SklearnCase c, float[] labels)
    {
        if (c.ClassWeight is null && !c.SampleWeighted)
        {
            return Array.Empty<double>();
        }

        var weights = new double[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            weights[i] = c.SampleWeighted && labels[i] == 1f ? 2d : 1d;
        }

        if (c.ClassWeight == "balanced")
        {
            ClassWeights.Balanced(labels).Apply(labels, weights);
        }

        return weights;
    }

    /// <summary>
    /// The JSON, copied to the output's Reference folder if the project does so, else found next
    /// to the test sources by walking up from the output folder.
    /// </summary>
    private static string FindReference()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "Reference", ReferenceFile);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "Reference", ReferenceFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "tests", "LogRegGen.Tests", "Reference", ReferenceFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{ReferenceFile} was not found above the test output folder.");
    }

    private static SklearnCase ReadCase(JsonElement e)
    {
        double? c = e.GetProperty("C").ValueKind == JsonValueKind.Null ? null : e.GetProperty("C").GetDouble();
        string? classWeight = e.GetProperty("class_weight").ValueKind == JsonValueKind.Null ? null : e.GetProperty("class_weight").GetString();
        return new SklearnCase(
            e.GetProperty("name").GetString()!,
            c,
            classWeight,
            e.GetProperty("sample_weight").ValueKind != JsonValueKind.Null,
            e.GetProperty("fit_intercept").GetBoolean(),
            e.GetProperty("n_iter").GetInt32(),
            Doubles(e.GetProperty("coef")),
            e.GetProperty("intercept").GetDouble(),
            e.GetProperty("gradient_inf_norm").GetDouble(),
            Doubles(e.GetProperty("newton_cholesky_coef")),
            e.GetProperty("newton_cholesky_intercept").GetDouble(),
            e.GetProperty("newton_cholesky_n_iter").GetInt32());
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static BreastCancer LoadCsv()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
        string[] lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        int m = lines.Length;
        int n = lines[0].Split(',').Length - 1;
        var raw = new double[m, n];
        var labels = new float[m];
        for (int i = 0; i < m; i++)
        {
            string[] cells = lines[i].Split(',');
            for (int j = 0; j < n; j++)
            {
                raw[i, j] = double.Parse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            labels[i] = float.Parse(cells[n], CultureInfo.InvariantCulture);
        }

        var means = new double[n];
        var stds = new double[n];
        var x = new double[m, n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < m; i++)
            {
                sum += raw[i, j];
            }

            means[j] = sum / m;
            double squares = 0;
            for (int i = 0; i < m; i++)
            {
                double d = raw[i, j] - means[j];
                squares += d * d;
            }

            stds[j] = Math.Sqrt(squares / m);
            for (int i = 0; i < m; i++)
            {
                x[i, j] = (raw[i, j] - means[j]) / stds[j];
            }
        }

        return new BreastCancer(x, labels, labels.Select(v => (double)v).ToArray(), means, stds);
    }
}

/// <summary>The standardized data: X (m × n, one row per sample), the labels and the statistics used.</summary>
internal sealed record BreastCancer(double[,] X, float[] Labels, double[] LabelsAsDouble, double[] Means, double[] Stds)
{
    public int SampleCount => X.GetLength(0);

    public int FeatureCount => X.GetLength(1);

    /// <summary>z = b + wᵀx for each sample.</summary>
    public double[] Logits(double[] coef, double intercept)
    {
        var z = new double[SampleCount];
        for (int i = 0; i < SampleCount; i++)
        {
            double sum = intercept;
            for (int j = 0; j < FeatureCount; j++)
            {
                sum += coef[j] * X[i, j];
            }

            z[i] = sum;
        }

        return z;
    }
}
