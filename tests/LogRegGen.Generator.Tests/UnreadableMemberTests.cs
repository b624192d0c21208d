using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// Members and row types the generated code cannot name without a warning or an error (obsolete,
/// experimental, hidden in a derived type): the model leaves such members out, and a row type, or a
/// label, of that kind gets no model; either way the output compiles with warnings as errors.
/// </summary>
public sealed class UnreadableMemberTests
{
    [Theory]
    [InlineData("[System.Obsolete]")]
    [InlineData("[System.Obsolete(\"Use B.\")]")]
    [InlineData("[System.Obsolete(\"Use B.\", true)]")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"ROW001\")]")]
    public void ObsoleteOrExperimentalFeatureIsLeftOut(string attribute)
    {
        // These once made the generated code fail: CS0612/CS0618 (warnings, errors with
        // TreatWarningsAsErrors), CS0619, or the experimental diagnostic's own ID.
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public sealed class Reading
            {
                {{attribute}} public float A { get; set; }
                public float B;
                [Label] public bool Y { get; set; }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Single(outcome.ModelSources);
        Assert.Equal(new[] { "B" }, FeatureNames(outcome, "Sample.ReadingModel"));
    }

    [Theory]
    [InlineData("[System.Obsolete]")]
    [InlineData("[System.Obsolete(\"Gone.\", true)]")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"ROW001\")]")]
    public void ObsoleteOrExperimentalLabelGetsNoModel(string attribute) => GeneratorHarness.RunExpectingOnlyTheGoodModel($$"""
        namespace Sample
        {
            [LogisticModel]
            public sealed class Reading
            {
                public float A;
                {{attribute}} [Label] public bool Y { get; set; }
            }
        }
        """);

    [Theory]
    [InlineData("[System.Obsolete, LogisticModel] public record struct Row(float A, [Label] bool Y);")]
    [InlineData("[System.Obsolete(\"Gone.\", true), LogisticModel] public record struct Row(float A, [Label] bool Y);")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"ROW001\"), LogisticModel] public record struct Row(float A, [Label] bool Y);")]
    [InlineData("[System.Obsolete] public static class Outer { [LogisticModel] public record struct Row(float A, [Label] bool Y); }")]
    [InlineData("[System.Obsolete(\"Gone.\", true)] public static class Outer { [LogisticModel] public record struct Row(float A, [Label] bool Y); }")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"ROW001\")] public static class Outer { [LogisticModel] public record struct Row(float A, [Label] bool Y); }")]
    public void ObsoleteOrExperimentalRowTypeGetsNoModel(string declaration) =>
        // The generated code names the row type (and so every type containing it) in every member:
        // CS0612/CS0618, CS0619 or the experimental ID in generated code once broke the build.
        GeneratorHarness.RunExpectingOnlyTheGoodModel("namespace Sample { " + declaration + " }");

    [Theory]
    [InlineData("public new float A() => 100f;")]
    [InlineData("public new static float A = 100f;")]
    [InlineData("public new const float A = 100f;")]
    [InlineData("public new sealed class A { }")]
    [InlineData("internal new string A = \"hidden\";")]
    [InlineData("public new float A { private get => 100f; set { } }")]
    public void BaseFeatureHiddenInTheDerivedRowIsLeftOutAndThePredictionIsRight(string hidingMember)
    {
        // row.A in the generated code bound to the hiding member (a method group, a static, a type, a
        // string) and the output did not compile; the base property A is not readable by name, so it is
        // not a feature, and the model reads B and A2 exactly.
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            public record Base(float A, float B, [property: Label] bool Y);

            [LogisticModel]
            public sealed record Row(float A2, float B, bool Y) : Base(A2, B, Y)
            {
                {{hidingMember}}
            }

            public static class Check
            {
                public static float Logit() => new RowModel(new float[] { 10f, 1f }, 0.5f).PredictLogit(new Row(2f, 3f, true));
            }
            """;

        GeneratorOutcome outcome = RunWithUse(source);

        Assert.Equal(new[] { "B", "A2" }, FeatureNames(outcome, "Sample.RowModel"));
        Assert.Equal(10f * 3f + 1f * 2f + 0.5f, (float)Invoke(outcome.OutputCompilation, "Sample.Check", "Logit")!);
    }

    [Fact]
    public void BaseMemberRedeclaredAsADataMemberIsReadFromTheDerivedRow()
    {
        // A private member of the same name does not hide the base property from the generated code,
        // and a public data member that hides it is the one read.
        const string source = """
            using LogRegGen;

            namespace Sample;

            public record Base(float A, float B, [property: Label] bool Y);

            [LogisticModel]
            public sealed record Row(float B, bool Y) : Base(7f, B, Y)
            {
                private new string A => "private";
                public string Describe() => A;
                public new float B => 2f * base.B;
            }

            public static class Check
            {
                public static float Logit() => new RowModel(new float[] { 1f, 10f }, 0f).PredictLogit(new Row(3f, true));
            }
            """;

        GeneratorOutcome outcome = RunWithUse(source);

        Assert.Equal(new[] { "A", "B" }, FeatureNames(outcome, "Sample.RowModel"));
        Assert.Equal(1f * 7f + 10f * 6f, (float)Invoke(outcome.OutputCompilation, "Sample.Check", "Logit")!);
    }

    private static string[] FeatureNames(GeneratorOutcome outcome, string model)
    {
        INamedTypeSymbol type = outcome.OutputCompilation.GetTypeByMetadataName(model)!;
        Assert.NotNull(type);
        string text = outcome.ModelSources.Single(s => s.Text.Contains($"partial class {model[(model.LastIndexOf('.') + 1)..]}", StringComparison.Ordinal)).Text;
        string[] lines = text.Split('\n');
        string line = lines[Array.FindIndex(lines, l => l.Contains(" FeatureNames { get; } =", StringComparison.Ordinal)) + 1];
        return line[(line.IndexOf('{') + 1)..line.LastIndexOf('}')].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Trim('"')).ToArray();
    }

    /// <summary>Runs the generator over source that uses the model (so it compiles only once the model exists).</summary>
    private static GeneratorOutcome RunWithUse(string source) =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.CreateCompilation(source));

    /// <summary>Emits the output compilation, loads it into a collectible context and calls a static method.</summary>
    private static object? Invoke(Compilation compilation, string typeName, string method)
    {
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        stream.Position = 0;
        var context = new AssemblyLoadContext("UnreadableMemberTests", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(stream);
            return assembly.GetType(typeName, throwOnError: true)!.GetMethod(method)!.Invoke(null, null);
        }
        finally
        {
            context.Unload();
        }
    }
}
