using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LogRegGen;

/// <summary>
/// A trained model as saved to JSON by a generated model's <c>Save</c>/<c>ToJson</c>: the feature
/// names in weight order, the weights and the bias (for raw, unstandardized features), and the
/// label's name. Read with System.Text.Json source generation: no reflection, safe for NativeAOT.
/// </summary>
/// <remarks>
/// Loading checks the file against the model it is loaded into: the same number of features with
/// the same names in the same order. A file saved from another record type is an error, never a
/// model that silently multiplies the wrong features.
/// </remarks>
public sealed class SavedModel
{
    /// <summary>The version of the format this library writes and reads.</summary>
    public const int CurrentFormatVersion = SavedModelFormat.Version;

    /// <summary>The format version; this library reads <see cref="CurrentFormatVersion"/>.</summary>
    [JsonPropertyName(SavedModelFormat.FormatVersionKey)]
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The generated model's name, for people reading the file (not checked on load).</summary>
    [JsonPropertyName(SavedModelFormat.ModelKey)]
    public string? Model { get; init; }

    /// <summary>The name of the label member.</summary>
    [JsonPropertyName(SavedModelFormat.LabelNameKey)]
    public string? LabelName { get; init; }

    /// <summary>The feature names, one per weight.</summary>
    [JsonPropertyName(SavedModelFormat.FeatureNamesKey)]
    public string[] FeatureNames { get; init; } = [];

    /// <summary>The weights w, one per feature, for raw features.</summary>
    [JsonPropertyName(SavedModelFormat.WeightsKey)]
    public float[] Weights { get; init; } = [];

    /// <summary>The bias b.</summary>
    [JsonPropertyName(SavedModelFormat.BiasKey)]
    public float Bias { get; init; }

    /// <summary>Writes the model as indented JSON.</summary>
    /// <param name="stream">Where to write; left open.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, this, SavedModelJsonContext.Default.SavedModel);
    }

    /// <summary>The model as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, SavedModelJsonContext.Default.SavedModel);

    /// <summary>Reads a saved model and checks it against the features of the model it is meant for.</summary>
    /// <param name="stream">The JSON; left open.</param>
    /// <param name="expectedFeatureNames">The feature names of the model being loaded, in weight order.</param>
    /// <returns>The saved model.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed, of another format version, inconsistent, or for other features; the message says what was expected and what was found.</exception>
    public static SavedModel Read(Stream stream, IReadOnlyList<string> expectedFeatureNames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Check(Deserialize(() => JsonSerializer.Deserialize(stream, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames);
    }

    /// <summary>Reads a saved model from JSON text and checks it (see <see cref="Read(Stream, IReadOnlyList{string})"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="expectedFeatureNames">The feature names of the model being loaded, in weight order.</param>
    /// <returns>The saved model.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed or does not fit the model.</exception>
    public static SavedModel Parse(string json, IReadOnlyList<string> expectedFeatureNames)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Check(Deserialize(() => JsonSerializer.Deserialize(json, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames);
    }

    /// <summary>Runs a deserialization, turning malformed JSON into an <see cref="InvalidDataException"/>.</summary>
    private static SavedModel? Deserialize(Func<SavedModel?> deserialize)
    {
        try
        {
            return deserialize();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The saved model is not valid JSON of a LogRegGen model: {e.Message}", e);
        }
    }

    private static SavedModel Check(SavedModel? model, IReadOnlyList<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (model is null)
        {
            throw new InvalidDataException("The saved model is empty (JSON null).");
        }

        if (model.FormatVersion != CurrentFormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model has format version {model.FormatVersion}; this version of LogRegGen reads version {CurrentFormatVersion}."));
        }

        string[] names = model.FeatureNames ?? [];
        float[] weights = model.Weights ?? [];
        if (weights.Length != names.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model is inconsistent: {names.Length} feature names but {weights.Length} weights."));
        }

        if (names.Length != expected.Count)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model has {names.Length} features ({string.Join(", ", names)}) but this model has {expected.Count} ({string.Join(", ", expected)}); it was saved from another record type."));
        }

        for (int j = 0; j < names.Length; j++)
        {
            if (!string.Equals(names[j], expected[j], StringComparison.Ordinal))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Feature {j} of the saved model is '{names[j]}' but this model's feature {j} is '{expected[j]}'; it was saved from another record type or an older version of it."));
            }
        }

        for (int j = 0; j < weights.Length; j++)
        {
            if (!float.IsFinite(weights[j]))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The weight of '{names[j]}' in the saved model is {weights[j]}; weights must be finite."));
            }
        }

        if (!float.IsFinite(model.Bias))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The bias in the saved model is {model.Bias}; it must be finite."));
        }

        return model;
    }
}

/// <summary>The System.Text.Json source-generated serializer for <see cref="SavedModel"/> (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SavedModel))]
internal sealed partial class SavedModelJsonContext : JsonSerializerContext
{
}
