using System.Linq;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// When the generated multinomial model reads a span of rows in place as a row-major float matrix
/// (<c>MultinomialMath.RowProbabilities</c>) and when it lays each row out through its members
/// (<c>ReadColumn</c>): in place only where the layout is certain, since a wrong guess would read the
/// wrong numbers without any error.
/// </summary>
public class RowLayoutTests
{
    [Theory]
    [InlineData("public record struct Row(float A, float B, [Label] Kind Y);", 0)]
    [InlineData("public readonly record struct Row([property: Label] Kind Y, float A, float B);", 1)]
    [InlineData("public struct Row { [Label] public Kind Y; public float B; public float A; }", 1)]
    [InlineData("public struct Row { public float A { get; set; } public float B { get; init; } [Label] public Kind Y { get; set; } }", 0)]
    [InlineData("[StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Row { public int Id; public float A; public float B; [Label] public Kind Y; }", null)]
    [InlineData("[StructLayout(LayoutKind.Sequential)] public struct Row { [Ignore] public int Id; public float A; public float B; [Label] public Kind Y; }", 1)]
    [InlineData("[StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Row { [Ignore] public int Id; public float A; public float B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { [Ignore] public long Id; public float A; public float B; [Label] public Kind Y; }", 2)]
    [InlineData("public struct Row { [Ignore] public bool Seen; public float A; public float B; [Label] public Kind Y; }", 1)]
    [InlineData("public record class Row(float A, float B, [Label] Kind Y);", null)]
    [InlineData("public sealed class Row { public float A; public float B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; public double B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; [Ignore] public long Id; public float B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; public float B; [Label] public Kind Y; [Ignore] public bool Seen; }", 0)]
    [InlineData("public struct Row { public float A; public float B; [Label] public Kind Y; [Ignore] public decimal Price; }", null)]
    [InlineData("public struct Row { public float A; public float B; [Label] public Kind Y; [Ignore] public string Name; }", null)]
    [InlineData("public struct Row { public float A; [Ignore] public float Note; public float B; [Label] public Kind Y; }", null)]
    [InlineData("[StructLayout(LayoutKind.Auto)] public struct Row { public float A; public float B; [Label] public Kind Y; }", null)]
    [InlineData("[StructLayout(LayoutKind.Explicit)] public struct Row { [FieldOffset(4)] public float A; [FieldOffset(0)] public float B; [FieldOffset(8)] [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { private float _b; public float A { get; set; } public float B { get => _b; set => _b = value; } [Label] public Kind Y { get; set; } }", null)]
    [InlineData("public record struct Row(float A, float B, [Label] Kind Y) { public float Sum => A + B; }", null)]
    [InlineData("public struct Row(float a, float b) { public float A = a; public float B = b; [Label] public Kind Y; }", null)]
    [InlineData("public partial struct Row { public float A; public float B; [Label] public Kind Y; } public partial struct Row { public readonly float Sum() => A + B; }", null)]
    public void Rows_are_read_in_place_only_when_their_features_are_contiguous_floats(string declaration, int? offset)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run($$"""
            using System.Runtime.InteropServices;
            using LogRegGen;

            namespace Sample;

            public enum Kind { A, B, C }

            [LogisticModel]
            {{declaration}}
            """);

        string model = Assert.Single(outcome.Sources).Text;
        if (offset is int first)
        {
            Assert.Contains("MultinomialMath.RowProbabilities(Weights, Biases, x, stride, rows.Length, destination, maxDegreeOfParallelism);", model, System.StringComparison.Ordinal);
            Assert.Contains(first == 0 ? "MemoryMarshal.Cast<global::Sample.Row, float>(rows);" : $"MemoryMarshal.Cast<global::Sample.Row, float>(rows).Slice({first});", model, System.StringComparison.Ordinal);
            Assert.DoesNotContain("ReadColumn", model, System.StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("RowProbabilities", model, System.StringComparison.Ordinal);
            Assert.Contains("ReadColumn(in rows[start + i]", model, System.StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("public record struct Row(float A, float B, float C, float D, float E, float F, float G, float H, [Label] bool Y);", true)]
    [InlineData("public struct Row { [Label] public int Y; public float A, B, C, D, E, F, G, H, I; }", true)]
    [InlineData("public record struct Row(float A, float B, float C, float D) { public float E; public float F; public float G; public float H { get; set; } [Label] public bool Y { get; set; } }", true)]
    [InlineData("public record struct Row(float A, float B, float C, float D, float E, float F, float G, [Label] bool Y);", false)]
    [InlineData("public record class Row(float A, float B, float C, float D, float E, float F, float G, float H, [Label] bool Y);", false)]
    [InlineData("public struct Row { public float A, B, C, D, E, F, G; public double H; [Label] public bool Y; }", false)]
    public void Binary_models_read_rows_in_place_by_the_same_rule_from_eight_features(string declaration, bool inPlace)
    {
        // Below eight features the unrolled per-row loop is faster than the transpose (docs/performance.md).
        GeneratorOutcome outcome = GeneratorHarness.Run($$"""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            {{declaration}}
            """);

        string model = outcome.Sources.Single(s => !GeneratorHarness.IsKernelsFile(s.HintName)).Text;
        Assert.Equal(inPlace, model.Contains("LogisticMath.RowProbabilities(Weights, Bias, x,", System.StringComparison.Ordinal));
        Assert.Equal(!inPlace, model.Contains("probabilities[i] = PredictLogit(in rows[i]);", System.StringComparison.Ordinal));
    }
}
