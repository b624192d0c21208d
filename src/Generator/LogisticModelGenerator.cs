using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LogRegGen.Generator;

/// <summary>
/// Emits a <c>{Type}Model</c> class for every type marked <c>[LogisticModel]</c>: logistic regression
/// specialised for exactly that type's features (forward pass, cost, backward pass, training).
/// </summary>
/// <remarks>
/// The pipeline parses each marked type once into a value-equatable <see cref="ModelSpec"/> (no
/// symbols, syntax or locations survive that step), so an edit elsewhere in the project re-runs
/// nothing. Types that cannot be modelled are skipped here; the analyzers report why.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class LogisticModelGenerator : IIncrementalGenerator
{
    internal const string LogisticModelAttributeName = "LogRegGen.LogisticModelAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LogisticModelAttributeName,
                predicate: static (node, _) => Parser.IsCandidate(node),
                transform: static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.ModelSpecs);

        IncrementalValuesProvider<ModelSpec> validSpecs = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidModelSpecs);

        // Two types that would produce the same model class (say Lungs.Scan and Brain.Scan, both
        // ScanModel) get no model at all rather than one arbitrary winner; the analyzers report it.
        IncrementalValuesProvider<ModelSpec> uniqueSpecs = validSpecs
            .Collect()
            .SelectMany(static (all, _) => WithoutNameConflicts(all))
            .WithTrackingName(TrackingNames.UniqueModelSpecs);

        // The JSON additional files, for models that bake in saved weights (WeightsFile).
        IncrementalValueProvider<EquatableArray<WeightsFileText>> weightFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (text, ct) => new WeightsFileText(System.IO.Path.GetFileName(text.Path), text.GetText(ct)?.ToString() ?? string.Empty))
            .Collect()
            .Select(static (files, _) => new EquatableArray<WeightsFileText>(files))
            .WithTrackingName(TrackingNames.WeightsFiles);

        IncrementalValuesProvider<ModelToEmit> models = uniqueSpecs
            .Combine(weightFiles)
            .Select(static (pair, _) => new ModelToEmit(pair.Left, Baking.Resolve(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.ModelsToEmit);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(model.Spec.HintName, Emitter.Emit(model.Spec, model.Baked)));

        // The kernels depend on the spec alone, so a change to a weights file does not re-emit them.
        context.RegisterSourceOutput(uniqueSpecs, static (spc, spec) =>
            spc.AddSource(spec.KernelsHintName, Emitter.EmitKernels(spec)));

        // A branch of its own for the weights-file diagnostics, so their locations never touch the code branch.
        IncrementalValuesProvider<DiagnosticInfo> weightProblems = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LogisticModelAttributeName,
                predicate: static (node, _) => Parser.IsCandidate(node),
                transform: static (ctx, ct) => Baking.Request(ctx, ct))
            .Where(static request => request is not null)
            .Combine(weightFiles)
            .Select(static (pair, _) => Baking.Check(pair.Left!, pair.Right))
            .Where(static problem => problem is not null)
            .Select(static (problem, _) => problem!)
            .WithTrackingName(TrackingNames.WeightsFileProblems);

        context.RegisterSourceOutput(weightProblems, static (spc, problem) =>
            spc.ReportDiagnostic(Diagnostic.Create(
                problem.Id == Baking.NotFoundId ? Baking.NotFound : Baking.Mismatch,
                problem.Location?.ToLocation() ?? Location.None,
                problem.Arguments.Select(static a => (object?)a).ToArray())));
    }

    private static ImmutableArray<ModelSpec> WithoutNameConflicts(ImmutableArray<ModelSpec> specs)
    {
        var counts = new Dictionary<(string?, string), int>();
        foreach (ModelSpec spec in specs)
        {
            counts.TryGetValue((spec.Namespace, spec.ModelName), out int count);
            counts[(spec.Namespace, spec.ModelName)] = count + 1;
        }

        ImmutableArray<ModelSpec>.Builder unique = ImmutableArray.CreateBuilder<ModelSpec>(specs.Length);
        foreach (ModelSpec spec in specs)
        {
            if (counts[(spec.Namespace, spec.ModelName)] == 1)
            {
                unique.Add(spec);
            }
        }

        return unique.ToImmutable();
    }
}
