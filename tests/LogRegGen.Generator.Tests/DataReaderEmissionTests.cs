using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// The generated data binder (issue 14): <c>ReadRows</c> only where generated code can create a row
/// from exactly its features and label, <c>Batch.Read</c> and the column names always; every output
/// compiles warning-free (the harness checks).
/// </summary>
public sealed class DataReaderEmissionTests
{
    [Theory]
    // A positional record, a constructor in another order, settable members, init-only ones.
    [InlineData("public readonly record struct Row(float A, int B, [Label] bool Y);", true)]
    [InlineData("public sealed class Row { public Row(bool y, int b, float a) { A = a; B = b; Y = y; } public float A { get; } public int B { get; } [Label] public bool Y { get; } }", true)]
    [InlineData("public struct Row { public float A; public int B; [Label] public bool Y; }", true)]
    [InlineData("public sealed class Row { public float A { get; init; } public int B { get; init; } [Label] public bool Y { get; init; } }", true)]
    // A record whose constructor also takes an ignored member; read-only members without a matching
    // constructor; another required member; a constructor that is not visible; an obsolete one.
    [InlineData("public readonly record struct Row(float A, int B, [Ignore] string Name, [Label] bool Y);", false)]
    [InlineData("public sealed class Row { public float A { get; } public int B { get; } [Label] public bool Y { get; } }", false)]
    [InlineData("public sealed class Row { public float A { get; set; } public int B { get; set; } [Label] public bool Y { get; set; } public required string Name { get; set; } }", false)]
    [InlineData("public sealed class Row { private Row(float a, int b, bool y) { A = a; B = b; Y = y; } public float A { get; } public int B { get; } [Label] public bool Y { get; } }", false)]
    [InlineData("public sealed class Row { [System.Obsolete] public Row(float a, int b, bool y) { A = a; B = b; Y = y; } public float A { get; } public int B { get; } [Label] public bool Y { get; } }", false)]
    public void ReadRows_is_generated_exactly_when_a_row_can_be_created_from_its_features_and_label(string declaration, bool expected)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run($$"""
            using LogRegGen;

            namespace Sample
            {
                [LogisticModel]
                {{declaration}}
            }
            """);

        INamedTypeSymbol model = outcome.OutputCompilation.GetTypeByMetadataName("Sample.RowModel")!;
        Assert.Equal(expected, !model.GetMembers("ReadRows").IsEmpty);
        INamedTypeSymbol batch = model.GetTypeMembers("Batch").Single();
        Assert.Single(batch.GetMembers("Read"));
        Assert.Single(model.GetMembers("FeatureColumns"));
        Assert.Single(model.GetMembers("LabelColumn"));
    }

    [Fact]
    public void ColumnName_gives_the_column_of_a_feature_and_of_the_label()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using LogRegGen;

            namespace Sample
            {
                [LogisticModel]
                public readonly record struct Row([ColumnName("sepal length (cm)")] float SepalLength, float Width, [Label, ColumnName("target")] bool Y);
            }
            """);

        string text = outcome.ModelSources.Single().Text;
        Assert.Contains("global::System.Array.AsReadOnly(new string[] { \"sepal length (cm)\", \"Width\" });", text, System.StringComparison.Ordinal);
        Assert.Contains("public const string LabelColumn = \"target\";", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_read_converts_runs_of_one_member_type_in_one_call_or_loop_each()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using LogRegGen;

            namespace Sample
            {
                [LogisticModel]
                public readonly record struct Row(float A, float B, float C, double D, int E, int F, bool G, [Label] int Y);
            }
            """);

        string text = outcome.ModelSources.Single().Text;
        Assert.Contains("columns.GetSingles(0, x.Slice(0, 3));", text, System.StringComparison.Ordinal);
        Assert.Contains("x[3] = (float)columns.GetDouble(3);", text, System.StringComparison.Ordinal);
        Assert.Contains("for (int j = 4; j < 6; j++)", text, System.StringComparison.Ordinal);
        Assert.Contains("x[6] = (columns.GetBoolean(6) ? 1f : 0f);", text, System.StringComparison.Ordinal);
        Assert.Contains("(int)columns.GetBinaryLabel(7)", text, System.StringComparison.Ordinal);
    }
}
