using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>Saving a trained model as JSON and loading it back, and loading into the wrong model.</summary>
public sealed class SaveLoadTests
{
    private static readonly Lazy<Tumor[]> s_tumors = new(() => BreastCancerTests.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")));

    [Fact]
    public void A_saved_model_loads_back_bit_for_bit_and_predicts_the_same()
    {
        Tumor[] tumors = s_tumors.Value;
        TumorModel trained = TumorModel.Train(tumors, new TrainingOptions { C = 1 });

        string json = trained.ToJson();
        TumorModel fromJson = TumorModel.FromJson(json);

        string path = Path.Combine(Path.GetTempPath(), $"logreggen-{Guid.NewGuid():N}.model.json");
        try
        {
            trained.Save(path);
            TumorModel fromFile = TumorModel.Load(path);
            foreach (TumorModel loaded in new[] { fromJson, fromFile })
            {
                Assert.Equal(trained.Bias, loaded.Bias);
                for (int j = 0; j < TumorModel.FeatureCount; j++)
                {
                    Assert.Equal(trained.Weights[j], loaded.Weights[j]);
                }

                Assert.All(tumors.Take(50), t => Assert.Equal(trained.PredictProbability(t), loaded.PredictProbability(t)));
                Assert.Null(loaded.TrainingReport);
            }
        }
        finally
        {
            File.Delete(path);
        }

        // Readable by people and other tools: named fields, the feature names in weight order.
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("TumorModel", root.GetProperty("model").GetString());
        Assert.Equal("Malignant", root.GetProperty("labelName").GetString());
        Assert.Equal(TumorModel.FeatureNames, root.GetProperty("featureNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(30, root.GetProperty("weights").GetArrayLength());
    }

    [Fact]
    public void Loading_into_a_model_with_other_features_is_a_clear_error()
    {
        Row4Model four = new(new float[] { 1, 2, 3, 4 }, 0.5f);
        string json = four.ToJson();

        // Same count, other names: Row4 (X0..X3) into Applicant (Income, Debt, Age, Years).
        InvalidDataException names = Assert.Throws<InvalidDataException>(() => ApplicantModel.FromJson(json));
        Assert.Contains("Feature 0 of the saved model is 'X0' but this model's feature 0 is 'Income'", names.Message, StringComparison.Ordinal);

        // Another count.
        InvalidDataException count = Assert.Throws<InvalidDataException>(() => Row7Model.FromJson(json));
        Assert.Contains("4 features (X0, X1, X2, X3) but this model has 7", count.Message, StringComparison.Ordinal);

        // The same model loads.
        Assert.Equal(3f, Row4Model.FromJson(json).Weights[2]);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("{\"formatVersion\":2,\"featureNames\":[\"X0\",\"X1\",\"X2\",\"X3\"],\"weights\":[1,2,3,4],\"bias\":0}", "format version 2")]
    [InlineData("{\"formatVersion\":1,\"featureNames\":[\"X0\",\"X1\",\"X2\",\"X3\"],\"weights\":[1,2,3],\"bias\":0}", "4 feature names but 3 weights")]
    [InlineData("{\"formatVersion\":1,\"featureNames\":[\"X0\",\"X1\",\"X2\",\"X3\"],\"weights\":[1,2,3,4],\"bias\":\"NaN\"}", "not valid JSON")]
    public void Malformed_files_are_rejected_with_the_reason(string json, string reason)
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => Row4Model.FromJson(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
