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
/// silently differs from what the type suggests (LRG001–LRG011). It applies the generator's own
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
        Descriptors.NotFullyUnrolled);

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

            start.RegisterSymbolAction(c => AnalyzeType(c, attribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
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

        CheckModelName(context, type, attribute, attributeType, typeName, typeLocation);
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
        INamedTypeSymbol attributeType,
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

        string? collision = ModelRules.CollidesWithRowType(name, type)
            ? "the row type itself"
            : FindCollision(type, name, attributeType, context.CancellationToken);
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
    /// Another type of the model's name in the row type's namespace, declared in source and not a
    /// partial class (which would merge with the generated model), or another <c>[LogisticModel]</c>
    /// type in that namespace whose model would have the same name.
    /// </summary>
    private static string? FindCollision(INamedTypeSymbol type, string name, INamedTypeSymbol attributeType, CancellationToken cancellationToken)
    {
        INamespaceSymbol ns = type.ContainingNamespace;
        switch (ModelRules.FindDeclaredCollision(ns, name, cancellationToken))
        {
            case INamedTypeSymbol existing:
                return $"the {Describe(existing)} '{existing.ToDisplayString(s_typeFormat)}' declared in this namespace";
            case INamespaceSymbol existing:
                // The class and the namespace would clash (CS0101).
                return $"the namespace '{existing.ToDisplayString()}' declared in this namespace";
        }

        // Two [LogisticModel] types of the same namespace (nested in different containers) with the
        // same model name: the generator skips both rather than pick one.
        foreach (INamedTypeSymbol other in EnumerateNestedTypes(ns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolEqualityComparer.Default.Equals(other, type) || ModelRules.GetTypeProblem(other) != TypeProblem.None)
            {
                continue;
            }

            AttributeData? otherAttribute = FindAttribute(other, attributeType);
            if (otherAttribute is not null && ModelRules.GetModelName(ImmutableArray.Create(otherAttribute), other) == name)
            {
                return $"the model of '{other.ToDisplayString(s_typeFormat)}'";
            }
        }

        return null;
    }

    private static string Describe(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        TypeKind.Enum => "enum",
        TypeKind.Delegate => "delegate",
        _ => type.IsRecord ? "record" : "class",
    };

    /// <summary>The types of a namespace (not its sub-namespaces), including nested types, in source.</summary>
    private static IEnumerable<INamedTypeSymbol> EnumerateNestedTypes(INamespaceSymbol ns)
    {
        var pending = new Stack<INamedTypeSymbol>(ns.GetTypeMembers().Where(static t => t.Locations.Any(static l => l.IsInSource)));
        while (pending.Count > 0)
        {
            INamedTypeSymbol current = pending.Pop();
            yield return current;
            foreach (INamedTypeSymbol nested in current.GetTypeMembers())
            {
                pending.Push(nested);
            }
        }
    }

    private static void CheckMembers(SymbolAnalysisContext context, INamedTypeSymbol type, string typeName, Location typeLocation, CancellationToken cancellationToken)
    {
        var labels = new List<ISymbol>();
        int featureCount = 0;
        var unignoredBools = new List<ISymbol>();
        ISymbol? namedCandidate = null;
        int namedCandidates = 0;

        foreach ((ISymbol member, ITypeSymbol memberType) in ModelRules.GetDataMembers(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImmutableArray<AttributeData> attributes = ModelRules.GetAttributes(member, type, cancellationToken);
            bool isLabel = ModelRules.HasRuntimeAttribute(attributes, ModelRules.LabelAttributeName);
            bool isIgnored = ModelRules.HasRuntimeAttribute(attributes, ModelRules.IgnoreAttributeName);
            bool isNumeric = ModelRules.GetNumericKind(memberType) is not null;
            Location location = GetMemberLocation(member, typeLocation);

            if (isLabel)
            {
                labels.Add(member);
                if (!isNumeric)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnsupportedLabelType,
                        location,
                        member.Name,
                        memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
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
                    location,
                    member.Name,
                    memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
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

        if (labels.Count == 0)
        {
            // The fix marks the member named like a label, or else the only bool member; it is
            // offered only when exactly one member qualifies.
            ISymbol? candidate = namedCandidates == 1 ? namedCandidate : namedCandidates == 0 && unignoredBools.Count == 1 ? unignoredBools[0] : null;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            IEnumerable<Location>? additional = null;
            if (candidate is not null && GetMemberLocation(candidate, typeLocation) is { IsInSource: true } candidateLocation && candidateLocation != typeLocation)
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
                labels.Select(l => GetMemberLocation(l, typeLocation)),
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

        if (featureCount > ModelRules.FullUnrollLimit)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotFullyUnrolled, typeLocation, typeName, featureCount, ModelRules.FullUnrollLimit));
        }
    }

    /// <summary>Names that conventionally hold the label: Label, Target, Y (any case).</summary>
    internal static bool IsConventionalLabelName(string name) =>
        string.Equals(name, "Label", System.StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Target", System.StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Y", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the member is declared in this compilation (a positional parameter's name for a record), else the type.</summary>
    private static Location GetMemberLocation(ISymbol member, Location typeLocation)
    {
        foreach (Location location in member.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return typeLocation;
    }
}
