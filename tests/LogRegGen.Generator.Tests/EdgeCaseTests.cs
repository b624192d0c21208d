using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>Inputs that are valid C# but unusual: the generator must not throw or emit broken code.</summary>
public sealed class EdgeCaseTests
{
    [Fact]
    public void KeywordMemberNamesAreEscaped()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Keywords(float @class, float @event, [Label] bool @bool);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Single(outcome.Sources);
        INamedTypeSymbol model = outcome.OutputCompilation.GetTypeByMetadataName("Sample.KeywordsModel")!;
        Assert.Equal(2, model.GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue);
        Assert.Equal("bool", model.GetMembers("LabelName").OfType<IFieldSymbol>().Single().ConstantValue);
    }

    [Fact]
    public void KeywordNamespaceGivesAValidHintName()
    {
        // A namespace segment that is a keyword is written @class in C#; a hint name cannot contain '@'.
        const string source = """
            using LogRegGen;

            namespace @class.Sample;

            [LogisticModel]
            public record struct Row(float A, [Label] bool Y);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        GeneratedSource generated = Assert.Single(outcome.Sources);
        Assert.DoesNotContain("@", generated.HintName, System.StringComparison.Ordinal);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("class.Sample.RowModel"));
    }

    [Fact]
    public void NestedTypesWithTheSameNameDoNotProduceConflictingModels()
    {
        // Both models would be Sample.ScanModel. Whatever the generator does about it (skip one, report,
        // or pick distinct names), it must not emit code that fails to compile.
        const string source = """
            using LogRegGen;

            namespace Sample;

            public static class Lungs
            {
                [LogisticModel]
                public record struct Scan(float Density, [Label] bool Y);
            }

            public static class Brain
            {
                [LogisticModel]
                public record struct Scan(float Volume, [Label] bool Y);
            }
            """;

        GeneratorHarness.Run(source);
    }

    [Fact]
    public void ModelsOfABaseAndADerivedRowTypeAreIndependent()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public class Basic
            {
                public float A { get; set; }
                [Label] public bool Y { get; set; }
            }

            [LogisticModel]
            public sealed class Extended : Basic
            {
                public float B { get; set; }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(2, outcome.Sources.Length);
        Assert.Equal(1, outcome.OutputCompilation.GetTypeByMetadataName("Sample.BasicModel")!.GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue);
        Assert.Equal(2, outcome.OutputCompilation.GetTypeByMetadataName("Sample.ExtendedModel")!.GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue);
    }

    [Fact]
    public void MembersThatAreNotFeaturesAreLeftOut()
    {
        // Nullable numbers, enums, decimal, write-only and static members are not features.
        const string source = """
            using LogRegGen;

            namespace Sample;

            public enum Kind { A, B }

            [LogisticModel]
            public sealed class Mixed
            {
                public static float Shared { get; set; }
                public float? Maybe { get; set; }
                public Kind Kind { get; set; }
                public decimal Money { get; set; }
                public float WriteOnly { set { } }
                public float Kept { get; private set; }
                [Label] public bool Y { get; set; }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Single(outcome.Sources);
        INamedTypeSymbol model = outcome.OutputCompilation.GetTypeByMetadataName("Sample.MixedModel")!;
        Assert.Equal(1, model.GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue);
        Assert.Contains("\"Kept\"", outcome.Sources[0].Text, System.StringComparison.Ordinal);
    }
}
