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

        Assert.Single(outcome.ModelSources);
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

        GeneratedSource generated = Assert.Single(outcome.ModelSources);
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
    public void TypesWhoseNamesDifferOnlyInCaseGetDistinctHintNames()
    {
        // Roslyn compares hint names ignoring case: Sample.Row and Sample.ROW (also written \u0052ow)
        // once made the generator throw (CS8785), and every model of the project disappeared.
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct \u0052ow(float A, [Label] bool Y);

            [LogisticModel]
            public record struct ROW(float B, [Label] bool Y);

            [LogisticModel]
            public record struct Other(float C, [Label] bool Y);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(3, outcome.ModelSources.Length);
        Assert.Equal(6, outcome.Sources.Select(s => s.HintName).Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.RowModel"));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.ROWModel"));

        // A model whose stem is shared with no other keeps its plain hint name.
        Assert.Contains(outcome.Sources, s => s.HintName == "Sample.Other.LogisticModel.g.cs");
        Assert.Contains(outcome.Sources, s => s.HintName == "Sample.Other.LogisticModel.Kernels.g.cs");
    }

    [Fact]
    public void NestedTypeAndNamespaceTypeWithTheSameDottedNameGetDistinctHintNames()
    {
        // Ab.cD.E (E nested in class cD) and Ab.Cd.E (E in namespace Ab.Cd) have the same stem ignoring case.
        const string source = """
            using LogRegGen;

            namespace Ab
            {
                public static class cD
                {
                    [LogisticModel]
                    public record struct E(float A, [Label] bool Y);
                }
            }

            namespace Ab.Cd
            {
                [LogisticModel]
                public record struct E(float B, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(2, outcome.ModelSources.Length);
        Assert.Equal(4, outcome.Sources.Select(s => s.HintName).Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Ab.EModel"));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Ab.Cd.EModel"));
    }

    [Fact]
    public void NamespacesThatDifferWhereAnUnderscoreMeetsADotGetDistinctKernelNamespaces()
    {
        // Ns._Part and Ns_.Part both once gave the kernels namespace LogRegGen.Generated.Ns___Part_RowModel,
        // so the two Kernels classes collided (CS0101).
        const string source = """
            using LogRegGen;

            namespace Ns._Part
            {
                [LogisticModel]
                public record struct Row(float A, [Label] bool Y);
            }

            namespace Ns_.Part
            {
                [LogisticModel]
                public record struct Row(float B, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(2, outcome.ModelSources.Length);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Ns._Part.RowModel"));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Ns_.Part.RowModel"));
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

        Assert.Equal(2, outcome.ModelSources.Length);
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

        Assert.Single(outcome.ModelSources);
        INamedTypeSymbol model = outcome.OutputCompilation.GetTypeByMetadataName("Sample.MixedModel")!;
        Assert.Equal(1, model.GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue);
        Assert.Contains("\"Kept\"", outcome.ModelSources[0].Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UserTypesNamedLikeWhatTheKernelsUseChangeNothing()
    {
        // The kernels file imports System, System.Runtime.Intrinsics, ... inside a namespace of its own, so
        // these user types (in the model's namespace, and a model class named Unsafe in the global
        // namespace, whose kernel namespace is LogRegGen.Generated.Unsafe) must not change what it binds to.
        const string source = """
            using LogRegGen;

            namespace Sample
            {
                public static class Unsafe { }
                public sealed class Vector256 { }
                public sealed class Vector128 { }
                public sealed class Math { }
                public sealed class MemoryMarshal { }
                public sealed class Span<T> { }
                public sealed class ReadOnlySpan<T> { }
                public sealed class FeatureMatrix { }
                public sealed class KernelSupport { }
                public sealed class Kernels { }
                public sealed class Generated { }

                [LogisticModel]
                public record struct Row(float A, float B, [Label] bool Y);
            }

            [LogisticModel(ModelName = "Unsafe")]
            public record struct Other(float A, [Label] bool Y);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(2, outcome.ModelSources.Length);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("LogRegGen.Generated.Sample_RowModel.Kernels"));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("LogRegGen.Generated.Unsafe.Kernels"));
    }

    [Fact]
    public void KernelNamespacesDoNotMeetWhenNamesHaveUnderscores()
    {
        // A_B.CModel and A.B_CModel would both flatten to A_B_CModel; escaping underscores keeps them apart.
        const string source = """
            using LogRegGen;

            namespace A_B
            {
                [LogisticModel]
                public record struct C(float X, [Label] bool Y);
            }

            namespace A
            {
                [LogisticModel]
                public record struct B_C(float X, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("LogRegGen.Generated.A_0B_CModel.Kernels"));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("LogRegGen.Generated.A_B_0CModel.Kernels"));
    }

    [Fact]
    public void TypesNamedVarChangeNothing()
    {
        // The generated code declares no local with 'var': a type named var in scope (legal, if unkind)
        // would turn each such declaration into one of that type.
        const string source = """
            using LogRegGen;

            public sealed class var { }

            namespace Sample
            {
                public sealed class var { }

                [LogisticModel]
                public record struct Narrow(float A, float B, [Label] bool Y);

                [LogisticModel]
                public record struct Wide(
                    float A0, float A1, float A2, float A3, float A4, float A5, float A6, float A7, float A8,
                    float A9, float A10, float A11, float A12, float A13, float A14, float A15, float A16,
                    [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Equal(2, outcome.ModelSources.Length);
    }

    [Fact]
    public void UserTypesInTheRuntimeNamespaceMakeNoNameAmbiguous()
    {
        // The kernels import the runtime's two types by alias, not 'using LogRegGen;': a user type in
        // namespace LogRegGen named like a System type the kernels use would otherwise be ambiguous (CS0104).
        const string source = """
            using LogRegGen;

            namespace LogRegGen
            {
                public static class Unsafe { }
                public sealed class Vector256 { }
                public sealed class MemoryMarshal { }
                public sealed class Math { }
                public sealed class Span<T> { }
                public sealed class ReadOnlySpan<T> { }
            }

            namespace Sample
            {
                [LogisticModel]
                public record struct Row(float A, float B, float C, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Single(outcome.ModelSources);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(300)]
    public void GeneratedCodeStaysUnderAThousandLinesPerModel(int n)
    {
        // Up to 16 features the kernels are unrolled (the widest such model is the largest, 1,261 lines
        // since the pooled layout of Train(rows), Batch.Rent and Fill); above, the model delegates to the runtime's kernel and names each feature only in
        // ReadFeatures, PredictLogit and FeatureNames, so the code grows by two lines per feature
        // (the data binder of issue 14 adds about 85 lines, an eighth of a line per feature):
        // under 1,090 lines up to n = 100, 3 lines per feature beyond.
        string features = string.Join(", ", Enumerable.Range(0, n).Select(j => $"float F{j}"));
        string source = $$"""
            using LogRegGen;

            namespace Sample
            {
                [LogisticModel]
                public record struct Row({{features}}, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        int lines = outcome.Sources.Sum(s => s.Text.Split('\n').Length - 1);
        int budget = n <= 16 ? 1275 : n <= 100 ? 1150 : 1150 + (3 * (n - 100));
        Assert.True(lines <= budget, $"{lines} generated lines for n = {n}, more than {budget}.");
    }

    [Theory]
    [InlineData(4, 3, "record class", 825)]
    [InlineData(30, 10, "record class", 895)]
    [InlineData(64, 10, "record class", 970)]
    [InlineData(4, 3, "record struct", 800)]
    [InlineData(30, 10, "record struct", 845)]
    [InlineData(64, 10, "record struct", 885)]
    public void MultinomialModelsGrowByTwoLinesPerFeatureAndTwoPerClass(int n, int k, string kind, int budget)
    {
        // One file (no generated kernels): ReadFeatures and ReadColumn name each feature once, ClassIndex and ClassAt
        // each class once (issue 11 asks for the line counts at these (n, K)). A struct of floats has no
        // ReadColumn: the batch predictions read its rows in place.
        string features = string.Join(", ", Enumerable.Range(0, n).Select(j => $"float F{j}"));
        string classes = string.Join(", ", Enumerable.Range(0, k).Select(c => $"C{c}"));
        GeneratorOutcome outcome = GeneratorHarness.Run($$"""
            using LogRegGen;

            namespace Sample
            {
                public enum Kind { {{classes}} }

                [LogisticModel]
                public {{kind}} Row({{features}}, [Label] Kind Y);
            }
            """);

        GeneratedSource file = Assert.Single(outcome.Sources);
        int lines = file.Text.Split('\n').Length - 1;
        Assert.True(lines <= budget, $"{lines} generated lines for (n, K) = ({n}, {k}), more than {budget}.");
        Assert.True(lines >= budget - 60, $"{lines} generated lines for (n, K) = ({n}, {k}): update the budget in the test and in docs/architecture.md.");
    }
}
