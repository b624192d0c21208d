using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

// Compiled into both the generator and the analyzers (linked, not referenced), so that the two agree
// on which members are features and which is the label: the generator builds models with these rules
// and the analyzers explain, with the same rules, why a type gets no model or loses a member.
namespace LogRegGen.Generator.Model
{
    /// <summary>How the generated code reads a member as a float.</summary>
    internal enum NumericKind
    {
        Single,
        Double,
        Int32,
        Int64,
        Int16,
        Byte,
        Boolean,
    }
}

namespace LogRegGen.Generator.Shared
{
    using LogRegGen.Generator.Model;

    /// <summary>Why a <c>[LogisticModel]</c> type cannot have a model, whatever its members.</summary>
    internal enum TypeProblem
    {
        None,

        /// <summary>The type, or a type that contains it, has type parameters.</summary>
        Generic,

        /// <summary>Not a class or struct, or a static class, a ref struct or a file-local type.</summary>
        UnsupportedKind,

        /// <summary>The type, or a type that contains it, is private, protected or private protected.</summary>
        Inaccessible,
    }

    /// <summary>
    /// The symbol-level rules that decide what a <c>[LogisticModel]</c> type's model looks like: which
    /// members are data members, which of them are numeric, how <c>[Label]</c> and <c>[Ignore]</c> are
    /// found, and which types and model names can be emitted.
    /// </summary>
    internal static class ModelRules
    {
        public const string RuntimeNamespace = "LogRegGen";
        public const string LogisticModelAttributeMetadataName = "LogRegGen.LogisticModelAttribute";
        public const string LabelAttributeMetadataName = "LogRegGen.LabelAttribute";
        public const string IgnoreAttributeMetadataName = "LogRegGen.IgnoreAttribute";
        public const string LabelAttributeName = "LabelAttribute";
        public const string IgnoreAttributeName = "IgnoreAttribute";
        public const string ModelNameArgument = "ModelName";
        public const string WeightsFileArgument = "WeightsFile";
        public const string ModelSuffix = "Model";

        /// <summary>
        /// The number of features up to which the generated code writes one statement per feature in
        /// every per-row member; beyond it the generated code keeps growing linearly with n.
        /// </summary>
        public const int FullUnrollLimit = 64;

        /// <summary>
        /// Non-generic classes and structs (not ref structs, not static, not file-local) that the
        /// generated model, a top-level class in the same namespace, can see.
        /// </summary>
        public static TypeProblem GetTypeProblem(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsRefLikeType || type.IsFileLocal)
            {
                return TypeProblem.UnsupportedKind;
            }

            TypeProblem problem = TypeProblem.None;
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsGenericType)
                {
                    return TypeProblem.Generic;
                }

                // A type nested in a file-local type is as invisible to the generated files as a file-local one.
                if (problem == TypeProblem.None && (!IsVisibleToNamespace(current) || current.IsFileLocal))
                {
                    problem = TypeProblem.Inaccessible;
                }
            }

            return problem;
        }

        /// <summary>Whether a type's own accessibility lets a sibling top-level type see it.</summary>
        public static bool IsVisibleToNamespace(INamedTypeSymbol type) =>
            type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        /// <summary>The <c>WeightsFile</c> argument, or null when none (or an empty one) is given.</summary>
        public static string? GetWeightsFile(ImmutableArray<AttributeData> attributes)
        {
            foreach (AttributeData attribute in attributes)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == WeightsFileArgument && argument.Value.Value is string given && given.Length != 0)
                    {
                        return given;
                    }
                }
            }

            return null;
        }

        /// <summary>The <c>ModelName</c> argument when one is given (not empty), else <c>{Type}Model</c>.</summary>
        public static string GetModelName(ImmutableArray<AttributeData> attributes, INamedTypeSymbol type)
        {
            string name = type.Name + ModelSuffix;
            foreach (AttributeData attribute in attributes)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == ModelNameArgument && argument.Value.Value is string given && given.Length != 0)
                    {
                        name = given;
                    }
                }
            }

            return name;
        }

        /// <summary>
        /// Names that are not keywords to this version of Roslyn but that the compiler reads specially
        /// where the generated code writes the model's name (as a type, a return type, a declaration),
        /// in the language versions the generated code may be compiled with: <c>var</c>, <c>dynamic</c>,
        /// the native integers, constraint names, and the contextual keywords of newer C#.
        /// </summary>
        private static readonly HashSet<string> s_contextualNames = new(System.StringComparer.Ordinal)
        {
            "var", "dynamic", "nint", "nuint", "unmanaged", "notnull", "managed",
            "record", "required", "file", "scoped", "partial", "field", "extension", "allows",
        };

        /// <summary>
        /// The names the generated model class declares (its members and nested types): a class cannot have
        /// a member of its own name (CS0542). A generator test checks this list against the members of a
        /// generated model.
        /// </summary>
        public static readonly ImmutableHashSet<string> GeneratedMemberNames = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "FeatureCount", "LabelName", "FeatureNames", "Weights", "Bias", "TrainingReport",
            "GetFeatures", "GetLabel", "LabelAt", "PredictLogit", "PredictProbability", "Predict", "PredictProbabilities",
            "Cost", "ComputeGradients", "Train", "ToJson", "Save", "FromJson", "Load", "ExportOnnx",
            "ToSavedModel", "FromSavedModel", "FeatureVector", "Gradients", "Batch", "Pretrained");

        /// <summary>Whether a model name can be the generated class's name (<see cref="GetModelNameProblem"/> is null).</summary>
        public static bool IsValidModelName(string name) => GetModelNameProblem(name) is null;

        /// <summary>
        /// Why the generated code cannot use <paramref name="name"/> as the model class's name, or null
        /// when it can: the generator skips the type and the declaration analyzer reports LRG007 with this reason.
        /// </summary>
        public static string? GetModelNameProblem(string name)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                return "it is not a C# identifier";
            }

            if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            {
                return "it is a C# keyword";
            }

            if (HasFormattingCharacter(name))
            {
                return "it contains a formatting character (such as U+200D), which C# leaves out of identifiers, so the class would have another name";
            }

            if (SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None || s_contextualNames.Contains(name))
            {
                return "it is a contextual keyword or a name C# gives a meaning to, which generated code cannot use as a class name";
            }

            if (GeneratedMemberNames.Contains(name))
            {
                return "it is the name of a member or nested type of the generated class";
            }

            if (IsLowercaseAscii(name))
            {
                return "it has only lower-case ASCII letters, and the compiler warns (CS8981) that such type names may become keywords";
            }

            return null;
        }

        /// <summary>Whether the name has a character of Unicode category Cf, which the compiler drops from identifiers.</summary>
        private static bool HasFormattingCharacter(string name)
        {
            foreach (char c in name)
            {
                if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The names the compiler warns about as type names (CS8981): only the letters a to z.</summary>
        private static bool IsLowercaseAscii(string name)
        {
            foreach (char c in name)
            {
                if (c is < 'a' or > 'z')
                {
                    return false;
                }
            }

            return name.Length != 0;
        }

        /// <summary>Whether the model, a top-level class in the row type's namespace, would be the row type itself.</summary>
        public static bool CollidesWithRowType(string name, INamedTypeSymbol type) =>
            type.ContainingType is null && name == type.Name;

        /// <summary>
        /// A type or namespace declared in source in <paramref name="ns"/> that a model class named
        /// <paramref name="name"/> there would clash with (CS0101), or null: a namespace, or a non-generic
        /// type that is not a partial class (a partial class merges with the generated one; C# lets
        /// <c>LoanModel&lt;T&gt;</c> and <c>LoanModel</c> live side by side). The generator skips such a
        /// model and the declaration analyzer reports LRG008.
        /// </summary>
        public static ISymbol? FindDeclaredCollision(INamespaceSymbol ns, string name, CancellationToken cancellationToken)
        {
            foreach (ISymbol existing in ns.GetMembers(name))
            {
                if (!IsInSource(existing))
                {
                    continue;
                }

                if (existing is INamespaceSymbol || existing is INamedTypeSymbol { Arity: 0 } type && !IsPartialClass(type, cancellationToken))
                {
                    return existing;
                }
            }

            return null;
        }

        private static bool IsInSource(ISymbol symbol)
        {
            foreach (Location location in symbol.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether every declaration of the type is a <c>partial class</c>.</summary>
        private static bool IsPartialClass(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax declaration
                    || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The public, readable instance properties and fields, base types first, each in declaration
        /// order; a member redeclared in a derived type keeps the position of its first declaration.
        /// </summary>
        public static List<(ISymbol Member, ITypeSymbol Type)> GetDataMembers(INamedTypeSymbol type)
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

        public static bool IsDataField(IFieldSymbol field) =>
            field.DeclaredAccessibility == Accessibility.Public
            && !field.IsStatic
            && !field.IsConst
            && !field.IsImplicitlyDeclared
            && !field.IsFixedSizeBuffer;

        public static bool IsDataProperty(IPropertySymbol property) =>
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
        public static ImmutableArray<AttributeData> GetAttributes(ISymbol member, INamedTypeSymbol rowType, CancellationToken cancellationToken)
        {
            ImmutableArray<AttributeData> attributes = member.GetAttributes();
            IParameterSymbol? parameter = GetPositionalParameter(member, rowType, cancellationToken);
            return parameter is null ? attributes : attributes.AddRange(parameter.GetAttributes());
        }

        /// <summary>The primary-constructor parameter of a record that declares <paramref name="member"/>, if any.</summary>
        public static IParameterSymbol? GetPositionalParameter(ISymbol member, INamedTypeSymbol rowType, CancellationToken cancellationToken)
        {
            if (member is not IPropertySymbol || !SymbolEqualityComparer.Default.Equals(member.ContainingType, rowType) || !rowType.IsRecord)
            {
                return null;
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
                        return parameter;
                    }
                }
            }

            return null;
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

        public static bool HasRuntimeAttribute(ImmutableArray<AttributeData> attributes, string name)
        {
            foreach (AttributeData attribute in attributes)
            {
                if (IsRuntimeAttribute(attribute, name))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsRuntimeAttribute(AttributeData attribute, string name) =>
            attribute.AttributeClass is { } c
            && c.Name == name
            && c.ContainingNamespace is { Name: RuntimeNamespace, ContainingNamespace.IsGlobalNamespace: true };

        /// <summary>How a member of this type is read as a float, or null when it cannot be a feature or label.</summary>
        public static NumericKind? GetNumericKind(ITypeSymbol type) => type.SpecialType switch
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
    }
}
