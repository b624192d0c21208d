using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using LogRegGen.Generator.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LogRegGen.Analyzers;

/// <summary>
/// Shape mistakes where raw arrays and spans cross into a generated model or the runtime
/// (LRG012–LRG017), and training options that <c>TrainingOptions.Validate()</c> always rejects
/// (LRG018). Only lengths known at compile time are judged (see <see cref="ShapeInference"/>), and
/// only calls whose target is a generated model or a runtime type are looked at.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShapeAnalyzer : DiagnosticAnalyzer
{
    private const string GeneratorName = "LogRegGen.Generator";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.FeatureLength,
        Descriptors.FlatLengthNotMultiple,
        Descriptors.SampleCountMismatch,
        Descriptors.Transposed,
        Descriptors.BatchForSample,
        Descriptors.SampleForBatch,
        Descriptors.InvalidOption,
        Descriptors.ClassShapeLength,
        Descriptors.RaggedRows);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            Compilation compilation = start.Compilation;
            INamedTypeSymbol? generatedCode = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
            var known = new KnownTypes(
                compilation.GetTypeByMetadataName("LogRegGen.FeatureMatrix"),
                compilation.GetTypeByMetadataName("LogRegGen.FeatureMatrices"),
                compilation.GetTypeByMetadataName("LogRegGen.Metrics"),
                compilation.GetTypeByMetadataName("LogRegGen.TrainingOptions"),
                generatedCode,
                new ShapeInference(compilation, (type, member) => GetGeneratedCount(type, member, generatedCode)));
            if (known.FeatureMatrix is null && known.TrainingOptions is null)
            {
                // Not a user of the LogRegGen runtime: nothing to check.
                return;
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, known), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeObjectCreation(c, known), OperationKind.ObjectCreation);
        });
    }

    /// <summary>The runtime types, resolved once per compilation.</summary>
    private sealed class KnownTypes
    {
        public KnownTypes(
            INamedTypeSymbol? featureMatrix,
            INamedTypeSymbol? featureMatrices,
            INamedTypeSymbol? metrics,
            INamedTypeSymbol? trainingOptions,
            INamedTypeSymbol? generatedCode,
            ShapeInference inference)
        {
            Inference = inference;
            FeatureMatrix = featureMatrix;
            FeatureMatrices = featureMatrices;
            Metrics = metrics;
            TrainingOptions = trainingOptions;
            GeneratedCode = generatedCode;
        }

        public INamedTypeSymbol? FeatureMatrix { get; }

        public INamedTypeSymbol? FeatureMatrices { get; }

        public INamedTypeSymbol? Metrics { get; }

        public INamedTypeSymbol? TrainingOptions { get; }

        public INamedTypeSymbol? GeneratedCode { get; }

        /// <summary>The shape analysis of this compilation (its caches live as long as the compilation's analysis).</summary>
        public ShapeInference Inference { get; }
    }

    /// <summary>The entries of a generated model's <c>FeatureNames</c> (FeatureCount) or <c>ClassNames</c> (ClassCount).</summary>
    private static int? GetGeneratedCount(INamedTypeSymbol type, string member, INamedTypeSymbol? generatedCode)
    {
        if (type.ContainingType is not null || !IsGeneratedModel(type, generatedCode))
        {
            return null;
        }

        return member switch
        {
            "FeatureNames" => GetFeatureCount(type, generatedCode, out _),
            "ClassNames" => GetClassCount(type),
            _ => null,
        };
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes known)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (known.TrainingOptions is not null && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ReturnType, known.TrainingOptions))
        {
            AnalyzeOptionFactory(context, known, invocation);
            return;
        }

        AnalyzeCall(context, known, invocation.TargetMethod, invocation.Arguments);
    }

    private static void AnalyzeObjectCreation(OperationAnalysisContext context, KnownTypes known)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is { } type && SymbolEqualityComparer.Default.Equals(type, known.TrainingOptions))
        {
            AnalyzeOptions(context, creation);
            return;
        }

        if (creation.Constructor is { } constructor)
        {
            AnalyzeCall(context, known, constructor, creation.Arguments);
        }
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownTypes known, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        INamedTypeSymbol? containing = method.ContainingType;
        if (containing is null || !HasFloatSpanOrArrayParameter(method))
        {
            return;
        }

        CancellationToken cancellationToken = context.CancellationToken;
        if (SymbolEqualityComparer.Default.Equals(containing, known.FeatureMatrix))
        {
            if (method.Name is "FromFeatureMajor" or "FromSampleMajor"
                && Find(arguments, "featureCount") is { Value.ConstantValue: { HasValue: true, Value: int n } } && n > 0)
            {
                CheckFlatBatch(context, known, method, Find(arguments, "x"), Find(arguments, "labels"), n, cancellationToken);
            }

            return;
        }

        if (SymbolEqualityComparer.Default.Equals(containing, known.FeatureMatrices))
        {
            if (method.Name is "FromSamples" or "FromFeatures")
            {
                CheckMatrix(context, known, method, Find(arguments, "x"), Find(arguments, "labels"), cancellationToken);
            }

            return;
        }

        if (SymbolEqualityComparer.Default.Equals(containing, known.Metrics))
        {
            IArgumentOperation? scores = Find(arguments, "probabilities") ?? Find(arguments, "scores");
            if (Find(arguments, "classCount") is { } classCount)
            {
                // The multiclass overload: K probabilities per label, in rows of K.
                CheckMulticlassMetrics(context, known, scores, Find(arguments, "labels"), classCount, Find(arguments, "classNames"), cancellationToken);
                return;
            }

            CheckSameCount(context, known, scores, Find(arguments, "labels"), cancellationToken);
            // An empty sampleWeights means "all 1", so only a non-empty one is compared.
            if (Find(arguments, "sampleWeights") is { } sampleWeights && known.Inference.GetLength(sampleWeights, cancellationToken) != 0)
            {
                CheckSameCount(context, known, scores, sampleWeights, cancellationToken);
            }

            return;
        }

        if (GetFeatureCount(containing, known.GeneratedCode, out bool multinomial) is int featureCount
            && IsGeneratedMethod(method, multinomial))
        {
            CheckModelCall(context, known, method, arguments, featureCount, multinomial, cancellationToken);
            if (multinomial && GetClassCount(containing) is int classCount)
            {
                CheckClassShapes(context, known, method, arguments, featureCount, classCount, cancellationToken);
            }
        }
    }

    /// <summary>
    /// LRG027 for <c>Metrics.Evaluate(probabilities, labels, classCount, classNames)</c>: (m, K) probabilities
    /// for m labels, and K class names, when the lengths and K are known.
    /// </summary>
    private static void CheckMulticlassMetrics(
        OperationAnalysisContext context,
        KnownTypes known,
        IArgumentOperation? probabilities,
        IArgumentOperation? labels,
        IArgumentOperation classCount,
        IArgumentOperation? classNames,
        CancellationToken cancellationToken)
    {
        if (known.Inference.Evaluate(classCount, cancellationToken).Integer is not int k || k < 2)
        {
            return;
        }

        if (probabilities is not null && labels is not null
            && known.Inference.GetLength(labels, cancellationToken) is int m
            && known.Inference.GetLength(probabilities, cancellationToken) is int length
            && length != (long)m * k)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ClassShapeLength,
                probabilities.Syntax.GetLocation(),
                "probabilities",
                (long)m * k,
                string.Format(CultureInfo.InvariantCulture, "labels × classCount = {0} × {1}", m, k),
                length));
        }

        if (classNames is not null && known.Inference.GetLength(classNames, cancellationToken) is int names && names != k)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ClassShapeLength, classNames.Syntax.GetLocation(), "classNames", k, "classCount", names));
        }
    }

    /// <summary>Every rule below involves a float span or array (or a span of rows), so other methods are skipped at once.</summary>
    private static bool HasFloatSpanOrArrayParameter(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type is IArrayTypeSymbol || IsSpan(parameter.Type, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The <c>FeatureCount</c> of a generated model, when <paramref name="type"/> is a generated model
    /// or a type nested in one (Batch, FeatureVector).
    /// </summary>
    private static int? GetFeatureCount(INamedTypeSymbol type, INamedTypeSymbol? generatedCode, out bool multinomial)
    {
        multinomial = false;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.ContainingType is null && IsGeneratedModel(current, generatedCode))
            {
                // A multinomial model (an enum label) declares ClassCount: its weights hold K·n values and its
                // probabilities K per row, which the rules below (written for n and one per row) do not check.
                multinomial = !current.GetMembers("ClassCount").IsEmpty;
                foreach (ISymbol member in current.GetMembers("FeatureCount"))
                {
                    if (member is IFieldSymbol { IsConst: true, ConstantValue: int n } && n > 0)
                    {
                        return n;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="method"/> is one the generator wrote: a member of a type nested in the model
    /// (Batch, which the user cannot extend), or a model member whose name and parameters are in
    /// <see cref="ModelRules.BinaryMethods"/> or <see cref="ModelRules.MultinomialMethods"/>. A member of the
    /// user's own part of the model is not checked by parameter name (it once was, and a user's
    /// <c>Logits(rows, destination)</c> got a false LRG012).
    /// </summary>
    private static bool IsGeneratedMethod(IMethodSymbol method, bool multinomial)
    {
        INamedTypeSymbol model = method.ContainingType;
        if (model.ContainingType is not null)
        {
            return true;
        }

        ImmutableDictionary<string, ImmutableArray<string>> table = multinomial ? ModelRules.MultinomialMethods : ModelRules.BinaryMethods;
        if (!table.TryGetValue(method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name, out ImmutableArray<string> overloads))
        {
            return false;
        }

        // The row type is GetLabel's parameter; the label's enum is ClassAt's return type.
        INamedTypeSymbol? row = model.GetMembers("GetLabel").OfType<IMethodSymbol>().FirstOrDefault()?.Parameters.FirstOrDefault()?.Type as INamedTypeSymbol;
        ITypeSymbol? label = multinomial ? model.GetMembers("ClassAt").OfType<IMethodSymbol>().FirstOrDefault()?.ReturnType : null;
        // Without GetLabel (a model compiled elsewhere, or a stand-in) the float-span signatures still compare.
        return overloads.Contains(ModelRules.GetSignatureKey(method, row ?? model, label, model.Name));
    }

    /// <summary>The <c>ClassCount</c> of the multinomial model that is or contains <paramref name="type"/>.</summary>
    private static int? GetClassCount(INamedTypeSymbol type)
    {
        INamedTypeSymbol model = type;
        while (model.ContainingType is { } outer)
        {
            model = outer;
        }

        foreach (ISymbol member in model.GetMembers("ClassCount"))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: int k } && k > 1)
            {
                return k;
            }
        }

        return null;
    }

    /// <summary>
    /// LRG027: a multinomial model's (K, n) weights and K intercepts (its constructor), and the (m, K)
    /// probabilities of <c>PredictProbabilities(rows, probabilities)</c> when the rows' count is known.
    /// </summary>
    private static void CheckClassShapes(OperationAnalysisContext context, KnownTypes known, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, int n, int k, CancellationToken cancellationToken)
    {
        string model = ModelName(method.ContainingType);
        if (method.MethodKind == MethodKind.Constructor)
        {
            Check(Find(arguments, "weights"), k * n, string.Format(CultureInfo.InvariantCulture, "ClassCount × FeatureCount = {0} × {1} of {2}", k, n, model));
            Check(Find(arguments, "biases"), k, string.Format(CultureInfo.InvariantCulture, "ClassCount of {0}", model));
        }

        if (method.Name == "PredictProbabilities" && Find(arguments, "rows") is { } rows && known.Inference.GetLength(rows, cancellationToken) is int m)
        {
            Check(Find(arguments, "probabilities"), (long)m * k, string.Format(CultureInfo.InvariantCulture, "rows × ClassCount = {0} × {1}", m, k));
        }

        // The options' WeightsPerClass: one weight per class, in the enum's order.
        if (method.Name == "Train"
            && Find(arguments, "options") is { } options
            && known.TrainingOptions is not null
            && known.Inference.GetCreation(options.Value, known.TrainingOptions, cancellationToken) is { Initializer: { } initializer })
        {
            foreach (IOperation assignment in initializer.Initializers)
            {
                if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "WeightsPerClass" }, Value: { } value }
                    && known.Inference.GetLength(value, cancellationToken) is int count
                    && count != k)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.ClassShapeLength,
                        options.Syntax.GetLocation(),
                        "options.WeightsPerClass",
                        k,
                        string.Format(CultureInfo.InvariantCulture, "ClassCount of {0}", model),
                        count));
                }
            }
        }

        void Check(IArgumentOperation? argument, long expected, string why)
        {
            if (argument?.Parameter is { } parameter
                && IsSpan(parameter.Type, out ITypeSymbol? element)
                && element.SpecialType == SpecialType.System_Single
                && known.Inference.GetLength(argument, cancellationToken) is int length
                && length != expected)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ClassShapeLength, argument.Syntax.GetLocation(), parameter.Name, expected, why, length));
            }
        }
    }

    private static bool IsGeneratedModel(INamedTypeSymbol type, INamedTypeSymbol? generatedCode)
    {
        if (generatedCode is null)
        {
            return false;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCode)
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is GeneratorName)
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckModelCall(OperationAnalysisContext context, KnownTypes known, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, int n, bool multinomial, CancellationToken cancellationToken)
    {
        IArgumentOperation? x = Find(arguments, "x");
        IArgumentOperation? labels = Find(arguments, "labels");
        if (x is not null && labels is not null)
        {
            CheckFlatBatch(context, known, method, x, labels, n, cancellationToken);
            return;
        }

        IArgumentOperation? rows = Find(arguments, "rows");
        if (rows is not null)
        {
            if ((Find(arguments, "probabilities") ?? Find(arguments, "predictions")) is { } outputs)
            {
                if (multinomial && outputs.Parameter?.Name == "probabilities")
                {
                    return;
                }

                CheckSameCount(context, known, rows, outputs, cancellationToken);
            }
            else
            {
                // An empty sampleWeights means "all 1", so only a non-empty one is compared.
                if (Find(arguments, "sampleWeights") is { } sampleWeights && known.Inference.GetLength(sampleWeights, cancellationToken) != 0)
                {
                    CheckSameCount(context, known, rows, sampleWeights, cancellationToken);
                }

                if (method.Name is "Train" or "Create" && known.Inference.GetLength(rows, cancellationToken) == 1)
                {
                    // Training on one row always throws (one row holds one class); a one-row batch is valid but rarely meant.
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SampleForBatch,
                        rows.Syntax.GetLocation(),
                        method.Name == "Train" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                        additionalLocations: null,
                        properties: null,
                        Display(method),
                        " (one row); train on the whole data set"));
                }
            }

            return;
        }

        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is not { } parameter
                || !IsSpan(parameter.Type, out ITypeSymbol? element)
                || element.SpecialType != SpecialType.System_Single
                || parameter.Name is not ("features" or "weights" or "destination")
                || (multinomial && parameter.Name == "weights")
                || known.Inference.GetLength(argument, cancellationToken) is not int length
                || length == n)
            {
                continue;
            }

            if (parameter.Name == "features" && length > n && length % n == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.BatchForSample, argument.Syntax.GetLocation(), Display(method), n, length, length / n));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.FeatureLength, argument.Syntax.GetLocation(), parameter.Name, n, ModelName(method.ContainingType), length));
            }
        }
    }

    /// <summary>A flat X of n × m values (either layout) with m labels.</summary>
    private static void CheckFlatBatch(OperationAnalysisContext context, KnownTypes known, IMethodSymbol method, IArgumentOperation? x, IArgumentOperation? labels, int n, CancellationToken cancellationToken)
    {
        if (x is null || known.Inference.GetLength(x, cancellationToken) is not int length || length == 0)
        {
            return;
        }

        if (length % n != 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.FlatLengthNotMultiple, x.Syntax.GetLocation(), "x", length, n));
            return;
        }

        int? m = labels is null ? null : known.Inference.GetLength(labels, cancellationToken);
        if (m is int labelCount)
        {
            if (length != n * labelCount)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SampleCountMismatch,
                    x.Syntax.GetLocation(),
                    "x",
                    Plural(length / n, "sample") + $" ({length} values of {n} features)",
                    "labels",
                    Plural(labelCount, "label")));
            }
        }
        else if (length == n)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SampleForBatch,
                x.Syntax.GetLocation(),
                Display(method),
                string.Format(CultureInfo.InvariantCulture, " (exactly {0} values, the feature count)", n)));
        }
    }

    /// <summary>A 2-D or jagged X given to <c>FeatureMatrices.FromSamples</c> ((m, n)) or <c>FromFeatures</c> ((n, m)).</summary>
    private static void CheckMatrix(OperationAnalysisContext context, KnownTypes known, IMethodSymbol method, IArgumentOperation? x, IArgumentOperation? labels, CancellationToken cancellationToken)
    {
        if (x is null)
        {
            return;
        }

        Shape shape = known.Inference.Evaluate(x, cancellationToken);
        if (FindRaggedRows(shape.RowLengths) is (int first, int other))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RaggedRows,
                x.Syntax.GetLocation(),
                "x",
                other,
                shape.RowLengths[other],
                first,
                shape.RowLengths[first],
                Display(method)));
            return;
        }

        if (labels is null
            || shape.Rectangle is not (int rows, int columns)
            || known.Inference.GetLength(labels, cancellationToken) is not int m)
        {
            return;
        }

        bool samplesFirst = method.Name == "FromSamples";
        int sampleAxis = samplesFirst ? rows : columns;
        int otherAxis = samplesFirst ? columns : rows;
        if (sampleAxis == m)
        {
            return;
        }

        if (otherAxis == m)
        {
            string replacement = samplesFirst ? "FromFeatures" : "FromSamples";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Transposed,
                x.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(PropertyKeys.Replacement, replacement),
                Display(method),
                samplesFirst ? "(m, n), one row per sample" : "(n, m), one row per feature",
                rows,
                columns,
                m,
                replacement));
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SampleCountMismatch,
            x.Syntax.GetLocation(),
            "x",
            Plural(sampleAxis, "sample") + string.Format(CultureInfo.InvariantCulture, " (shape ({0}, {1}))", rows, columns),
            "labels",
            Plural(m, "label")));
    }

    /// <summary>The first two rows of a jagged array whose lengths are both known and differ: (the first known row, the row that differs).</summary>
    private static (int First, int Other)? FindRaggedRows(ImmutableArray<int> lengths)
    {
        if (lengths.IsDefaultOrEmpty)
        {
            return null;
        }

        int first = -1;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] == Shape.UnknownRow)
            {
                continue;
            }

            if (first < 0)
            {
                first = i;
            }
            else if (lengths[i] != lengths[first])
            {
                return (first, i);
            }
        }

        return null;
    }

    private static void CheckSameCount(OperationAnalysisContext context, KnownTypes known, IArgumentOperation? first, IArgumentOperation? second, CancellationToken cancellationToken)
    {
        if (first?.Parameter is null || second?.Parameter is null
            || known.Inference.GetLength(first, cancellationToken) is not int a
            || known.Inference.GetLength(second, cancellationToken) is not int b
            || a == b)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SampleCountMismatch,
            second.Syntax.GetLocation(),
            first.Parameter.Name,
            Plural(a, "entry"),
            second.Parameter.Name,
            Plural(b, "entry")));
    }

    /// <summary>Constant values in a <c>new TrainingOptions { ... }</c> initializer that <c>Validate()</c> rejects.</summary>
    private static void AnalyzeOptions(OperationAnalysisContext context, IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            return;
        }

        // The options set in this initializer, for the combinations Validate() rejects.
        var assigned = new Dictionary<string, IOperation>(StringComparer.Ordinal);
        foreach (IOperation initializer in creation.Initializer.Initializers)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property }, Value: { } value })
            {
                continue;
            }

            assigned[property.Name] = value;
            CheckOption(context, property, value, value.Syntax.GetLocation());
        }

        // C with a positive L2; ClassWeights with BalancedClassWeights = true; WeightsPerClass with either; L1 with another solver.
        if (assigned.TryGetValue("L2", out IOperation? l2) && IsSet(assigned, "C") && ConstantDouble(l2) is double l2Value && l2Value > 0d)
        {
            ReportCombination(context, l2, "L2", Convert.ToString(l2Value, CultureInfo.InvariantCulture), OptionRules.CWithL2);
        }

        bool balanced = assigned.TryGetValue("BalancedClassWeights", out IOperation? balance) && balance.ConstantValue is { HasValue: true, Value: true };
        if (balanced && IsSet(assigned, "ClassWeights"))
        {
            ReportCombination(context, balance!, "BalancedClassWeights", "true", OptionRules.ClassWeightsWithBalanced);
        }

        if (assigned.TryGetValue("WeightsPerClass", out IOperation? perClass) && IsSet(assigned, "WeightsPerClass") && (balanced || IsSet(assigned, "ClassWeights")))
        {
            ReportCombination(context, perClass, "WeightsPerClass", perClass.Syntax.ToString(), OptionRules.WeightsPerClassWithOthers);
        }

        // A positive L1Ratio with a solver other than Auto or ProximalNewton. (L1Ratio without C is not reported:
        // cross-validation and TrainPath set C themselves.)
        if (assigned.TryGetValue("L1Ratio", out IOperation? ratio) && ConstantDouble(ratio) is double ratioValue && ratioValue > 0d
            && assigned.TryGetValue("Solver", out IOperation? solver) && solver.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } solverType
            && solver.ConstantValue is { HasValue: true, Value: { } solverValue }
            && EnumMember(solverType, solverValue) is { Name: not ("Auto" or "ProximalNewton") } member)
        {
            ReportCombination(context, solver, "Solver", "Solver." + member.Name, OptionRules.L1RatioSolver);
        }
    }

    /// <summary>The member of <paramref name="enumType"/> whose value is <paramref name="value"/>, or null when none has it.</summary>
    private static IFieldSymbol? EnumMember(INamedTypeSymbol enumType, object value) =>
        enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));

    /// <summary>One option's constant value that <c>Validate()</c> rejects, reported at <paramref name="location"/>.</summary>
    private static void CheckOption(OperationAnalysisContext context, IPropertySymbol property, IOperation value, Location location)
    {
        // An enum value that no member has, such as (Solver)9.
        if (property.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            if (value.ConstantValue is { HasValue: true, Value: { } enumValue }
                && EnumMember(enumType, enumValue) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InvalidOption,
                    location,
                    property.Name,
                    $"({enumType.Name}){Convert.ToString(enumValue, CultureInfo.InvariantCulture)}",
                    property.Name == "Solver" ? OptionRules.Solver : $"{property.Name} must be one of the values of the {enumType.Name} enum"));
            }

            return;
        }

        IOperation operand = Unwrap(value);
        if (operand.ConstantValue is not { HasValue: true, Value: { } constant } || !TryToDouble(constant, out double v))
        {
            return;
        }

        string? problem = OptionRules.Check(property.Name, v);
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InvalidOption,
                location,
                property.Name,
                Convert.ToString(constant, CultureInfo.InvariantCulture),
                problem));
        }
    }

    /// <summary>
    /// A call of the user's own helper whose body is <c>return new TrainingOptions { Option = parameter, ... }</c>
    /// with a constant argument that the option rejects: reported on the argument.
    /// </summary>
    private static void AnalyzeOptionFactory(OperationAnalysisContext context, KnownTypes known, IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        IMethodSymbol definition = (method.PartialImplementationPart ?? method).OriginalDefinition;
        if (known.Inference.GetFactoryCreation(definition, known.TrainingOptions!, context.CancellationToken) is not { Initializer: { } initializer })
        {
            return;
        }

        foreach (IOperation assignment in initializer.Initializers)
        {
            if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property }, Value: { } value }
                && Unwrap(value) is IParameterReferenceOperation { Parameter: { } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, definition)
                && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal) is { ArgumentKind: ArgumentKind.Explicit } argument)
            {
                CheckOption(context, property, argument.Value, argument.Value.Syntax.GetLocation());
            }
        }
    }

    /// <summary>Whether the initializer gives the option a value other than a constant null.</summary>
    private static bool IsSet(Dictionary<string, IOperation> assigned, string option)
    {
        if (!assigned.TryGetValue(option, out IOperation? value))
        {
            return false;
        }

        IOperation operand = Unwrap(value);
        return !(operand.ConstantValue is { HasValue: true, Value: null } || operand is IDefaultValueOperation { Type.IsValueType: false });
    }

    private static double? ConstantDouble(IOperation value) =>
        Unwrap(value).ConstantValue is { HasValue: true, Value: { } constant } && TryToDouble(constant, out double v) ? v : null;

    /// <summary>The operand under any conversions that are not constant themselves: a constant wrapped in a nullable conversion (C = -1 for a double?) is not constant itself.</summary>
    private static IOperation Unwrap(IOperation value)
    {
        IOperation operand = value;
        while (!operand.ConstantValue.HasValue && operand is IConversionOperation conversion)
        {
            operand = conversion.Operand;
        }

        return operand;
    }

    private static void ReportCombination(OperationAnalysisContext context, IOperation value, string option, string shown, string rule) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidOption, value.Syntax.GetLocation(), option, shown, rule));

    private static bool TryToDouble(object constant, out double value)
    {
        switch (constant)
        {
            case double d: value = d; return true;
            case float f: value = f; return true;
            case int i: value = i; return true;
            case long l: value = l; return true;
            default: value = 0; return false;
        }
    }

    private static IArgumentOperation? Find(ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsSpan(ITypeSymbol type, out ITypeSymbol element)
    {
        if (type is INamedTypeSymbol { Arity: 1, Name: "Span" or "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } span)
        {
            element = span.TypeArguments[0];
            return true;
        }

        element = type;
        return false;
    }

    /// <summary>
    /// The generated model that a checked method belongs to: the outermost type containing it (the model
    /// itself, or the model of a nested Batch or FeatureVector, whatever the model is named; a model named
    /// Batch has no containing type).
    /// </summary>
    private static string ModelName(INamedTypeSymbol type)
    {
        INamedTypeSymbol current = type;
        while (current.ContainingType is { } outer)
        {
            current = outer;
        }

        return current.Name;
    }

    private static string Display(IMethodSymbol method)
    {
        string type = method.ContainingType.Name;
        return method.MethodKind == MethodKind.Constructor ? "new " + type : type + "." + method.Name;
    }

    private static string Plural(int count, string noun) =>
        count == 1 ? "1 " + noun : string.Format(CultureInfo.InvariantCulture, "{0} {1}", count, noun == "entry" ? "entries" : noun + "s");
}
