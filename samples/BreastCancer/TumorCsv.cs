using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace BreastCancer;

/// <summary>
/// Reads the breast cancer CSV: a header row, then one tumor per line with the 30 features in
/// <see cref="TumorModel.FeatureNames"/> order followed by the label (1 = malignant, 0 = benign).
/// Numbers are parsed with the invariant culture, so the file reads the same on every machine.
/// </summary>
internal static class TumorCsv
{
    private const char Separator = ',';

    public static Tumor[] Load(string path)
    {
        string file = Path.GetFileName(path);
        using var reader = new StreamReader(path);

        string header = reader.ReadLine()
            ?? throw new DataFileException(file, 1, null, "the file is empty; expected a header row.");
        string[] columns = header.Split(Separator);
        CheckHeader(file, columns);

        var tumors = new List<Tumor>();
        var features = new float[TumorModel.FeatureCount];
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(Separator);
            if (fields.Length != columns.Length)
            {
                throw new DataFileException(file, lineNumber, null,
                    $"expected {columns.Length} comma-separated values but found {fields.Length}.");
            }

            for (int j = 0; j < features.Length; j++)
            {
                if (!float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
                    || !float.IsFinite(value))
                {
                    throw new DataFileException(file, lineNumber, Describe(columns, j),
                        $"'{fields[j]}' is not a finite number.");
                }

                features[j] = value;
            }

            int labelColumn = features.Length;
            bool malignant = fields[labelColumn].Trim() switch
            {
                "1" => true,
                "0" => false,
                _ => throw new DataFileException(file, lineNumber, Describe(columns, labelColumn),
                    $"'{fields[labelColumn]}' is not a label; expected 1 (malignant) or 0 (benign)."),
            };

            tumors.Add(Create(features, malignant));
        }

        if (tumors.Count == 0)
        {
            throw new DataFileException(file, lineNumber, null, "the file has a header but no data rows.");
        }

        return tumors.ToArray();
    }

    /// <summary>
    /// Checks that the columns are the model's features and label, in the same order, so a
    /// reordered or different file fails loudly instead of training on shuffled features.
    /// </summary>
    private static void CheckHeader(string file, string[] columns)
    {
        int expected = TumorModel.FeatureCount + 1;
        if (columns.Length != expected)
        {
            throw new DataFileException(file, 1, null,
                $"expected {expected} columns ({TumorModel.FeatureCount} features and the label) but found {columns.Length}.");
        }

        for (int j = 0; j < columns.Length; j++)
        {
            string wanted = j < TumorModel.FeatureCount ? TumorModel.FeatureNames[j] : TumorModel.LabelName;
            if (!string.Equals(ToPascalCase(columns[j]), wanted, StringComparison.Ordinal))
            {
                throw new DataFileException(file, 1, Describe(columns, j),
                    $"expected the column for '{wanted}' but found '{columns[j].Trim()}'.");
            }
        }
    }

    private static string Describe(string[] columns, int index) => $"{index + 1} ({columns[index].Trim()})";

    /// <summary><c>mean_concave_points</c> becomes <c>MeanConcavePoints</c>.</summary>
    private static string ToPascalCase(string column)
    {
        string[] words = column.Trim().Split('_', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = char.ToUpperInvariant(words[i][0]) + words[i][1..];
        }

        return string.Concat(words);
    }

    private static Tumor Create(float[] f, bool malignant) => new(
        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
        f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18], f[19],
        f[20], f[21], f[22], f[23], f[24], f[25], f[26], f[27], f[28], f[29],
        malignant);
}

/// <summary>A malformed data file, with the line and (when known) the column at fault.</summary>
internal sealed class DataFileException(string file, int line, string? column, string problem)
    : Exception(column is null
        ? $"{file}, line {line}: {problem}"
        : $"{file}, line {line}, column {column}: {problem}")
{
    public int Line { get; } = line;

    public string? Column { get; } = column;
}
