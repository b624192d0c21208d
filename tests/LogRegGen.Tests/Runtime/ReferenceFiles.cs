using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LogRegGen.Tests.Generated;
using Sylvan.Data.Csv;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>What the issue-15 tests against committed reference scripts share: the data, the JSON, the comparison.</summary>
internal static class ReferenceFiles
{
    private static readonly Lazy<Tumor[]> s_tumors = new(() => TumorModel.ReadRows(CsvDataReader.Create(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"))));

    /// <summary>breast_cancer.csv read through the binder.</summary>
    public static Tumor[] Tumors => s_tumors.Value;

    /// <summary>A JSON file of Reference/, parsed.</summary>
    public static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", name)));

    /// <summary>A number array property (or one number) as doubles.</summary>
    public static double[] Doubles(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => e.GetDouble()).ToArray() : [element.GetProperty(name).GetDouble()];

    /// <summary>A model's floats as doubles.</summary>
    public static double[] Widen(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Each value within <paramref name="tolerance"/> of the reference, relative to its size (at least 1e-3 of the largest reference value).</summary>
    public static void AssertRelative(double[] expected, double[] actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= tolerance * Math.Max(Math.Abs(expected[j]), 1e-3 * scale), $"[{j}]: {actual[j]} against {expected[j]}");
        }
    }
}
