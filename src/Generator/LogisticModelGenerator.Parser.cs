using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;
using LogRegGen.Generator.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LogRegGen.Generator;

public sealed partial class LogisticModelGenerator
{
    /// <summary>
    /// Turns a <c>[LogisticModel]</c> type symbol into a <see cref="ModelSpec"/>, or null when the type
    /// cannot be modelled (the analyzers own the diagnostics for those cases).
    /// </summary>
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat s_namespaceFormat = new(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        public static bool IsCandidate(SyntaxNode node) => node is TypeDeclarationSyntax;

        /// <summary>The spec of a marked type with where its <c>WeightsFile</c> argument is, or null.</summary>
        public static ParsedModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (ParseSpec(context, cancellationToken) is not { } spec)
            {
                return null;
            }

            return new ParsedModel(spec, spec.WeightsFile is null ? null : LocationInfo.From(FindWeightsFileArgument(context, cancellationToken)));
        }

        /// <summary>The <c>WeightsFile = ...</c> argument of the attribute (or the attribute itself).</summary>
        private static SyntaxNode? FindWeightsFileArgument(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            SyntaxNode? argument = null;
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                {
                    argument = syntax.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == ModelRules.WeightsFileArgument) ?? (SyntaxNode)syntax;
                }
            }

            return argument;
        }

        private static ModelSpec? ParseSpec(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || !IsSupportedType(type))
            {
                return null;
            }

            string? modelName = GetModelName(context.Attributes, type, cancellationToken);
            if (modelName is null)
            {
                return null;
            }

            ImmutableArray<MemberSpec>.Builder features = ImmutableArray.CreateBuilder<MemberSpec>();
            MemberSpec? label = null;
            int labelCount = 0;

            foreach ((ISymbol member, ITypeSymbol memberType) in ModelRules.GetDataMembers(type))
            {
                cancellationToken.ThrowIfCancellationRequested();

                ImmutableArray<AttributeData> attributes = ModelRules.GetAttributes(member, type, cancellationToken);
                bool isLabel = ModelRules.HasRuntimeAttribute(attributes, ModelRules.LabelAttributeName);
                NumericKind? kind = ModelRules.GetNumericKind(memberType);

                if (isLabel)
                {
                    labelCount++;
                    if (kind is { } labelKind)
                    {
                        label = new MemberSpec(member.Name, labelKind);
                    }

                    continue;
                }

                // Ignored members and members of other types are not features; the analyzers tell the
                // user about the latter so that nothing is left out silently.
                if (kind is { } featureKind && !ModelRules.HasRuntimeAttribute(attributes, ModelRules.IgnoreAttributeName))
                {
                    features.Add(new MemberSpec(member.Name, featureKind));
                }
            }

            if (labelCount != 1 || label is null || features.Count == 0)
            {
                return null;
            }

            string? ns = type.ContainingNamespace.IsGlobalNamespace
                ? null
                : type.ContainingNamespace.ToDisplayString(s_namespaceFormat);

            string hintStem = GetHintStem(type);
            return new ModelSpec(
                Namespace: ns,
                RowTypeName: type.Name,
                RowTypeFullName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                ModelName: modelName,
                HintName: hintStem + ModelSpec.ModelFileSuffix,
                KernelsHintName: hintStem + ModelSpec.KernelsFileSuffix,
                KernelsNamespace: GetKernelsNamespace(type.ContainingNamespace, modelName),
                Kind: GetRowKind(type),
                IsPublic: IsEffectivelyPublic(type),
                Features: new EquatableArray<MemberSpec>(features.ToImmutable()),
                Label: label.Value,
                WeightsFile: ModelRules.GetWeightsFile(context.Attributes));
        }

        /// <summary>
        /// Non-generic classes and structs (not ref structs, not static) that the generated model, a
        /// top-level class in the same namespace, can see.
        /// </summary>
        private static bool IsSupportedType(INamedTypeSymbol type) => ModelRules.GetTypeProblem(type) == TypeProblem.None;

        private static bool IsEffectivelyPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The <c>ModelName</c> argument, or <c>{Type}Model</c>; null when it is not usable.</summary>
        private static string? GetModelName(ImmutableArray<AttributeData> attributes, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            string name = ModelRules.GetModelName(attributes, type);

            // An invalid name, or one that would make the model collide with the row type itself or
            // with another type or a namespace of the user's, cannot be emitted; the analyzers report it.
            return ModelRules.IsValidModelName(name)
                && !ModelRules.CollidesWithRowType(name, type)
                && ModelRules.FindDeclaredCollision(type.ContainingNamespace, name, cancellationToken) is null
                    ? name
                    : null;
        }

        private static RowKind GetRowKind(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
        {
            (true, true) => RowKind.RecordStruct,
            (true, false) => RowKind.RecordClass,
            (false, true) => RowKind.Struct,
            _ => RowKind.Class,
        };

        /// <summary>
        /// The namespace of the model's kernels: <c>LogRegGen.Generated.</c> and one identifier made of the
        /// model's fully qualified name (<c>Sample.Tumor</c>'s model → <c>LogRegGen.Generated.Sample_TumorModel</c>;
        /// an underscore in a name is written <c>_0</c>, so that no two names meet: a separating underscore is
        /// followed by the start of a name, never by a digit). One segment, so that no model's
        /// kernel namespace is a parent of another's and none can hide a name the kernels use.
        /// </summary>
        private static string GetKernelsNamespace(INamespaceSymbol containingNamespace, string modelName)
        {
            var parts = new Stack<string>();
            parts.Push(modelName.Replace("_", "_0"));
            for (INamespaceSymbol? ns = containingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Push(ns.Name.Replace("_", "_0"));
            }

            string identifier = string.Join("_", parts);
            return "LogRegGen.Generated." + (SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier);
        }

        /// <summary>
        /// <c>{Namespace}.{Containing.}{Type}</c>, the stem of the hint names; the pipeline adds a suffix to
        /// stems that collide ignoring case (see <c>WithUniqueHintNames</c>).
        /// </summary>
        private static string GetHintStem(INamedTypeSymbol type)
        {
            var parts = new Stack<string>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                parts.Push(current.Name);
            }

            // Names as declared (no '@' escapes, which hint names may not contain).
            for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Push(ns.Name);
            }

            return string.Join(".", parts);
        }
    }
}
