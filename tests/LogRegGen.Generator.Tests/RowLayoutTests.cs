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
    [InlineData("[StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Row { [Ignore] public int Id; public float A; public float B; [Label] public Kind Y; }", 1)]
    [InlineData("public record class Row(float A, float B, [Label] Kind Y);", null)]
    [InlineData("public sealed class Row { public float A; public float B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; public double B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; [Ignore] public long Id; public float B; [Label] public Kind Y; }", null)]
    [InlineData("public struct Row { public float A; public float B; [Label] public Kind Y; [Ignore] public bool Seen; }", null)]
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
            Assert.Contains("MultinomialMath.RowProbabilities(Weights, Biases, x, stride, rows.Length, destination);", model, System.StringComparison.Ordinal);
            Assert.Contains(first == 0 ? "MemoryMarshal.Cast<global::Sample.Row, float>(rows);" : $"MemoryMarshal.Cast<global::Sample.Row, float>(rows).Slice({first});", model, System.StringComparison.Ordinal);
            Assert.DoesNotContain("ReadColumn", model, System.StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("RowProbabilities", model, System.StringComparison.Ordinal);
            Assert.Contains("ReadColumn(in rows[start + i]", model, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Binary_models_keep_their_batch_path()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Row(float A, float B, [Label] bool Y);
            """);

        Assert.DoesNotContain(outcome.Sources, s => s.Text.Contains("RowProbabilities", System.StringComparison.Ordinal));
    }
}
