using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LogRegGen.Generator.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LogRegGen.Analyzers;

/// <summary>
/// Explains, on the declaration, why a <c>[LogisticModel]</c> type gets no model or a model that
/// silently differs from what the type suggests (LRG001–LRG010, LRG021–LRG023). It applies the generator's own
/// rules (<see cref="ModelRules"/>), so the two cannot disagree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Type names as in messages: containing types and type parameters, no namespace.</summary>
    private static readonly SymbolDisplayFormat s_typeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NoLabel,
        Descriptors.MultipleLabels,
        Descriptors.UnsupportedLabelType,
        Descriptors.UnsupportedFeatureType,
        Descriptors.NoFeatures,
        Descriptors.GenericType,
        Descriptors.InvalidModelName,
        Descriptors.ModelNameCollision,
        Descriptors.UnsupportedTypeKind,
        Descriptors.ReferenceTypeRow,
        Descriptors.UnreadableFeature,
        Descriptors.UnreadableLabel,
        Descriptors.NonPublicMember,
        Descriptors.CapturedName,
        Descriptors.FlagsEnumLabel,
        Descriptors.EnumLabelAliases,
        Descriptors.EnumLabelTooFewClasses);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(ModelRules.LogisticModelAttributeMetadataName);
            if (attribute is null)
            {
                return;
            }

            var models = new ModelIndex(attribute);
            Compilation compilation = start.Compilation;
            var capturing = new Lazy<(INamedTypeSymbol Type, string Reason)?>(() => ModelRules.FindCapturingType(compilation));
            start.RegisterSymbolAction(c => AnalyzeType(c, attribute, models, capturing), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(
        SymbolAnalysisContext context,
        INamedTypeSymbol attributeType,
        ModelIndex models,
        Lazy<(INamedTypeSymbol Type, string Reason)?> capturing)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = FindAttribute(type, attributeType);
        if (attribute is null)
        {
            return;
        }

        CancellationToken cancellationToken = context.CancellationToken;
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
        string typeName = type.ToDisplayString(s_typeFormat);

        TypeProblem problem = ModelRules.GetTypeProblem(type);
        if (problem == TypeProblem.Generic)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GenericType, typeLocation, typeName));
        }
        else if (problem != TypeProblem.None)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsupportedTypeKind, typeLocation, typeName, DescribeKindProblem(type)));
        }

        if (capturing.Value is { } captured)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CapturedName,
                typeLocation,
                captured.Type.Locations.Where(static l => l.IsInSource),
                typeName,
                $"the type '{captured.Type.ToDisplayString()}' declared in this compilation",
                captured.Reason));
        }

        CheckModelName(context, type, attribute, models, typeName, typeLocation);
        CheckMembers(context, type, typeName, typeLocation, cancellationToken);
    }

    private static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol attributeType)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

    private static string DescribeKindProblem(INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return "it is a static class, which has no instances to use as rows";
        }

        if (type.IsRefLikeType)
        {
            return "it is a ref struct, which cannot be stored in arrays or spans of rows";
        }

        if (type.IsFileLocal)
        {
            return "it is file-local, so the generated model in another file cannot see it";
        }

        if (ModelRules.GetTypeProblem(type) == TypeProblem.ObsoleteOrExperimental && ModelRules.GetObsoleteOrExperimentalType(type) is { } marked)
        {
            string mark = ModelRules.GetObsoleteOrExperimentalMark(marked)!;
            return SymbolEqualityComparer.Default.Equals(marked, type)
                ? $"it is marked {mark}, and the generated model, which names it in every member, would not compile without warnings or errors"
                : $"it is nested in '{marked.Name}', which is marked {mark}, and the generated model, which names it in every member, would not compile without warnings or errors";
        }

        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return "only classes and structs can be modelled";
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return $"it is nested in '{current.Name}', which is file-local, so the generated model in another file cannot see it";
            }

            if (!ModelRules.IsVisibleToNamespace(current))
            {
                return SymbolEqualityComparer.Default.Equals(current, type)
                    ? "it is private or protected, so the generated top-level model cannot see it; make it internal or public"
                    : $"it is nested in '{current.Name}', which is private or protected, so the generated top-level model cannot see it";
            }
        }

        return "the generated model cannot see it";
    }

    private static void CheckModelName(
        SymbolAnalysisContext context,
        INamedTypeSymbol type,
        AttributeData attribute,
        ModelIndex models,
        string typeName,
        Location typeLocation)
    {
        string name = ModelRules.GetModelName(ImmutableArray.Create(attribute), type);
        Location nameLocation = GetModelNameLocation(attribute, context.CancellationToken) ?? typeLocation;
        if (ModelRules.GetModelNameProblem(name) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidModelName, nameLocation, name, problem));
            return;
        }

        if ((ModelRules.GetCapturedName(type.ContainingNamespace, name, 0, context.Compilation)
             ?? ModelRules.GetHiddenName(context.Compilation, type.ContainingNamespace, name)
             ?? ModelRules.GetKernelsNamespaceClash(context.Compilation, type.ContainingNamespace, name)) is { } captured)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CapturedName, nameLocation, typeName, $"its model '{name}'", captured));
            return;
        }

        string? collision = ModelRules.CollidesWithRowType(name, type)
            ? "the row type itself"
            : FindCollision(type, name, models, context.CancellationToken);
        if (collision is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ModelNameCollision, nameLocation, name, collision, typeName));
        }
    }

    private static Location? GetModelNameLocation(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == ModelRules.ModelNameArgument)
            {
                return argument.Expression.GetLocation();
            }
        }

        return null;
    }

    /// <summary>
    /// A type or namespace of the model's name in the row type's namespace that the generated class
    /// cannot merge with (<see cref="ModelRules.GetModelNameCollision"/>), or another
    /// <c>[LogisticModel]</c> type in that namespace whose model would have the same name. Only the
    /// given name is looked up, so the check costs the same however many types the namespace holds.
    /// </summary>
    private static string? FindCollision(INamedTypeSymbol type, string name, ModelIndex models, CancellationToken cancellationToken)
    {
        if (ModelRules.GetModelNameCollision(type, name, cancellationToken) is { } collision)
        {
            return collision;
        }

        INamespaceSymbol ns = type.ContainingNamespace;
        // Two [LogisticModel] types of the same namespace (nested in different containers) with the
        // same model name: the generator skips both rather than pick one.
        IReadOnlyList<INamedTypeSymbol> sameName = models.Get(ns, name, cancellationToken);
        if (!sameName.Contains(type, SymbolEqualityComparer.Default))
        {
            // This type gets no model (its own diagnostics say why), so it takes no name from another.
            return null;
        }

        foreach (INamedTypeSymbol other in sameName)
        {
            if (!SymbolEqualityComparer.Default.Equals(other, type))
            {
                return $"the model of '{other.ToDisplayString(s_typeFormat)}'";
            }
        }

        return null;
    }

    /// <summary>
    /// The modellable <c>[LogisticModel]</c> types of each namespace by model name, built once per
    /// namespace and compilation (the first model of a namespace walks its types, every other model
    /// looks its name up), so that the analyzer's work grows linearly with the number of models.
    /// </summary>
    private sealed class ModelIndex
    {
        private readonly INamedTypeSymbol _attributeType;
        private readonly ConcurrentDictionary<INamespaceSymbol, Lazy<Dictionary<string, List<INamedTypeSymbol>>>> _byNamespace =
            new(SymbolEqualityComparer.Default);

        public ModelIndex(INamedTypeSymbol attributeType) => _attributeType = attributeType;

        /// <summary>The <c>[LogisticModel]</c> types of <paramref name="ns"/> whose model is named <paramref name="name"/>.</summary>
        public IReadOnlyList<INamedTypeSymbol> Get(INamespaceSymbol ns, string name, CancellationToken cancellationToken)
        {
            Dictionary<string, List<INamedTypeSymbol>> index = _byNamespace
                .GetOrAdd(ns, key => new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(() => Build(key, cancellationToken), LazyThreadSafetyMode.PublicationOnly))
                .Value;
            return index.TryGetValue(name, out List<INamedTypeSymbol>? types) ? types : (IReadOnlyList<INamedTypeSymbol>)Array.Empty<INamedTypeSymbol>();
        }

        private Dictionary<string, List<INamedTypeSymbol>> Build(INamespaceSymbol ns, CancellationToken cancellationToken)
        {
            var index = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
            var pending = new Stack<INamedTypeSymbol>(ns.GetTypeMembers().Where(static t => IsInUserCode(t)));
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                INamedTypeSymbol current = pending.Pop();
                foreach (INamedTypeSymbol nested in current.GetTypeMembers())
                {
                    if (IsInUserCode(nested))
                    {
                        pending.Push(nested);
                    }
                }

                // Only the types that get a model take its name, as in the generator (which drops only
                // models it would generate twice): a [LogisticModel] type without a label, say, does not.
                AttributeData? attribute = FindAttribute(current, _attributeType);
                if (attribute is null || ModelRules.GetTypeProblem(current) != TypeProblem.None || !ModelRules.GetModelMembers(current, cancellationToken).CanModel)
                {
                    continue;
                }

                string name = ModelRules.GetModelName(ImmutableArray.Create(attribute), current);
                if (!ModelRules.IsValidModelName(name)
                    || ModelRules.CollidesWithRowType(name, current)
                    || ModelRules.GetModelNameCollision(current, name, cancellationToken) is not null)
                {
                    // Its own LRG007 or LRG008 keeps it from having a model, so it takes no name from another.
                    continue;
                }

                if (!index.TryGetValue(name, out List<INamedTypeSymbol>? types))
                {
                    index.Add(name, types = new List<INamedTypeSymbol>());
                }

                types.Add(current);
            }

            return index;
        }

        /// <summary>
        /// Whether a type has a declaration outside generated code. The analyzer does not look at
        /// generated code (so a row declared there is never reported), and the generated models, with
        /// their nested types, would otherwise make up most of what the index walks: reading their
        /// attributes binds the generated files, which costs more than all the rows together.
        /// </summary>
        private static bool IsInUserCode(INamedTypeSymbol type)
        {
            foreach (Location location in type.Locations)
            {
                if (location.IsInSource && !IsGeneratedFile(location.SourceTree!))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Roslyn's convention for generated files: the file name, or an <c>&lt;auto-generated</c> comment at the top.</summary>
        private static bool IsGeneratedFile(SyntaxTree tree)
        {
            string path = tree.FilePath;
            if (path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase)
                || System.IO.Path.GetFileName(path).StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (SyntaxTrivia trivia in tree.GetRoot().GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    if (trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return true;
                    }
                }
                else if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    break;
                }
            }

            return false;
        }
    }

    private static void CheckMembers(SymbolAnalysisContext context, INamedTypeSymbol type, string typeName, Location typeLocation, CancellationToken cancellationToken)
    {
        var labels = new List<ISymbol>();
        int featureCount = 0;
        var unignoredBools = new List<ISymbol>();
        ISymbol? namedCandidate = null;
        int namedCandidates = 0;

        foreach ((ISymbol member, ITypeSymbol memberType, string? unreadable) in ModelRules.GetDataMembers(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImmutableArray<AttributeData> attributes = ModelRules.GetAttributes(member, type, cancellationToken);
            bool isLabel = ModelRules.HasRuntimeAttribute(attributes, ModelRules.LabelAttributeName);
            bool isIgnored = ModelRules.HasRuntimeAttribute(attributes, ModelRules.IgnoreAttributeName);
            bool isNumeric = ModelRules.GetNumericKind(memberType) is not null;
            // A member inherited from a base type is reported on the row type, with the member's own
            // declaration as an additional location: on the base alone it would read as the base
            // type's problem (and the base may be a model of its own, which is fine).
            Location location = GetMemberLocation(member, type, typeLocation);
            Location[]? also = !SymbolEqualityComparer.Default.Equals(member.ContainingType, type) && GetDeclaredLocation(member) is { } declared ? new[] { declared } : null;

            if (isLabel)
            {
                labels.Add(member);
                if (ModelRules.GetEnumLabel(memberType) is { } enumLabel)
                {
                    string enumName = memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                    switch (enumLabel.Problem)
                    {
                        case EnumLabelProblem.Flags:
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.FlagsEnumLabel, location, also, member.Name, enumName));
                            break;
                        case EnumLabelProblem.Aliases:
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.EnumLabelAliases, location, also, member.Name, enumName, enumLabel.Aliases));
                            break;
                        case EnumLabelProblem.TooFewMembers:
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.EnumLabelTooFewClasses, location, also, member.Name, enumName, enumLabel.Classes.Length));
                            break;
                        case EnumLabelProblem.Obsolete:
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableLabel, location, also, member.Name, $"its enum '{enumName}' is marked obsolete or experimental"));
                            break;
                        default:
                            if (unreadable is not null)
                            {
                                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableLabel, location, also, member.Name, unreadable));
                            }

                            break;
                    }
                }
                else if (!isNumeric)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnsupportedLabelType,
                        location, also,
                        member.Name,
                        memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                }
                else if (unreadable is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableLabel, location, also, member.Name, unreadable));
                }

                continue;
            }

            if (isIgnored)
            {
                continue;
            }

            if (!isNumeric)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnsupportedFeatureType,
                    location, also,
                    member.Name,
                    memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                continue;
            }

            if (unreadable is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreadableFeature, location, also, member.Name, unreadable));
                continue;
            }

            featureCount++;
            if (memberType.SpecialType == SpecialType.System_Boolean)
            {
                unignoredBools.Add(member);
            }

            if (IsConventionalLabelName(member.Name))
            {
                namedCandidate = member;
                namedCandidates++;
            }
        }

        ReportNonPublicMembers(context, type, typeName, cancellationToken);

        if (labels.Count == 0)
        {
            // The fix marks the member named like a label, or else the only bool member; it is
            // offered only when exactly one member qualifies.
            ISymbol? candidate = namedCandidates == 1 ? namedCandidate : namedCandidates == 0 && unignoredBools.Count == 1 ? unignoredBools[0] : null;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            IEnumerable<Location>? additional = null;
            if (candidate is not null && GetMemberLocation(candidate, type, typeLocation) is { IsInSource: true } candidateLocation && candidateLocation != typeLocation)
            {
                properties = properties.Add(PropertyKeys.LabelCandidate, candidate.Name);
                additional = new[] { candidateLocation };
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoLabel, typeLocation, additional, properties, typeName));
        }
        else if (labels.Count > 1)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MultipleLabels,
                typeLocation,
                labels.Select(l => GetMemberLocation(l, type, typeLocation)),
                typeName,
                labels.Count,
                string.Join(", ", labels.Select(static l => l.Name))));
        }

        if (featureCount == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoFeatures, typeLocation, typeName));
            return;
        }

        if (!type.IsValueType && type.TypeKind == TypeKind.Class && !type.IsStatic)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ReferenceTypeRow, typeLocation, typeName, type.IsRecord ? "record class" : "class"));
        }
    }

    /// <summary>
    /// LRG029: an instance field or property of the row type's own declaration that would be a feature
    /// if it were public — numeric or bool, <c>internal</c> or <c>protected internal</c>, not marked
    /// [Ignore] or [Label]. Private and protected members are deliberately hidden and are not reported.
    /// </summary>
    private static void ReportNonPublicMembers(SymbolAnalysisContext context, INamedTypeSymbol type, string typeName, CancellationToken cancellationToken)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared
                || member.DeclaredAccessibility is not (Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                continue;
            }

            ITypeSymbol? memberType = member switch
            {
                IFieldSymbol { IsConst: false, IsFixedSizeBuffer: false } field => field.Type,
                IPropertySymbol { IsIndexer: false, ExplicitInterfaceImplementations.IsEmpty: true } property => property.Type,
                _ => null,
            };
            if (memberType is null || ModelRules.GetNumericKind(memberType) is null || GetDeclaredLocation(member) is not { } location)
            {
                continue;
            }

            ImmutableArray<AttributeData> attributes = ModelRules.GetAttributes(member, type, cancellationToken);
            if (ModelRules.HasRuntimeAttribute(attributes, ModelRules.IgnoreAttributeName) || ModelRules.HasRuntimeAttribute(attributes, ModelRules.LabelAttributeName))
            {
                continue;
            }

            string accessibility = member.DeclaredAccessibility == Accessibility.Internal ? "internal" : "protected internal";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonPublicMember, location, member.Name, accessibility, typeName));
        }
    }

    /// <summary>Names that conventionally hold the label: Label, Target, Y (any case).</summary>
    internal static bool IsConventionalLabelName(string name) =>
        string.Equals(name, "Label", System.StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Target", System.StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Y", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Where to report a member: its declaration, or the row type's name for an inherited member.</summary>
    private static Location GetMemberLocation(ISymbol member, INamedTypeSymbol type, Location typeLocation) =>
        SymbolEqualityComparer.Default.Equals(member.ContainingType, type) ? GetDeclaredLocation(member) ?? typeLocation : typeLocation;

    /// <summary>Where the member is declared in this compilation (a positional parameter's name for a record), else null.</summary>
    private static Location? GetDeclaredLocation(ISymbol member)
    {
        foreach (Location location in member.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return null;
    }
}
