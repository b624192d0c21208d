using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LogRegGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LogRegGen.Analyzers.Tests;

/// <summary>
/// The Roslyn SDK harness set up like a user project: .NET 8 reference assemblies, the LogRegGen
/// runtime, the generator running (so calls to generated models bind), unsafe code allowed and the
/// latest language version.
/// </summary>
internal sealed class Test<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public Test()
    {
        // The harness restores Microsoft.NETCore.App.Ref 8.0.0 into the NuGet cache on first use.
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(LogisticModelAttribute).Assembly.Location));
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(true))
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12));
        });
    }

    protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(LogisticModelGenerator) };
}

/// <summary>Shorthands for the analyzer-only and code-fix tests.</summary>
internal static class Verify
{
    public const string Usings = """
        using System;
        using LogRegGen;

        """;

    public static Task Analyzer<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new Test<TAnalyzer, EmptyCodeFixProvider> { TestCode = Usings + source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task CodeFix<TAnalyzer, TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new() =>
        CodeFix<TAnalyzer, TCodeFix>(source, fixedSource, iterations: null, expected);

    public static Task CodeFix<TAnalyzer, TCodeFix>(string source, string fixedSource, int? iterations, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new Test<TAnalyzer, TCodeFix> { TestCode = Usings + source, FixedCode = Usings + fixedSource };
        if (iterations is int n)
        {
            test.NumberOfFixAllIterations = n;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}

/// <summary>The model declarations the shape tests call.</summary>
internal static class Snippets
{
    /// <summary>A three-feature binary model, LoanModel.</summary>
    public const string Loan = """
        [LogisticModel]
        public readonly record struct Loan(float Income, float Debt, float Age, [Label] bool Defaulted);

        """;

    /// <summary>A multinomial model, ItemModel: two features, three classes.</summary>
    public const string Item = """
        public enum Kind { A, B, C }

        [LogisticModel]
        public readonly record struct Item(float Width, float Height, [Label] Kind Kind);

        """;
}
