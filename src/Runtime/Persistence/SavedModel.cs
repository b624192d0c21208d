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

    /// <summary>The bias b (0 in a multinomial model, which has <see cref="Biases"/>).</summary>
    [JsonPropertyName(SavedModelFormat.BiasKey)]
    public float Bias { get; init; }

    /// <summary>
    /// A multinomial model's K class names, in the order of its weight rows; null for a binary model.
    /// With them, <see cref="Weights"/> holds K rows of n weights (class by class) and <see cref="Biases"/> the K intercepts.
    /// </summary>
    [JsonPropertyName(SavedModelFormat.ClassNamesKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? ClassNames { get; init; }

    /// <summary>A multinomial model's K intercepts; null for a binary model.</summary>
    [JsonPropertyName(SavedModelFormat.BiasesKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? Biases { get; init; }

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
        return Check(Deserialize(() => JsonSerializer.Deserialize(stream, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames, null);
    }

    /// <summary>
    /// Reads a saved multinomial model and checks it against the features and the classes (names and
    /// order) of the model it is meant for.
    /// </summary>
    /// <param name="stream">The JSON; left open.</param>
    /// <param name="expectedFeatureNames">The feature names of the model being loaded, in weight order.</param>
    /// <param name="expectedClassNames">Its class names, in the order of its weight rows.</param>
    /// <returns>The saved model.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed, inconsistent, binary, or for other features or classes.</exception>
    public static SavedModel Read(Stream stream, IReadOnlyList<string> expectedFeatureNames, IReadOnlyList<string> expectedClassNames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(expectedClassNames);
        return Check(Deserialize(() => JsonSerializer.Deserialize(stream, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames, expectedClassNames);
    }

    /// <summary>Reads a saved multinomial model from JSON text and checks it (see <see cref="Read(Stream, IReadOnlyList{string}, IReadOnlyList{string})"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="expectedFeatureNames">The feature names of the model being loaded.</param>
    /// <param name="expectedClassNames">Its class names.</param>
    /// <returns>The saved model.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed or does not fit the model.</exception>
    public static SavedModel Parse(string json, IReadOnlyList<string> expectedFeatureNames, IReadOnlyList<string> expectedClassNames)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(expectedClassNames);
        return Check(Deserialize(() => JsonSerializer.Deserialize(json, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames, expectedClassNames);
    }

    /// <summary>Reads a saved model from JSON text and checks it (see <see cref="Read(Stream, IReadOnlyList{string})"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="expectedFeatureNames">The feature names of the model being loaded, in weight order.</param>
    /// <returns>The saved model.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed or does not fit the model.</exception>
    public static SavedModel Parse(string json, IReadOnlyList<string> expectedFeatureNames)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Check(Deserialize(() => JsonSerializer.Deserialize(json, SavedModelJsonContext.Default.SavedModel)), expectedFeatureNames, null);
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

    private static SavedModel Check(SavedModel? model, IReadOnlyList<string> expected, IReadOnlyList<string>? expectedClasses)
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
        int rows = CheckClasses(model, expectedClasses);
        if (weights.Length != rows * names.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model is inconsistent: {names.Length} feature names{(rows > 1 ? $" and {rows} classes" : string.Empty)} but {weights.Length} weights."));
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
                string where = rows > 1 ? $"'{names[j % names.Length]}' for class '{model.ClassNames![j / names.Length]}'" : $"'{names[j]}'";
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The weight of {where} in the saved model is {weights[j]}; weights must be finite."));
            }
        }

        foreach (float bias in model.Biases ?? [model.Bias])
        {
            if (!float.IsFinite(bias))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"A bias in the saved model is {bias}; it must be finite."));
            }
        }

        return model;
    }

    /// <summary>
    /// Checks the classes of a multinomial file against the model's (or that a binary model's file
    /// has none); returns the number of weight rows: K, or 1 for a binary model.
    /// </summary>
    private static int CheckClasses(SavedModel model, IReadOnlyList<string>? expected)
    {
        string[]? classes = model.ClassNames;
        if (expected is null)
        {
            if (classes is not null || model.Biases is not null)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The saved model is multinomial (classes {string.Join(", ", classes ?? [])}) but this model is binary."));
            }

            return 1;
        }

        if (classes is null)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model is binary but this model has {expected.Count} classes ({string.Join(", ", expected)})."));
        }

        if (model.Biases is null || model.Biases.Length != classes.Length)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model is inconsistent: {classes.Length} class names but {model.Biases?.Length ?? 0} biases."));
        }

        bool same = classes.Length == expected.Count;
        for (int k = 0; same && k < classes.Length; k++)
        {
            same = string.Equals(classes[k], expected[k], StringComparison.Ordinal);
        }

        if (!same)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The saved model has the classes {string.Join(", ", classes)} but this model has {string.Join(", ", expected)} (names and order must match); it was saved from another label type."));
        }

        return classes.Length;
    }
}

/// <summary>The System.Text.Json source-generated serializer for <see cref="SavedModel"/> (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SavedModel))]
internal sealed partial class SavedModelJsonContext : JsonSerializerContext
{
}
