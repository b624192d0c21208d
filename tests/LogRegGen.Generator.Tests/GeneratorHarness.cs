using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>One generated file: its hint name and text.</summary>
internal sealed record GeneratedSource(string HintName, string Text);

/// <summary>The outcome of running the generator over a compilation.</summary>
internal sealed record GeneratorOutcome(
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    Compilation OutputCompilation,
    ImmutableArray<GeneratedSource> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    /// <summary>The model files (<c>….LogisticModel.g.cs</c>), one per model, without their kernels files.</summary>
    public ImmutableArray<GeneratedSource> ModelSources =>
        Sources.Where(s => !GeneratorHarness.IsKernelsFile(s.HintName)).ToImmutableArray();
}

/// <summary>
/// Compiles test source against the .NET 8 reference assemblies and the LogRegGen runtime, runs
/// <see cref="LogisticModelGenerator"/> with step tracking, and checks that nothing went wrong.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> s_references =
        Basic.Reference.Assemblies.Net80.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(LogRegGen.LogisticModelAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>The .NET 8 reference assemblies and the LogRegGen runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references;

    /// <summary>Warnings are errors, as in the repository's own build.</summary>
    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error);

    private static readonly Regex s_version = new(
        "(GeneratedCode\\(\"LogRegGen\\.Generator\", \")[^\"]*(\")",
        RegexOptions.CultureInvariant);

    /// <summary>The suffix of the second file of each model, which holds its SIMD kernels.</summary>
    public const string KernelsSuffix = ".LogisticModel.Kernels.g.cs";

    /// <summary>Whether a model file is a multinomial model's (its header says so).</summary>
    public static bool IsMultinomial(GeneratedSource source) =>
        source.Text.Contains("// LogRegGen: multinomial logistic regression", StringComparison.Ordinal);

    public static bool IsKernelsFile(string hintName) => hintName.EndsWith(KernelsSuffix, StringComparison.Ordinal);

    /// <summary>The kernels file that goes with a model file.</summary>
    public static string KernelsHintName(string modelHintName) =>
        modelHintName[..^".LogisticModel.g.cs".Length] + KernelsSuffix;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "LogRegGen.GeneratorTestInput",
            sources.Select((source, i) => ParseTree(source, $"Input{i}.cs")),
            s_references,
            s_options);

    public static SyntaxTree ParseTree(string source, string path = "Input.cs") =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new LogisticModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Asserts that the input compiles on its own, runs the generator, and asserts that the generator
    /// threw nothing, reported nothing, and that the updated compilation emits with no diagnostic of
    /// warning severity or above.
    /// </summary>
    public static GeneratorOutcome Run(params string[] sources)
    {
        CSharpCompilation input = CreateCompilation(sources);
        AssertNoProblems(input.GetDiagnostics(), "input (before generation)");
        return Run(CreateDriver(), input);
    }

    public static GeneratorOutcome Run(GeneratorDriver driver, Compilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult runResult = driver.GetRunResult();

        GeneratorRunResult result = Assert.Single(runResult.Results);
        Assert.True(result.Exception is null, $"The generator threw: {result.Exception}");
        Assert.True(generatorDiagnostics.IsEmpty, "The generator reported: " + Describe(generatorDiagnostics));

        ImmutableArray<Diagnostic> compilationDiagnostics = output.GetDiagnostics();
        AssertNoProblems(compilationDiagnostics, "output compilation");

        using (var stream = new MemoryStream())
        {
            EmitResult emit = output.Emit(stream);
            Assert.True(emit.Success, "Emit failed: " + Describe(emit.Diagnostics));
            AssertNoProblems(emit.Diagnostics, "emit");
        }

        ImmutableArray<GeneratedSource> sources = result.GeneratedSources
            .Select(s => new GeneratedSource(s.HintName, Scrub(s.SourceText.ToString())))
            .ToImmutableArray();

        // Every binary model comes as two files, the API and its kernels; a multinomial model (an enum
        // label) as one, since it trains on the runtime's multinomial passes.
        Assert.Equal(
            sources.Where(s => !IsKernelsFile(s.HintName) && !IsMultinomial(s)).Select(s => KernelsHintName(s.HintName)).OrderBy(h => h, StringComparer.Ordinal),
            sources.Where(s => IsKernelsFile(s.HintName)).Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));

        return new GeneratorOutcome(driver, runResult, output, sources, generatorDiagnostics, compilationDiagnostics);
    }

    /// <summary>
    /// Runs the generator over <paramref name="declarations"/> in namespace <c>Sample</c> next to a valid
    /// row type <c>Good</c>, and asserts that the only model generated is <c>Good</c>'s, and that the
    /// output compiles (the declarations get no model, and break nothing).
    /// </summary>
    public static GeneratorOutcome RunExpectingOnlyTheGoodModel(string declarations)
    {
        GeneratorOutcome outcome = Run(WithGoodModel(declarations));
        Assert.Equal("Sample.Good.LogisticModel.g.cs", Assert.Single(outcome.ModelSources).HintName);
        return outcome;
    }

    /// <summary><paramref name="declarations"/> after a valid row type <c>Sample.Good</c>.</summary>
    public static string WithGoodModel(string declarations) => $$"""
        using LogRegGen;

        namespace Sample
        {
            [LogisticModel]
            public record struct Good(float A, [Label] bool Y);
        }

        {{declarations}}
        """;

    /// <summary>Replaces the generator's version in <c>[GeneratedCode]</c> and normalizes line endings.</summary>
    public static string Scrub(string text) =>
        s_version.Replace(Snapshot.NormalizeLineEndings(text), "${1}VERSION${2}");

    private static void AssertNoProblems(IEnumerable<Diagnostic> diagnostics, string what)
    {
        List<Diagnostic> problems = diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .ToList();
        Assert.True(problems.Count == 0, $"Diagnostics in the {what}:\n{Describe(problems)}");
    }

    /// <summary>The first diagnostics, one a line (a broken output can produce hundreds).</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        List<Diagnostic> list = diagnostics.ToList();
        string text = string.Join("\n", list.Take(15).Select(d => d.ToString()));
        return list.Count > 15 ? text + $"\n... and {list.Count - 15} more" : text;
    }
}
