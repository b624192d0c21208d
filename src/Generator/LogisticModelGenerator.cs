using System.Collections.Generic;
using System.Collections.Immutable;
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
        // One transform per [LogisticModel] type: its spec, and where its WeightsFile argument is written.
        IncrementalValuesProvider<ParsedModel?> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LogisticModelAttributeName,
                predicate: static (node, _) => Parser.IsCandidate(node),
                transform: static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.ModelSpecs);

        IncrementalValuesProvider<ModelSpec> validSpecs = parsed
            .Where(static model => model is not null)
            .Select(static (model, _) => model!.Spec)
            .WithTrackingName(TrackingNames.ValidModelSpecs);

        // Two types that would produce the same model class (say Lungs.Scan and Brain.Scan, both
        // ScanModel) get no model at all rather than one arbitrary winner; the analyzers report it.
        IncrementalValuesProvider<ModelSpec> uniqueSpecs = validSpecs
            .Collect()
            .SelectMany(static (all, _) => WithoutNameConflicts(all))
            .WithTrackingName(TrackingNames.UniqueModelSpecs);

        // The JSON additional files, each parsed once (per change of that file) however many models name it.
        IncrementalValueProvider<EquatableArray<WeightsFile>> weightFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (text, ct) => Baking.Read(System.IO.Path.GetFileName(text.Path), text.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.ParsedWeightsFiles)
            .Collect()
            .Select(static (files, _) => new EquatableArray<WeightsFile>(files))
            .WithTrackingName(TrackingNames.WeightsFiles);

        IncrementalValuesProvider<ModelToEmit> models = uniqueSpecs
            .Combine(weightFiles)
            .Select(static (pair, _) => new ModelToEmit(pair.Left, Baking.Resolve(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.ModelsToEmit);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(model.Spec.HintName, Emitter.Emit(model.Spec, model.Baked)));

        // The kernels depend on the spec alone, so a change to a weights file does not re-emit them.
        // A multinomial model trains through the runtime's MultinomialTrainer: it has no kernels file.
        context.RegisterSourceOutput(uniqueSpecs.Where(static spec => !spec.IsMultinomial), static (spc, spec) =>
            spc.AddSource(spec.KernelsHintName, Emitter.EmitKernels(spec)));

        // A branch of its own for the weights-file diagnostics, from the same transform, so their
        // locations never touch the code branch.
        IncrementalValuesProvider<DiagnosticInfo> weightProblems = parsed
            .Select(static (model, _) => Baking.Request(model))
            .Where(static request => request is not null)
            .Combine(weightFiles)
            .Select(static (pair, _) => Baking.Check(pair.Left!, pair.Right))
            .Where(static problem => problem is not null)
            .Select(static (problem, _) => problem!)
            .WithTrackingName(TrackingNames.WeightsFileProblems);

        context.RegisterSourceOutput(weightProblems, static (spc, problem) => spc.ReportDiagnostic(problem.ToDiagnostic()));
    }

    private static ImmutableArray<ModelSpec> WithoutNameConflicts(ImmutableArray<ModelSpec> specs)
    {
        var counts = new Dictionary<(string?, string), int>();
        foreach (ModelSpec spec in specs)
        {
            counts.TryGetValue((spec.Namespace, spec.ModelName), out int count);
            counts[(spec.Namespace, spec.ModelName)] = count + 1;
        }

        var unique = new List<ModelSpec>(specs.Length);
        foreach (ModelSpec spec in specs)
        {
            if (counts[(spec.Namespace, spec.ModelName)] == 1)
            {
                unique.Add(spec);
            }
        }

        return WithUniqueHintNames(unique);
    }

    /// <summary>
    /// Roslyn compares hint names ignoring case, so <c>Sample.Row</c> and <c>Sample.row</c>, or a type
    /// <c>C</c> nested in class <c>A.b</c> and a type <c>C</c> in namespace <c>A.B</c>, would collide (and the
    /// generator would throw, CS8785). Every type whose hint stem is shared, ignoring case, with another
    /// model's gets a suffix: a stable hash of its namespace, row type and model name, which are unique
    /// per model once the name conflicts are gone. Every other model keeps its plain stem.
    /// </summary>
    private static ImmutableArray<ModelSpec> WithUniqueHintNames(List<ModelSpec> specs)
    {
        var stems = new Dictionary<string, int>(System.StringComparer.OrdinalIgnoreCase);
        foreach (ModelSpec spec in specs)
        {
            stems.TryGetValue(spec.HintName, out int count);
            stems[spec.HintName] = count + 1;
        }

        var used = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (ModelSpec spec in specs)
        {
            if (stems[spec.HintName] == 1)
            {
                used.Add(spec.HintName);
            }
        }

        ImmutableArray<ModelSpec>.Builder result = ImmutableArray.CreateBuilder<ModelSpec>(specs.Count);
        foreach (ModelSpec spec in specs)
        {
            if (stems[spec.HintName] == 1)
            {
                result.Add(spec);
                continue;
            }

            // The suffix starts with '-', which no type or namespace name contains, so a suffixed name
            // never equals a plain one; a (practically impossible) equal hash gets a counter as well.
            string stem = spec.HintName.Substring(0, spec.HintName.Length - ModelSpec.ModelFileSuffix.Length)
                + "-" + StableHash(spec.Namespace + "/" + spec.RowTypeFullName + "/" + spec.ModelName);
            string candidate = stem;
            for (int i = 2; !used.Add(candidate + ModelSpec.ModelFileSuffix); i++)
            {
                candidate = stem + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(spec with
            {
                HintName = candidate + ModelSpec.ModelFileSuffix,
                KernelsHintName = candidate + ModelSpec.KernelsFileSuffix,
            });
        }

        return result.MoveToImmutable();
    }

    /// <summary>64-bit FNV-1a of the UTF-16 code units, in hexadecimal: the same on every machine and run.</summary>
    private static string StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
