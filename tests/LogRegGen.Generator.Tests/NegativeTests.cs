using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// Types that cannot be modelled are skipped silently: no file, no exception, no diagnostic from the
/// generator, and the rest of the compilation still builds without warnings.
/// </summary>
public sealed class NegativeTests
{
    public static TheoryData<string, string> InvalidModels => new()
    {
        {
            "NoLabel",
            """
            [LogisticModel]
            public record struct NoLabel(float A, float B);
            """
        },
        {
            "TwoLabels",
            """
            [LogisticModel]
            public record struct TwoLabels(float A, [Label] bool B, [Label] bool C);
            """
        },
        {
            "LabelOfUnsupportedType",
            """
            [LogisticModel]
            public record struct TextLabel(float A, [Label] string B);
            """
        },
        {
            "NoFeatures",
            """
            [LogisticModel]
            public record struct OnlyLabel([Label] bool B);
            """
        },
        {
            "GenericType",
            """
            [LogisticModel]
            public record struct Generic<T>(float A, [Label] bool B);
            """
        },
        {
            "TypeNestedInGenericType",
            """
            public class Container<T>
            {
                [LogisticModel]
                public record struct Nested(float A, [Label] bool B);
            }
            """
        },
        {
            "PrivateNestedType",
            """
            public class Container
            {
                [LogisticModel]
                private record struct Hidden(float A, [Label] bool B);

                public static object Make() => new Hidden(1f, true);
            }
            """
        },
        {
            "TypeNestedInFileLocalType",
            """
            file static class Container
            {
                [LogisticModel]
                public record struct Hidden(float A, [Label] bool B);
            }
            """
        },
        {
            "ProtectedNestedType",
            """
            public class Container
            {
                [LogisticModel]
                protected record struct Hidden(float A, [Label] bool B);
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void InvalidModelGeneratesNothing(string name, string declaration)
    {
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            {{declaration}}

            public static class Unrelated
            {
                public static int Twice(int x) => 2 * x;
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.True(outcome.Sources.IsEmpty, $"{name}: expected no output but got {string.Join(", ", outcome.Sources.Select(s => s.HintName))}");
        Assert.Empty(outcome.OutputCompilation.SyntaxTrees.Skip(1));
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.Unrelated"));
    }

    [Fact]
    public void InvalidModelDoesNotStopValidOnes()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct NoLabel(float A, float B);

            [LogisticModel]
            public record struct Good(float A, float B, [Label] bool Y);

            [LogisticModel]
            public record struct TwoLabels(float A, [Label] bool B, [Label] bool C);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        GeneratedSource generated = Assert.Single(outcome.ModelSources);
        Assert.Equal("Sample.Good.LogisticModel.g.cs", generated.HintName);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.GoodModel"));
    }

    [Theory]
    [InlineData("required")]
    [InlineData("file")]
    [InlineData("scoped")]
    [InlineData("record")]
    [InlineData("var")]
    [InlineData("partial")]
    [InlineData("extension")]
    [InlineData("field")]
    [InlineData("dynamic")]
    [InlineData("Batch")]
    [InlineData("FeatureVector")]
    [InlineData("Gradients")]
    [InlineData("TrainingReport")]
    [InlineData("Weights")]
    [InlineData("Predict")]
    [InlineData("Pretrained")]
    [InlineData("emailmodel")]
    [InlineData("m")]
    [InlineData("Good\u200DModel")]
    [InlineData("Email\u00ADModel")]
    public void UnusableModelNameIsSkippedAndTheRestCompiles(string name)
    {
        // Contextual keywords, and the names of the generated class's own members, once became the
        // generated class's name, and the output did not compile; the declaration analyzer reports them as LRG007.
        // So did names of lower-case ASCII letters only, which the compiler warns about as type names (CS8981,
        // an error where warnings are errors), and names with a formatting character (U+200D, U+00AD), which the
        // compiler leaves out, so that "Good\u200DModel" was GoodModel again (CS0101); the fuzz test found those.
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            [LogisticModel(ModelName = "{{name}}")]
            public record struct Email(float Length, [Label] bool Spam);

            [LogisticModel]
            public record struct Good(float A, float B, [Label] bool Y);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        GeneratedSource generated = Assert.Single(outcome.ModelSources);
        Assert.Equal("Sample.Good.LogisticModel.g.cs", generated.HintName);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.GoodModel"));
    }

    public static TheoryData<string, string> ModelNameTakenInTheNamespace => new()
    {
        { "Struct", "namespace Sample { public struct EmailModel { } }" },
        { "Enum", "namespace Sample { public enum EmailModel { None } }" },
        { "StaticClass", "namespace Sample { public static class EmailModel { } }" },
        { "Interface", "namespace Sample { public interface EmailModel { } }" },
        { "Delegate", "namespace Sample { public delegate void EmailModel(); }" },
        { "PartialRecord", "namespace Sample { public partial record EmailModel; }" },
        { "PartialStruct", "namespace Sample { public partial struct EmailModel { } }" },
        { "Namespace", "namespace Sample.EmailModel { public static class Helpers { } }" },
        { "TheRowOfAnotherModel", "namespace Sample { [LogisticModel] public record struct EmailModel(float A, [Label] bool Y); }" },
    };

    [Theory]
    [MemberData(nameof(ModelNameTakenInTheNamespace))]
    public void ModelNameTakenInTheNamespaceIsSkippedAndTheRestCompiles(string kind, string declaration)
    {
        // The generator once emitted the model anyway: the declaration analyzer reported LRG008, and the
        // compiler a duplicate definition (CS0101) or a broken merge inside the generated file. The fuzz
        // test found it; now the generator skips the model, as it does for two models of one name.
        string source = $$"""
            using LogRegGen;

            {{declaration}}

            namespace Sample
            {
                public static partial class Holder
                {
                    [LogisticModel(ModelName = "EmailModel")]
                    public record struct Email(float Length, [Label] bool Spam);
                }

                [LogisticModel]
                public record struct Good(float A, float B, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.False(
            outcome.ModelSources.Any(s => s.HintName.Contains("Email.", System.StringComparison.Ordinal)),
            $"{kind}: the model of Email was generated");
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.GoodModel"));
    }

    [Fact]
    public void NoAttributeGeneratesNothing()
    {
        const string source = """
            namespace Sample;

            public record struct Plain(float A, [LogRegGen.Label] bool B);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(outcome.Sources);
        GeneratorRunResult result = Assert.Single(outcome.RunResult.Results);
        Assert.Null(result.Exception);
    }
}
