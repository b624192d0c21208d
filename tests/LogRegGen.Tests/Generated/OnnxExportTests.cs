using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>The ONNX export, scored by ONNX Runtime and compared with the model's own predictions.</summary>
public sealed class OnnxExportTests
{
    [Fact]
    public void Onnx_runtime_scores_the_export_as_the_model_does()
    {
        Tumor[] tumors = BreastCancerTests.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
        TumorModel model = TumorModel.Train(tumors, new TrainingOptions { C = 1 });
        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);

        using var session = new InferenceSession(onnx.ToArray());
        Assert.Equal("features", session.InputMetadata.Keys.Single());
        Assert.Equal("probability", session.OutputMetadata.Keys.Single());
        Assert.Equal(string.Join(",", TumorModel.FeatureNames), session.ModelMetadata.CustomMetadataMap["feature_names"]);

        var x = new DenseTensor<float>(new[] { tumors.Length, TumorModel.FeatureCount });
        for (int i = 0; i < tumors.Length; i++)
        {
            TumorModel.FeatureVector features = TumorModel.GetFeatures(tumors[i]);
            for (int j = 0; j < TumorModel.FeatureCount; j++)
            {
                x[i, j] = features[j];
            }
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", x) });
        float[] scored = results.Single().AsEnumerable<float>().ToArray();

        var expected = new float[tumors.Length];
        model.PredictProbabilities(tumors, expected);
        Assert.Equal(tumors.Length, scored.Length);
        for (int i = 0; i < tumors.Length; i++)
        {
            // Different summation orders and sigmoid implementations: equal to float rounding.
            Assert.True(Math.Abs(scored[i] - expected[i]) <= 2e-6f, $"row {i}: ONNX Runtime {scored[i]:R}, model {expected[i]:R}");
        }
    }

    [Fact]
    public void Export_checks_its_arguments()
    {
        Assert.Throws<ArgumentException>(() => OnnxExport.Write(new MemoryStream(), new[] { "a", "b" }, new float[3], 0f, "M"));
        Assert.Throws<ArgumentException>(() => OnnxExport.Write(new MemoryStream(), Array.Empty<string>(), ReadOnlySpan<float>.Empty, 0f, "M"));
        Assert.ThrowsAny<ArgumentException>(() => OnnxExport.Write(new MemoryStream(), new[] { "a" }, new float[1], 0f, ""));
    }
}
