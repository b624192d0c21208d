using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;
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
        private const string RuntimeNamespace = "LogRegGen";
        private const string LabelAttributeName = "LabelAttribute";
        private const string IgnoreAttributeName = "IgnoreAttribute";

        private static readonly SymbolDisplayFormat s_namespaceFormat = new(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        public static bool IsCandidate(SyntaxNode node) => node is TypeDeclarationSyntax;

        public static ModelSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || !IsSupportedType(type))
            {
                return null;
            }

            string? modelName = GetModelName(context.Attributes, type);
            if (modelName is null)
            {
                return null;
            }

            ImmutableArray<MemberSpec>.Builder features = ImmutableArray.CreateBuilder<MemberSpec>();
            MemberSpec? label = null;
            int labelCount = 0;

            foreach ((ISymbol member, ITypeSymbol memberType) in GetDataMembers(type))
            {
                cancellationToken.ThrowIfCancellationRequested();

                ImmutableArray<AttributeData> attributes = GetAttributes(member, type, cancellationToken);
                bool isLabel = HasRuntimeAttribute(attributes, LabelAttributeName);
                NumericKind? kind = GetNumericKind(memberType);

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
                if (kind is { } featureKind && !HasRuntimeAttribute(attributes, IgnoreAttributeName))
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

            return new ModelSpec(
                Namespace: ns,
                RowTypeName: type.Name,
                RowTypeFullName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                ModelName: modelName,
                HintName: GetHintName(type),
                Kind: GetRowKind(type),
                IsPublic: IsEffectivelyPublic(type),
                Features: new EquatableArray<MemberSpec>(features.ToImmutable()),
                Label: label.Value);
        }

        /// <summary>
        /// Non-generic classes and structs (not ref structs, not static) that the generated model, a
        /// top-level class in the same namespace, can see.
        /// </summary>
        private static bool IsSupportedType(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsRefLikeType || type.IsFileLocal)
            {
                return false;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    return false;
                }

                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

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
        private static string? GetModelName(ImmutableArray<AttributeData> attributes, INamedTypeSymbol type)
        {
            string name = type.Name + "Model";
            foreach (AttributeData attribute in attributes)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == "ModelName" && argument.Value.Value is string given && given.Length != 0)
                    {
                        name = given;
                    }
                }
            }

            // An invalid name, or one that would make the model collide with the row type itself,
            // cannot be emitted; the analyzers report it.
            if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            {
                return null;
            }

            if (type.ContainingType is null && name == type.Name)
            {
                return null;
            }

            return name;
        }

        /// <summary>
        /// The public, readable instance properties and fields, base types first, each in declaration
        /// order; a member redeclared in a derived type keeps the position of its first declaration.
        /// </summary>
        private static List<(ISymbol Member, ITypeSymbol Type)> GetDataMembers(INamedTypeSymbol type)
        {
            var chain = new Stack<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type;
                 current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType);
                 current = current.BaseType)
            {
                chain.Push(current);
            }

            var members = new List<(ISymbol Member, ITypeSymbol Type)>();
            var indexByName = new Dictionary<string, int>();
            foreach (INamedTypeSymbol declaring in chain)
            {
                foreach (ISymbol member in declaring.GetMembers())
                {
                    ITypeSymbol? memberType = member switch
                    {
                        IFieldSymbol field when IsDataField(field) => field.Type,
                        IPropertySymbol property when IsDataProperty(property) => property.Type,
                        _ => null,
                    };

                    if (memberType is null)
                    {
                        continue;
                    }

                    if (indexByName.TryGetValue(member.Name, out int index))
                    {
                        members[index] = (member, memberType);
                    }
                    else
                    {
                        indexByName.Add(member.Name, members.Count);
                        members.Add((member, memberType));
                    }
                }
            }

            return members;
        }

        private static bool IsDataField(IFieldSymbol field) =>
            field.DeclaredAccessibility == Accessibility.Public
            && !field.IsStatic
            && !field.IsConst
            && !field.IsImplicitlyDeclared
            && !field.IsFixedSizeBuffer;

        private static bool IsDataProperty(IPropertySymbol property) =>
            property.DeclaredAccessibility == Accessibility.Public
            && !property.IsStatic
            && !property.IsIndexer
            && property.ExplicitInterfaceImplementations.IsEmpty
            && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
            && !property.ReturnsByRef
            && !property.ReturnsByRefReadonly;

        /// <summary>
        /// A member's attributes, plus those written on the matching positional parameter of a record
        /// (where <c>[Label]</c> and <c>[Ignore]</c> land when written as <c>record R([Label] bool Y)</c>).
        /// </summary>
        private static ImmutableArray<AttributeData> GetAttributes(ISymbol member, INamedTypeSymbol rowType, CancellationToken cancellationToken)
        {
            ImmutableArray<AttributeData> attributes = member.GetAttributes();
            if (member is not IPropertySymbol || !SymbolEqualityComparer.Default.Equals(member.ContainingType, rowType) || !rowType.IsRecord)
            {
                return attributes;
            }

            foreach (IMethodSymbol constructor in rowType.InstanceConstructors)
            {
                if (!IsPrimaryConstructor(constructor, cancellationToken))
                {
                    continue;
                }

                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    if (parameter.Name == member.Name)
                    {
                        return attributes.AddRange(parameter.GetAttributes());
                    }
                }
            }

            return attributes;
        }

        private static bool IsPrimaryConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is RecordDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasRuntimeAttribute(ImmutableArray<AttributeData> attributes, string name) =>
            attributes.Any(a => a.AttributeClass is { } c
                && c.Name == name
                && c.ContainingNamespace is { Name: RuntimeNamespace, ContainingNamespace.IsGlobalNamespace: true });

        private static NumericKind? GetNumericKind(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Single => NumericKind.Single,
            SpecialType.System_Double => NumericKind.Double,
            SpecialType.System_Int32 => NumericKind.Int32,
            SpecialType.System_Int64 => NumericKind.Int64,
            SpecialType.System_Int16 => NumericKind.Int16,
            SpecialType.System_Byte => NumericKind.Byte,
            SpecialType.System_Boolean => NumericKind.Boolean,
            _ => null,
        };

        private static RowKind GetRowKind(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
        {
            (true, true) => RowKind.RecordStruct,
            (true, false) => RowKind.RecordClass,
            (false, true) => RowKind.Struct,
            _ => RowKind.Class,
        };

        /// <summary><c>{Namespace}.{Containing.}{Type}.LogisticModel.g.cs</c>: unique per type.</summary>
        private static string GetHintName(INamedTypeSymbol type)
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

            return string.Join(".", parts) + ".LogisticModel.g.cs";
        }
    }
}
