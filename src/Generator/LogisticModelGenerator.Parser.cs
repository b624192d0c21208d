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

            string modelName = ModelRules.GetModelName(context.Attributes, type);
            if (!CanEmitModel(type, modelName, context.SemanticModel.Compilation, cancellationToken))
            {
                return null;
            }

            ModelRules.ModelMembers members = ModelRules.GetModelMembers(type, cancellationToken);
            if (!members.CanModel)
            {
                return null;
            }

            Dictionary<string, ISymbol> symbols = GetMemberSymbols(type);
            ImmutableArray<MemberSpec> features = members.Features
                .Select(f => new MemberSpec(f.Name, f.Kind, GetColumnName(symbols, f.Name, type, cancellationToken)))
                .ToImmutableArray();
            var label = new MemberSpec(members.Label!.Value.Name, members.Label.Value.Kind, GetColumnName(symbols, members.Label.Value.Name, type, cancellationToken));
            (RowFactory factory, ImmutableArray<int> order) = GetRowFactory(type, symbols, features.Select(static f => f.Name).Append(label.Name).ToImmutableArray());

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
                IsPublic: ModelRules.IsEffectivelyPublic(type),
                Features: new EquatableArray<MemberSpec>(features),
                Label: label,
                WeightsFile: ModelRules.GetWeightsFile(context.Attributes),
                LabelTypeFullName: members.EnumLabel?.TypeName,
                LabelUnderlyingType: members.EnumLabel?.UnderlyingType,
                Classes: members.EnumLabel is { } enumLabel
                    ? new EquatableArray<ClassSpec>(enumLabel.Classes.Select(static c => new ClassSpec(c.Name, c.Value)).ToImmutableArray())
                    : default,
                RowMajorFeatureOffset: ModelRules.GetRowMajorFeatureOffset(type, members.Features, cancellationToken),
                Factory: factory,
                ConstructorOrder: new EquatableArray<int>(order));
        }

        /// <summary>The data members (features, label, others) by name.</summary>
        private static Dictionary<string, ISymbol> GetMemberSymbols(INamedTypeSymbol type)
        {
            var symbols = new Dictionary<string, ISymbol>(System.StringComparer.Ordinal);
            foreach ((ISymbol member, _, _) in ModelRules.GetDataMembers(type))
            {
                symbols[member.Name] = member;
            }

            return symbols;
        }

        /// <summary>The <c>[ColumnName("...")]</c> of a member (or of its positional parameter), if any.</summary>
        private static string? GetColumnName(Dictionary<string, ISymbol> symbols, string name, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (!symbols.TryGetValue(name, out ISymbol? member))
            {
                return null;
            }

            foreach (AttributeData attribute in ModelRules.GetAttributes(member, type, cancellationToken))
            {
                if (ModelRules.IsRuntimeAttribute(attribute, ModelRules.ColumnNameAttributeName)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string column
                    && column.Length > 0)
                {
                    return column;
                }
            }

            return null;
        }

        /// <summary>
        /// How generated code can create a row from its features and label: a constructor (not obsolete,
        /// visible to the model) whose parameters are exactly those members by name and type, in any order; or
        /// else an object initializer, when the type has a visible parameterless constructor and no visible
        /// constructor with parameters, every one of those members can be set, and no other member is <c>required</c>.
        /// </summary>
        private static (RowFactory Factory, ImmutableArray<int> Order) GetRowFactory(INamedTypeSymbol type, Dictionary<string, ISymbol> symbols, ImmutableArray<string> names)
        {
            if (type.IsAbstract)
            {
                return (RowFactory.None, ImmutableArray<int>.Empty);
            }

            ITypeSymbol?[] types = names.Select(n => symbols.TryGetValue(n, out ISymbol? m) ? MemberType(m) : null).ToArray();
            bool hasRequired = HasRequiredMembers(type);
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (!IsVisible(constructor) || constructor.Parameters.Length != names.Length || IsObsolete(constructor)
                    || (hasRequired && !constructor.GetAttributes().Any(static a => a.AttributeClass?.Name == "SetsRequiredMembersAttribute")))
                {
                    continue;
                }

                var order = ImmutableArray.CreateBuilder<int>(names.Length);
                var used = new bool[names.Length];
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    int index = -1;
                    for (int k = 0; k < names.Length; k++)
                    {
                        if (!used[k]
                            && string.Equals(names[k], parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                            && parameter.RefKind == RefKind.None
                            && SymbolEqualityComparer.Default.Equals(parameter.Type, types[k]))
                        {
                            index = k;
                            break;
                        }
                    }

                    if (index < 0)
                    {
                        break;
                    }

                    used[index] = true;
                    order.Add(index);
                }

                if (order.Count == names.Length)
                {
                    return (RowFactory.Constructor, order.MoveToImmutable());
                }
            }

            // A type built by a constructor (a positional record, say) is left to it: an initializer would
            // leave its other parameters' members unset. Records' copy constructors do not count.
            bool parameterless = type.IsValueType
                ? type.InstanceConstructors.All(static c => c.Parameters.Length != 0 || IsVisible(c))
                : type.InstanceConstructors.Any(static c => c.Parameters.Length == 0 && IsVisible(c) && !IsObsolete(c));
            bool builtByConstructor = type.InstanceConstructors.Any(c =>
                c.Parameters.Length > 0 && !c.IsImplicitlyDeclared && IsVisible(c)
                && !(type.IsRecord && c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)));
            if (!parameterless || builtByConstructor)
            {
                return (RowFactory.None, ImmutableArray<int>.Empty);
            }

            var settable = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (string name in names)
            {
                if (!symbols.TryGetValue(name, out ISymbol? member) || !IsSettable(member))
                {
                    return (RowFactory.None, ImmutableArray<int>.Empty);
                }

                settable.Add(name);
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } && !settable.Contains(member.Name))
                    {
                        return (RowFactory.None, ImmutableArray<int>.Empty);
                    }
                }
            }

            return (RowFactory.Initializer, ImmutableArray<int>.Empty);
        }

        private static ITypeSymbol? MemberType(ISymbol member) => member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static bool HasRequiredMembers(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers().Any(static m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the model, another class of the same assembly, can call it.</summary>
        private static bool IsVisible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        /// <summary>Marked [Obsolete] or [Experimental] (the rule the features follow): calling it would warn in generated code.</summary>
        private static bool IsObsolete(ISymbol symbol) => ModelRules.GetObsoleteOrExperimentalMark(symbol) is not null;

        private static bool IsSettable(ISymbol member) => member switch
        {
            IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
            IPropertySymbol property => property.SetMethod is { } setter && IsVisible(setter) && !IsObsolete(setter),
            _ => false,
        };

        /// <summary>
        /// Non-generic classes and structs (not ref structs, not static) that the generated model, a
        /// top-level class in the same namespace, can see.
        /// </summary>
        private static bool IsSupportedType(INamedTypeSymbol type) => ModelRules.GetTypeProblem(type) == TypeProblem.None;

        /// <summary>
        /// Whether a model of this name can be emitted: no type takes a name every model needs, and the
        /// name is valid, takes nothing the generated or the user's code relies on (LRG023), and collides
        /// with neither the row type nor anything else of that name in the namespace (a type, a partial
        /// class that cannot merge, a namespace). The analyzers report each case (LRG007, LRG008, LRG023).
        /// </summary>
        private static bool CanEmitModel(INamedTypeSymbol type, string name, Compilation compilation, CancellationToken cancellationToken) =>
            ModelRules.FindCapturingType(compilation) is null
            && ModelRules.IsValidModelName(name)
            && ModelRules.GetCapturedName(type.ContainingNamespace, name, 0, compilation) is null
            && ModelRules.GetHiddenName(compilation, type.ContainingNamespace, name) is null
            && ModelRules.GetKernelsNamespaceClash(compilation, type.ContainingNamespace, name) is null
            && !ModelRules.CollidesWithRowType(name, type)
            && ModelRules.GetModelNameCollision(type, name, cancellationToken) is null;

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
            string identifier = ModelRules.GetKernelsSegment(containingNamespace, modelName);
            return ModelRules.GeneratedNamespace + "." + (SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier);
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
