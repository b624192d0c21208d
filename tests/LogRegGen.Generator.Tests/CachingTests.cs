using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// The incremental pipeline must not redo work (or re-emit files) when an edit does not affect a model,
/// must notice when it does, and must not keep compilation objects alive in its cached steps.
/// </summary>
public sealed class CachingTests
{
    private static readonly string[] s_trackedSteps = { TrackingNames.ModelSpecs, TrackingNames.ValidModelSpecs, TrackingNames.UniqueModelSpecs };

    private const string ModelSource = """
        using LogRegGen;

        namespace Sample;

        [LogisticModel]
        public record struct Tumor(float Radius, float Texture, [Label] bool Malignant);

        [LogisticModel]
        public sealed class Loan
        {
            public float Amount { get; set; }
            public int Term { get; set; }
            [Label] public bool Default { get; set; }
        }

        public enum Grade { Low, High, Top }

        [LogisticModel]
        public record struct Exam(float Hours, int Attempts, [Label] Grade Grade);

        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    [Fact]
    public void AddingAnUnrelatedSyntaxTreeReusesEveryStep()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(ModelSource);
        GeneratorDriver driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), first).Driver;

        CSharpCompilation second = first.AddSyntaxTrees(GeneratorHarness.ParseTree(
            """
            namespace Sample.Other;

            public sealed class Unrelated
            {
                public float Value { get; set; }
            }
            """,
            "Unrelated.cs"));
        GeneratorRunResult result = RerunAndGetResult(driver, second);

        AssertTrackedStepsReused(result);
        AssertSourceOutputsCached(result);
    }

    [Fact]
    public void EditingAnUnrelatedMethodBodyReusesEveryStep()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(ModelSource, "public static class Other { public static int F() => 1; }");
        GeneratorDriver driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), first).Driver;

        SyntaxTree oldTree = first.SyntaxTrees[1];
        SyntaxTree newTree = oldTree.WithChangedText(oldTree.GetText().Replace(
            oldTree.GetText().ToString().IndexOf("=> 1", StringComparison.Ordinal), 4, "=> 1 + 41 * 2"));
        GeneratorRunResult result = RerunAndGetResult(driver, first.ReplaceSyntaxTree(oldTree, newTree));

        AssertTrackedStepsReused(result);
        AssertSourceOutputsCached(result);
    }

    [Fact]
    public void EditingAMethodBodyInTheModelsFileReusesEveryStep()
    {
        // The transform runs again for the edited file, so this checks that the specs compare by value.
        CSharpCompilation first = GeneratorHarness.CreateCompilation(ModelSource);
        GeneratorDriver driver = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), first).Driver;

        SyntaxTree oldTree = first.SyntaxTrees[0];
        string text = oldTree.GetText().ToString();
        SyntaxTree newTree = oldTree.WithChangedText(oldTree.GetText().Replace(
            text.IndexOf("2 * x", StringComparison.Ordinal), 5, "x + x + 0"));
        GeneratorRunResult result = RerunAndGetResult(driver, first.ReplaceSyntaxTree(oldTree, newTree));

        AssertTrackedStepsReused(result);
        AssertSourceOutputsCached(result);
    }

    [Fact]
    public void AddingAFeatureRegeneratesOnlyThatModel()
    {
        (GeneratorOutcome secondRun, GeneratorRunResult result) = RunAgainWithEdit("float Texture,", "float Texture, float Smoothness,");

        // Both models live in the edited file; only the Tumor spec changes value.
        IncrementalStepRunReason[] specReasons = Outputs(result, TrackingNames.ModelSpecs).Select(o => o.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, specReasons);
        Assert.Equal(1, specReasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(specReasons, r => Assert.True(r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));

        IncrementalStepRunReason[] outputReasons = OutputReasons(result);
        // Two files per binary model (the API and the kernels), one for the multinomial Exam: the Tumor's
        // two are re-emitted, the Loan's two and the Exam's one are not.
        Assert.Equal(2, outputReasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(3, outputReasons.Count(r => r == IncrementalStepRunReason.Cached));

        GeneratedSource tumor = Assert.Single(secondRun.Sources, s => s.HintName == "Sample.Tumor.LogisticModel.g.cs");
        Assert.Contains("Smoothness", tumor.Text, StringComparison.Ordinal);
        GeneratedSource tumorKernels = Assert.Single(secondRun.Sources, s => s.HintName == "Sample.Tumor.LogisticModel.Kernels.g.cs");
        Assert.Contains("public const int FeatureCount = 3;", tumorKernels.Text, StringComparison.Ordinal);
        Assert.Equal(3, Assert.IsType<int>(secondRun.OutputCompilation.GetTypeByMetadataName("Sample.TumorModel")!
            .GetMembers("FeatureCount").OfType<IFieldSymbol>().Single().ConstantValue));
    }

    [Fact]
    public void AddingAClassToTheLabelsEnumRegeneratesOnlyTheMultinomialModel()
    {
        (GeneratorOutcome secondRun, GeneratorRunResult result) = RunAgainWithEdit("Low, High, Top", "Low, High, Top, Honours");
        IncrementalStepRunReason[] outputReasons = OutputReasons(result);
        Assert.Equal(1, outputReasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(4, outputReasons.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(4, Assert.IsType<int>(secondRun.OutputCompilation.GetTypeByMetadataName("Sample.ExamModel")!
            .GetMembers("ClassCount").OfType<IFieldSymbol>().Single().ConstantValue));
    }

    [Fact]
    public void RemovingTheAttributeRemovesTheOutput()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(ModelSource);
        GeneratorOutcome firstRun = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), first);
        Assert.Equal(5, firstRun.Sources.Length);

        SyntaxTree oldTree = first.SyntaxTrees[0];
        string text = oldTree.GetText().ToString();
        int at = text.IndexOf("[LogisticModel]", StringComparison.Ordinal);
        string edited = text.Remove(at, "[LogisticModel]".Length);
        GeneratorOutcome secondRun = GeneratorHarness.Run(
            firstRun.Driver,
            first.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited))));

        // The Tumor's model and kernels files both go.
        Assert.Equal(
            new[] { "Sample.Exam.LogisticModel.g.cs", "Sample.Loan.LogisticModel.Kernels.g.cs", "Sample.Loan.LogisticModel.g.cs" },
            secondRun.Sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
    }

    [Fact]
    public void TrackedStepsHoldNoCompilationObjects()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSource);
        GeneratorRunResult result = Assert.Single(GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation).RunResult.Results);

        int visited = 0;
        foreach (string stepName in s_trackedSteps)
        {
            List<(object Value, IncrementalStepRunReason Reason)> outputs = Outputs(result, stepName);
            Assert.NotEmpty(outputs);
            foreach ((object value, _) in outputs)
            {
                visited += AssertHoldsNoCompilationObjects(value, $"{stepName} output");
            }
        }

        // A walker that never looks inside the specs would pass vacuously.
        Assert.True(visited > 10, $"Only {visited} objects were walked.");
    }

    [Fact]
    public void ObjectWalkerFindsForbiddenObjects()
    {
        // The walker itself must be able to fail: a spec-like object holding a symbol is rejected.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(ModelSource);
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Sample.Tumor")!;
        var holder = new { Name = "Tumor", Members = ImmutableArray.Create<object>("x", new List<object> { symbol }) };

        Assert.ThrowsAny<Exception>(() => AssertHoldsNoCompilationObjects(holder, "holder"));
        Assert.ThrowsAny<Exception>(() => AssertHoldsNoCompilationObjects(Location.None, "location"));
        Assert.ThrowsAny<Exception>(() => AssertHoldsNoCompilationObjects(new[] { compilation.SyntaxTrees[0].GetRoot() }, "nodes"));
    }

    private static GeneratorRunResult RerunAndGetResult(GeneratorDriver driver, Compilation compilation)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(driver, compilation);
        return Assert.Single(outcome.RunResult.Results);
    }

    /// <summary>Runs the generator over <see cref="ModelSource"/>, then again after replacing <paramref name="from"/> with <paramref name="to"/>.</summary>
    private static (GeneratorOutcome Second, GeneratorRunResult Result) RunAgainWithEdit(string from, string to)
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation(ModelSource);
        GeneratorOutcome firstRun = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), first);
        SyntaxTree oldTree = first.SyntaxTrees[0];
        string text = oldTree.GetText().ToString();
        string edited = text.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        GeneratorOutcome secondRun = GeneratorHarness.Run(
            firstRun.Driver,
            first.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited))));
        return (secondRun, Assert.Single(secondRun.RunResult.Results));
    }

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(step => step.Outputs).Select(o => o.Reason).ToArray();

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"No tracked step named {stepName}.");
        return steps.SelectMany(step => step.Outputs).ToList();
    }

    private static void AssertTrackedStepsReused(GeneratorRunResult result)
    {
        foreach (string stepName in s_trackedSteps)
        {
            List<(object Value, IncrementalStepRunReason Reason)> outputs = Outputs(result, stepName);
            Assert.Equal(3, outputs.Count);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{stepName}: {output.Reason} for {output.Value}"));
        }
    }

    private static void AssertSourceOutputsCached(GeneratorRunResult result)
    {
        List<(object Value, IncrementalStepRunReason Reason)> outputs = result.TrackedOutputSteps
            .SelectMany(kv => kv.Value)
            .SelectMany(step => step.Outputs)
            .ToList();
        Assert.Equal(5, outputs.Count); // two binary models, each a model file and a kernels file, and the multinomial model's one file
        Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    /// <summary>
    /// Walks the object graph through every instance field (including those of boxed structs, arrays and
    /// collections) and fails on anything that would root a compilation. Returns the objects visited.
    /// </summary>
    private static int AssertHoldsNoCompilationObjects(object root, string where)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, where));
        int count = 0;

        while (pending.Count > 0)
        {
            (object value, string path) = pending.Pop();
            Type type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || value is Type || value is Pointer)
            {
                continue;
            }

            if (!type.IsValueType && !visited.Add(value))
            {
                continue;
            }

            count++;
            Assert.False(
                value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or SyntaxToken or SyntaxNodeOrToken or AttributeData,
                $"{path} holds a {type.FullName}.");

            if (value is Array array)
            {
                if (!type.GetElementType()!.IsPrimitive)
                {
                    int i = 0;
                    foreach (object? element in array)
                    {
                        if (element is not null)
                        {
                            pending.Push((element, $"{path}[{i}]"));
                        }

                        i++;
                    }
                }

                continue;
            }

            for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRef)
                    {
                        continue;
                    }

                    object? fieldValue = field.GetValue(value);
                    if (fieldValue is not null)
                    {
                        pending.Push((fieldValue, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return count;
    }
}
