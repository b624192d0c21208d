using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>One row of breast_cancer.csv: 30 measurements of a tumour and whether it is malignant.</summary>
[LogisticModel]
public readonly record struct Tumor(
    float MeanRadius, float MeanTexture, float MeanPerimeter, float MeanArea, float MeanSmoothness,
    float MeanCompactness, float MeanConcavity, float MeanConcavePoints, float MeanSymmetry, float MeanFractalDimension,
    float RadiusError, float TextureError, float PerimeterError, float AreaError, float SmoothnessError,
    float CompactnessError, float ConcavityError, float ConcavePointsError, float SymmetryError, float FractalDimensionError,
    float WorstRadius, float WorstTexture, float WorstPerimeter, float WorstArea, float WorstSmoothness,
    float WorstCompactness, float WorstConcavity, float WorstConcavePoints, float WorstSymmetry, float WorstFractalDimension,
    [Label] bool Malignant);

/// <summary>Training the generated <see cref="TumorModel"/> on the Wisconsin breast cancer data.</summary>
public sealed class BreastCancerTests
{
    private static readonly string s_csvPath = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    [Fact]
    public void FeatureNamesAreTheCsvColumnsInOrder()
    {
        string[] header = File.ReadLines(s_csvPath).First().Split(',');

        Assert.Equal(31, header.Length);
        Assert.Equal(30, TumorModel.FeatureCount);
        Assert.Equal(header.Take(30).Select(PascalCase), TumorModel.FeatureNames);
        Assert.Equal("Malignant", PascalCase(header[30]));
        Assert.Equal("Malignant", TumorModel.LabelName);
    }

    [Fact]
    public void TrainingReachesHighAccuracy()
    {
        Tumor[] tumors = LoadCsv(s_csvPath);
        Assert.Equal(569, tumors.Length);
        Assert.Equal(212, tumors.Count(t => t.Malignant));

        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.5, Epochs = 3000, Standardize = true };
        TumorModel model = TumorModel.Train(tumors, options);

        int correct = tumors.Count(t => model.Predict(in t) == t.Malignant);
        double accuracy = (double)correct / tumors.Length;
        Assert.True(accuracy >= 0.97, $"training accuracy {accuracy:F4}");

        TrainingReport report = Assert.IsType<TrainingReport>(model.TrainingReport);
        Assert.True(report.FinalCost < 0.1, $"final cost {report.FinalCost}");
        Assert.True(report.FinalCost < report.CostHistory[0]);

        // The probabilities of the whole set agree with the row-by-row predictions.
        float[] probabilities = new float[tumors.Length];
        model.PredictProbabilities(tumors, probabilities);
        for (int i = 0; i < tumors.Length; i++)
        {
            Assert.Equal(model.Predict(in tumors[i]), probabilities[i] >= 0.5f);
        }

        float[] labels = tumors.Select(t => t.Malignant ? 1f : 0f).ToArray();
        BinaryClassificationMetrics metrics = Metrics.Evaluate(probabilities, labels);
        Assert.Equal(accuracy, metrics.Accuracy, 10);

        // The generated Evaluate gives the same metrics in one call, and moves with the threshold.
        BinaryClassificationMetrics evaluated = model.Evaluate(tumors);
        Assert.Equal(metrics.TruePositives, evaluated.TruePositives);
        Assert.Equal(metrics.FalsePositives, evaluated.FalsePositives);
        Assert.Equal(metrics.LogLoss, evaluated.LogLoss, 12);
        Assert.Equal(metrics.RocAuc, evaluated.RocAuc, 12);
        BinaryClassificationMetrics strict = model.Evaluate(tumors, threshold: 0.99f);
        Assert.Equal(probabilities.Count(p => p >= 0.99f), strict.TruePositives + strict.FalsePositives);
        Assert.Throws<ArgumentException>(() => model.Evaluate(ReadOnlySpan<Tumor>.Empty));
    }

    [Fact]
    public void BatchAndRowsTrainTheSameModel()
    {
        Tumor[] tumors = LoadCsv(s_csvPath);
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.5, Epochs = 200, Tolerance = 0, Standardize = true };

        TumorModel fromRows = TumorModel.Train(tumors, options);
        TumorModel fromBatch = TumorModel.Train(TumorModel.Batch.Create(tumors), options);

        TumorModel.FeatureVector a = fromRows.Weights;
        TumorModel.FeatureVector b = fromBatch.Weights;
        Assert.Equal(ModelKits.ToArray(a), ModelKits.ToArray(b));
        Assert.Equal(fromRows.Bias, fromBatch.Bias);
    }

    /// <summary>Reads the CSV (header row, 30 numbers, then the 0/1 label) with the invariant culture.</summary>
    internal static Tumor[] LoadCsv(string path)
    {
        var tumors = new List<Tumor>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            float[] v = line.Split(',').Select(s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(31, v.Length);
            Assert.True(v[30] is 0f or 1f, $"label {v[30]}");
            tumors.Add(new Tumor(
                v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19],
                v[20], v[21], v[22], v[23], v[24], v[25], v[26], v[27], v[28], v[29],
                v[30] == 1f));
        }

        return tumors.ToArray();
    }

    private static string PascalCase(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
