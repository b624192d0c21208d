using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// <c>[LogisticModel(WeightsFile = ...)]</c>: the saved weights baked into a nested <c>Pretrained</c>
/// class (snapshot), and LRG019/LRG020 when the file is missing, malformed or for other features.
/// </summary>
public sealed class BakedWeightsTests
{
    private const string Source = """
        using LogRegGen;

        namespace Sample;

        [LogisticModel(WeightsFile = "models/flower.model.json")]
        public readonly record struct Flower(float PetalLength, float PetalWidth, int Stamens, bool Fragrant, [Label] bool Virginica);
        """;

    private const string SavedFlower = """
        {
          "formatVersion": 1,
          "model": "FlowerModel",
          "labelName": "Virginica",
          "featureNames": [ "PetalLength", "PetalWidth", "Stamens", "Fragrant" ],
          "weights": [ 1.5, 4.25, -0.0625, 0.1 ],
          "bias": -11.5
        }
        """;

    [Fact]
    public void Saved_weights_are_baked_in_as_constants()
    {
        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, Compilation output) = Run(Source, ("flower.model.json", SavedFlower));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // Both files: the model with its Pretrained class, and the kernels (which do not depend on the weights).
        Snapshot.VerifyAll(result.Results.Single().GeneratedSources.Select(s => new GeneratedSource(s.HintName, GeneratorHarness.Scrub(s.SourceText.ToString()))));
    }

    [Fact]
    public void Every_name_the_generated_model_declares_is_a_model_name_that_LRG007_rejects()
    {
        // A model named after one of its own members does not compile (CS0542); ModelRules.GeneratedMemberNames
        // must list them all.
        (_, _, Compilation output) = Run(Source, ("flower.model.json", SavedFlower));
        INamedTypeSymbol model = output.GetTypeByMetadataName("Sample.FlowerModel")!;
        string[] declared = model.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName)
            .Select(m => m.Name)
            .Distinct()
            .ToArray();
        Assert.Contains("Batch", declared);
        Assert.Contains("Pretrained", declared);
        Assert.All(declared, name => Assert.False(LogRegGen.Generator.Shared.ModelRules.IsValidModelName(name), name));
    }

    [Fact]
    public void A_weights_file_that_is_not_an_additional_file_is_LRG019()
    {
        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, Compilation output) = Run(Source, ("other.model.json", SavedFlower));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LRG019", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("\"models/flower.model.json\"", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        // Reported on the WeightsFile argument (a location by file and span, as generators report).
        SyntaxTree tree = output.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("WeightsFile = \"models/flower.model.json\"", tree.GetText().ToString(diagnostic.Location.SourceSpan));

        // The model itself is still generated, without the Pretrained class.
        GeneratedSourceResult generated = Assert.Single(result.Results.Single().GeneratedSources, s => !GeneratorHarness.IsKernelsFile(s.HintName));
        Assert.DoesNotContain("class Pretrained", generated.SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "formatVersion": 1, "featureNames": [ "PetalWidth", "PetalLength", "Stamens", "Fragrant" ], "weights": [ 1, 2, 3, 4 ], "bias": 0 }""", "saved for the features (PetalWidth, PetalLength, Stamens, Fragrant) but the model has (PetalLength, PetalWidth, Stamens, Fragrant)")]
    [InlineData("""{ "formatVersion": 1, "featureNames": [ "PetalLength", "PetalWidth", "Stamens", "Fragrant" ], "weights": [ 1, 2, 3 ], "bias": 0 }""", "4 feature names but 3 weights")]
    [InlineData("""{ "formatVersion": 2, "featureNames": [], "weights": [], "bias": 0 }""", "not format version 1")]
    [InlineData("""{ "formatVersion": 1, "featureNames": [ "PetalLength" ], """, "the JSON is not valid")]
    [InlineData("""{ "formatVersion": 1, "featureNames": [ "PetalLength", "PetalWidth", "Stamens", "Fragrant" ], "weights": [ 1, 2, 3, 1e99 ], "bias": 0 }""", "not a finite float")]
    public void A_weights_file_that_does_not_fit_is_LRG020(string json, string reason)
    {
        (ImmutableArray<Diagnostic> diagnostics, _, _) = Run(Source, ("flower.model.json", json));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LRG020", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "", 60_000)]
    [InlineData("{ \"a\": ", "", 10_000)]
    [InlineData("[", "]", 65)]
    public void A_weights_file_of_deeply_nested_arrays_or_objects_is_LRG020_not_a_stack_overflow(string open, string close, int depth)
    {
        // About 60 KB of brackets once overflowed the compiler's stack: the reader recursed without a limit.
        string json = string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));
        (ImmutableArray<Diagnostic> diagnostics, _, _) = Run(Source, ("flower.model.json", json));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LRG020", diagnostic.Id);
        Assert.Contains("nested more than 64 deep", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_model_with_members_nested_up_to_the_limit_is_baked()
    {
        // The saved object is level 1; an unknown member nests arrays and objects down to level 64.
        string extra = string.Concat(Enumerable.Repeat("[{ \"k\": ", 31)) + "[]" + string.Concat(Enumerable.Repeat("}]", 31));
        string json = SavedFlower.Replace("\"bias\": -11.5", "\"extra\": " + extra + ", \"bias\": -11.5", System.StringComparison.Ordinal);
        Assert.Contains("\"extra\"", json, System.StringComparison.Ordinal);
        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, _) = Run(Source, ("flower.model.json", json));
        Assert.Empty(diagnostics);
        string model = result.Results.Single().GeneratedSources.Single(s => !GeneratorHarness.IsKernelsFile(s.HintName)).SourceText.ToString();
        Assert.Contains("public const float Bias = -11.5f;", model, System.StringComparison.Ordinal);
        Assert.Contains("public const float StamensWeight = -0.0625f;", model, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PetalLengthWeight")]
    [InlineData("CreateModel")]
    public void A_model_named_after_a_member_of_Pretrained_compiles(string name)
    {
        // Pretrained declares PetalLengthWeight and CreateModel, and names the model only where a type is expected.
        string source = Source.Replace("WeightsFile = ", "ModelName = \"" + name + "\", WeightsFile = ", System.StringComparison.Ordinal);
        (ImmutableArray<Diagnostic> diagnostics, _, Compilation output) = Run(source, ("flower.model.json", SavedFlower));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(output.GetTypeByMetadataName("Sample." + name + "+Pretrained"));
    }

    [Fact]
    public void A_weights_file_name_with_xml_characters_keeps_the_doc_comments_valid()
    {
        // The file name is written in Pretrained's summary; '&' and '<' once broke the XML (CS1570).
        string source = Source.Replace("models/flower.model.json", "models/a&b<c>.json", System.StringComparison.Ordinal);
        CSharpParseOptions options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        Compilation input = GeneratorHarness.CreateCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new LogisticModelGenerator().AsSourceGenerator() },
            new AdditionalText[] { new InMemoryText("a&b<c>.json", SavedFlower) },
            options);
        driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        // In the generated files (the input itself has no doc comments).
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true));
        string model = output.SyntaxTrees.Last(t => t.FilePath.EndsWith(".LogisticModel.g.cs", System.StringComparison.Ordinal)).ToString();
        Assert.Contains("\"a&amp;b&lt;c&gt;.json\"", model, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_baked_model_cached()
    {
        Compilation input = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryText("flower.model.json", SavedFlower)));
        driver = driver.RunGenerators(input);
        Compilation edited = input.AddSyntaxTrees(GeneratorHarness.ParseTree("public static class Unrelated { }", "Unrelated.cs"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.ParsedWeightsFiles, TrackingNames.WeightsFiles, TrackingNames.ModelsToEmit })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    [Fact]
    public void The_JSON_that_SavedModel_writes_is_baked_exactly()
    {
        // The runtime writes the file and the generator reads it; the key names are one definition (SavedModelFormat).
        string json = new LogRegGen.SavedModel
        {
            Model = "FlowerModel",
            LabelName = "Virginica",
            FeatureNames = new[] { "PetalLength", "PetalWidth", "Stamens", "Fragrant" },
            Weights = new[] { 0.1f, -2.75f, 1e-30f, 3.4028235e38f },
            Bias = -0f,
        }.ToJson();

        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, _) = Run(Source, ("flower.model.json", json));

        Assert.Empty(diagnostics);
        string model = result.Results.Single().GeneratedSources.Single(s => !GeneratorHarness.IsKernelsFile(s.HintName)).SourceText.ToString();
        Assert.Contains("public const float Bias = -0f;", model, System.StringComparison.Ordinal);
        Assert.Contains("public const float PetalLengthWeight = 0.1f;", model, System.StringComparison.Ordinal);
        Assert.Contains("public const float PetalWidthWeight = -2.75f;", model, System.StringComparison.Ordinal);
        Assert.Contains("public const float StamensWeight = 1E-30f;", model, System.StringComparison.Ordinal);
        Assert.Contains("public const float FragrantWeight = 3.4028235E+38f;", model, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Each_weights_file_is_read_once_however_many_models_name_it()
    {
        const string twoModels = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel(WeightsFile = "flower.model.json")]
            public readonly record struct Flower(float PetalLength, float PetalWidth, int Stamens, bool Fragrant, [Label] bool Virginica);

            [LogisticModel(WeightsFile = "models/flower.model.json", ModelName = "SameFeaturesModel")]
            public readonly record struct SameFeatures(float PetalLength, float PetalWidth, int Stamens, bool Fragrant, [Label] bool Virginica);
            """;

        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, _) = Run(twoModels, ("flower.model.json", SavedFlower), ("unrelated.json", "{}"));

        Assert.Empty(diagnostics);
        GeneratorRunResult run = result.Results.Single();
        Assert.Equal(2, run.TrackedSteps[TrackingNames.ParsedWeightsFiles].Length); // one read per file, not per model
        Assert.Equal(2, run.GeneratedSources.Count(s => s.SourceText.ToString().Contains("public const float Bias = -11.5f;", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Moving_a_baked_model_moves_its_diagnostic_but_re_emits_nothing()
    {
        // The WeightsFile location travels only on the diagnostics branch; the code branch compares specs.
        Compilation input = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryText("other.json", SavedFlower)));
        driver = driver.RunGenerators(input);

        SyntaxTree tree = input.SyntaxTrees.Single();
        Compilation moved = input.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("// a comment that moves everything down\n" + tree.GetText())));
        driver = driver.RunGeneratorsAndUpdateCompilation(moved, out _, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        Assert.Equal("LRG019", Assert.Single(diagnostics).Id);
        Assert.Equal(5, Assert.Single(diagnostics).Location.GetLineSpan().StartLinePosition.Line); // was line 4
        foreach (string step in new[] { TrackingNames.ValidModelSpecs, TrackingNames.ModelsToEmit })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        // Three outputs: the model file and the kernels file stay cached; only the diagnostic's output moves.
        IncrementalStepRunReason[] outputs = run.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(3, outputs.Length);
        Assert.Equal(2, outputs.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Modified));
    }

    private const string MultinomialSource = """
        using LogRegGen;

        namespace Sample;

        public enum Species { Setosa, Versicolor, Virginica }

        [LogisticModel(WeightsFile = "iris.model.json")]
        public readonly record struct Iris(float PetalLength, float PetalWidth, [Label] Species Species);
        """;

    private const string SavedIris = """
        {
          "formatVersion": 1,
          "model": "IrisModel",
          "labelName": "Species",
          "featureNames": [ "PetalLength", "PetalWidth" ],
          "weights": [ -2.5, -1, 0.25, 0.5, 2.25, 0.5 ],
          "bias": 0,
          "classNames": [ "Setosa", "Versicolor", "Virginica" ],
          "biases": [ 4, 1.5, -5.5 ]
        }
        """;

    [Fact]
    public void Saved_multinomial_weights_are_baked_in_as_constants()
    {
        (ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult result, Compilation output) = Run(MultinomialSource, ("iris.model.json", SavedIris));
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        GeneratedSourceResult model = Assert.Single(result.Results.Single().GeneratedSources);
        Snapshot.Verify(GeneratorHarness.Scrub(model.SourceText.ToString()), model.HintName);
        Assert.NotNull(output.GetTypeByMetadataName("Sample.IrisModel+Pretrained"));
    }

    [Theory]
    [InlineData(null, "it was saved from a binary model, but this model is multinomial with the classes (Setosa, Versicolor, Virginica)")]
    [InlineData("\"Virginia\"", "it was saved for the classes (Setosa, Versicolor, Virginia) but the model has (Setosa, Versicolor, Virginica)")]
    public void A_multinomial_weights_file_that_does_not_fit_is_LRG020(string? lastClass, string reason)
    {
        string json = lastClass is null
            ? """{ "formatVersion": 1, "featureNames": [ "PetalLength", "PetalWidth" ], "weights": [ 1, 2 ], "bias": 0 }"""
            : SavedIris.Replace("\"Virginica\"", lastClass, System.StringComparison.Ordinal);
        (ImmutableArray<Diagnostic> diagnostics, _, _) = Run(MultinomialSource, ("iris.model.json", json));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LRG020", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_multinomial_weights_file_for_a_binary_model_is_LRG020()
    {
        string json = SavedIris.Replace("\"PetalLength\", \"PetalWidth\"", "\"PetalLength\", \"PetalWidth\", \"Stamens\", \"Fragrant\"", System.StringComparison.Ordinal)
            .Replace("[ -2.5, -1, 0.25, 0.5, 2.25, 0.5 ]", "[ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ]", System.StringComparison.Ordinal);
        (ImmutableArray<Diagnostic> diagnostics, _, _) = Run(Source, ("flower.model.json", json));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LRG020", diagnostic.Id);
        Assert.Contains("saved from a multinomial model with the classes (Setosa, Versicolor, Virginica), but this model is binary", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result, Compilation Output) Run(string source, params (string Path, string Text)[] files)
    {
        Compilation input = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver()
            .AddAdditionalTexts(files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray())
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return (diagnostics, result, output);
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly string _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(_text);
    }
}
