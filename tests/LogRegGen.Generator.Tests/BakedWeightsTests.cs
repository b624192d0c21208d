using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
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

    [Fact]
    public void An_unrelated_edit_leaves_the_baked_model_cached()
    {
        Compilation input = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryText("flower.model.json", SavedFlower)));
        driver = driver.RunGenerators(input);
        Compilation edited = input.AddSyntaxTrees(GeneratorHarness.ParseTree("public static class Unrelated { }", "Unrelated.cs"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.WeightsFiles, TrackingNames.ModelsToEmit })
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
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
