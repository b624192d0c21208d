using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using LogRegGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LogRegGen.Generator.Tests.Fuzz;

/// <summary>What one case gave: its failures (empty when it passed) and what the statistics count.</summary>
internal sealed record FuzzResult(
    FuzzCase Case,
    ImmutableArray<string> Failures,
    bool UserCodeCompiles,
    ImmutableArray<string> UserErrorIds,
    int Rows,
    int Models,
    int ModelsWithErrors,
    TimeSpan Elapsed);

/// <summary>
/// Runs the generator and the analyzers over one fuzz case, as a build does, and checks that
/// (a) the generator throws nothing; (b) where the user's code compiles on its own, the generated code
/// adds no diagnostic of warning severity or above, anywhere; (c) every <c>[LogisticModel]</c> type gets a
/// model or an LRG error; (d) no analyzer throws.
/// </summary>
internal static class FuzzCaseChecker
{
    private const string LogisticModelAttribute = "LogRegGen.LogisticModelAttribute";

    public static FuzzResult Check(FuzzCase fuzzCase)
    {
        var stopwatch = Stopwatch.StartNew();
        var failures = new List<string>();
        var parseOptions = new CSharpParseOptions(fuzzCase.LanguageVersion);
        SyntaxTree[] userTrees = fuzzCase.Files.Select(f => Parse(f, parseOptions)).ToArray();

        // Every warning wave on, warnings left as warnings: the user's own warnings are the baseline.
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: fuzzCase.Nullable,
            warningLevel: 9999);
        CSharpCompilation input = CSharpCompilation.Create("LogRegGen.FuzzInput", userTrees, GeneratorHarness.References, options);
        ImmutableArray<Diagnostic> baseline = input.GetDiagnostics();
        ImmutableArray<string> userErrors = baseline.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToImmutableArray();

        // (a) The generator does not throw.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new LogisticModelGenerator().AsSourceGenerator() },
            parseOptions: parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null)
        {
            failures.Add("(a) The generator threw: " + run.Exception);
        }

        foreach (Diagnostic diagnostic in generatorDiagnostics.Where(d => !d.Id.StartsWith("LRG", StringComparison.Ordinal)))
        {
            failures.Add("(a) The generator reported: " + diagnostic);
        }

        // (d) The analyzers do not throw, on the output and on calls to it.
        SyntaxTree usage = Parse(fuzzCase.Usage, parseOptions);
        var exceptions = new ConcurrentQueue<string>();
        CompilationWithAnalyzers withAnalyzers = output.AddSyntaxTrees(usage).WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new DeclarationAnalyzer(), new ShapeAnalyzer()),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        failures.AddRange(exceptions.Select(e => "(d) An analyzer threw: " + e));
        failures.AddRange(all.Where(d => d.Id == "AD0001").Select(d => "(d) " + d));

        // (b) Where the user's code compiles, the generated code adds no diagnostic (warnings included).
        if (userErrors.IsEmpty)
        {
            var before = new HashSet<string>(baseline.Where(IsProblem).Select(Key), StringComparer.Ordinal);
            List<Diagnostic> added = all
                .Where(d => IsProblem(d) && !IsOurs(d) && d.Location.SourceTree != usage && !before.Contains(Key(d)))
                .ToList();
            if (added.Count > 0)
            {
                failures.Add("(b) The user's code compiles, but with the generated code:\n" + Describe(added, output, userTrees));
            }
        }

        // (c) Every [LogisticModel] type gets a model or an LRG error, never both: an error fails the build,
        // so it must mean that the model is not there (the analyzer and the generator apply the same rules).
        // The rows are the types whose attribute binds to [LogisticModel] in the user's code alone (where
        // that code does not even bind the attribute, say through an alias that a type of theirs breaks,
        // the type is no row).
        HashSet<string> declaredRows = FindRows(input, userTrees).Select(static r => r.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToHashSet(StringComparer.Ordinal);
        List<INamedTypeSymbol> rows = FindRows(output, userTrees).Where(r => declaredRows.Contains(r.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))).ToList();
        HashSet<string> modelled = FindModelledRows(output, userTrees);
        List<Diagnostic> userLrgErrors = generatorDiagnostics.Concat(all)
            .Where(d => IsLrgError(d) && userTrees.Contains(d.Location.SourceTree))
            .ToList();
        HashSet<INamedTypeSymbol> withErrors = FindTypesWithErrors(output, userLrgErrors);

        // Models are matched to rows by full name, which two types share only in code that does not
        // compile (CS0101, say where a missing brace moves a type into a namespace): for those the
        // model cannot be told to be the one or the other's (seed 9, case 1367).
        var sharedNames = rows.GroupBy(static r => r.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Where(static g => g.Count() > 1)
            .Select(static g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        int both = 0;
        foreach (INamedTypeSymbol row in rows)
        {
            if (!userErrors.IsEmpty && sharedNames.Contains(row.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            {
                continue;
            }

            bool hasModel = modelled.Contains(row.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            bool hasError = withErrors.Contains(row) || BaseTypes(row).Any(withErrors.Contains);
            if (!hasModel && !hasError)
            {
                failures.Add($"(c) '{row.ToDisplayString()}' gets neither a model nor an LRG error.");
            }

            if (hasModel && withErrors.Contains(row))
            {
                both++;
                string errors = string.Join("; ", userLrgErrors.Select(static d => d.ToString()));
                failures.Add($"(c) '{row.ToDisplayString()}' gets a model and an LRG error too (LRG errors of the case: {errors}).");
            }
        }

        int models = rows.Count(r => modelled.Contains(r.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        return new FuzzResult(fuzzCase, failures.ToImmutableArray(), userErrors.IsEmpty, userErrors, rows.Count, models, both, stopwatch.Elapsed);
    }

    private static SyntaxTree Parse(FuzzFile file, CSharpParseOptions options) =>
        CSharpSyntaxTree.ParseText(file.Text, options, file.Path, Encoding.UTF8);

    private static bool IsProblem(Diagnostic d) => d.Severity >= DiagnosticSeverity.Warning;

    private static bool IsOurs(Diagnostic d) => d.Id.StartsWith("LRG", StringComparison.Ordinal) || d.Id == "AD0001";

    private static bool IsLrgError(Diagnostic d) =>
        d.Id.StartsWith("LRG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource;

    private static string Key(Diagnostic d) =>
        $"{d.Id}|{d.Location.SourceTree?.FilePath}|{d.Location.SourceSpan}|{d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The diagnostics, and for those in generated files the line they point at.</summary>
    private static string Describe(List<Diagnostic> diagnostics, Compilation output, SyntaxTree[] userTrees)
    {
        var text = new StringBuilder();
        foreach (Diagnostic d in diagnostics.Take(12))
        {
            text.Append("  ").Append(d);
            if (d.Location.SourceTree is { } tree && !userTrees.Contains(tree))
            {
                string line = tree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
                text.Append("\n      in generated code: ").Append(line);
            }

            text.AppendLine();
        }

        if (diagnostics.Count > 12)
        {
            text.Append("  ... and ").Append(diagnostics.Count - 12).AppendLine(" more");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The types of the user's code marked <c>[LogisticModel]</c> (ours, however it is spelled).</summary>
    private static List<INamedTypeSymbol> FindRows(Compilation output, SyntaxTree[] userTrees)
    {
        var rows = new List<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in userTrees)
        {
            SemanticModel model = output.GetSemanticModel(tree);
            foreach (TypeDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type
                    && seen.Add(type)
                    && type.GetAttributes().Any(a => a.AttributeClass is { TypeKind: not TypeKind.Error } attribute && attribute.ToDisplayString() == LogisticModelAttribute))
                {
                    rows.Add(type);
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// The rows some generated model is for: the parameter type of each generated <c>GetLabel(in T row)</c>,
    /// as written (<c>global::Sample.Row</c>), so that it is found even where the code does not bind.
    /// </summary>
    private static HashSet<string> FindModelledRows(Compilation output, SyntaxTree[] userTrees)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in output.SyntaxTrees.Where(t => !userTrees.Contains(t)))
        {
            foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.Identifier.ValueText == "GetLabel" && method.ParameterList.Parameters is [{ Type: { } type }])
                {
                    rows.Add(type.ToString());
                }
            }
        }

        return rows;
    }

    /// <summary>The types that an LRG error points into (the innermost type declaration around its location).</summary>
    private static HashSet<INamedTypeSymbol> FindTypesWithErrors(Compilation output, List<Diagnostic> errors)
    {
        var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (Diagnostic diagnostic in errors)
        {
            if (Owner(output, diagnostic) is { } owner)
            {
                types.Add(owner);
            }
        }

        return types;
    }

    private static INamedTypeSymbol? Owner(Compilation output, Diagnostic diagnostic)
    {
        SyntaxTree tree = diagnostic.Location.SourceTree!;
        SyntaxNode node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } declaration
            ? output.GetSemanticModel(tree).GetDeclaredSymbol(declaration) as INamedTypeSymbol
            : null;
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current.OriginalDefinition;
        }
    }
}
