using System.Collections.Generic;
using System.Linq;
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

        /// <summary>An enum: only as the label, of a multinomial model (one class per enum member).</summary>
        Enum,
    }
}

namespace LogRegGen.Generator.Shared
{
    using LogRegGen.Generator.Model;

    /// <summary>Why an enum cannot be a label's type.</summary>
    internal enum EnumLabelProblem
    {
        None,

        /// <summary>The enum is marked <c>[Flags]</c>: a value may be several classes at once (LRG024).</summary>
        Flags,

        /// <summary>Two members have one value, so a value does not name one class (LRG025).</summary>
        Aliases,

        /// <summary>Fewer than two members: no classes to tell apart (LRG026).</summary>
        TooFewMembers,

        /// <summary>The enum (or a type containing it) is obsolete or experimental (LRG022).</summary>
        Obsolete,
    }

    /// <summary>
    /// The label of a multinomial model: the enum's fully qualified name and its members, one class
    /// each, in declaration order, with their values as invariant-culture literals.
    /// </summary>
    internal sealed class EnumLabel
    {
        public EnumLabel(string typeName, string underlyingType, ImmutableArray<(string Name, string Value)> classes, EnumLabelProblem problem, string? aliases)
        {
            TypeName = typeName;
            UnderlyingType = underlyingType;
            Classes = classes;
            Problem = problem;
            Aliases = aliases;
        }

        public string TypeName { get; }

        /// <summary>The enum's underlying type as a C# keyword (<c>int</c>, <c>byte</c>, …).</summary>
        public string UnderlyingType { get; }

        public ImmutableArray<(string Name, string Value)> Classes { get; }

        public EnumLabelProblem Problem { get; }

        /// <summary>For <see cref="EnumLabelProblem.Aliases"/>: the first two names of one value.</summary>
        public string? Aliases { get; }
    }

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

        /// <summary>
        /// The type, or a type that contains it, is marked <c>[Obsolete]</c> or <c>[Experimental]</c>: the
        /// generated model names it in every member, which would be a warning or an error there.
        /// </summary>
        ObsoleteOrExperimental,
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
        public const string ColumnNameAttributeName = "ColumnNameAttribute";
        public const string ModelNameArgument = "ModelName";
        public const string WeightsFileArgument = "WeightsFile";
        public const string ModelSuffix = "Model";

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

            if (problem == TypeProblem.None && GetObsoleteOrExperimentalType(type) is not null)
            {
                problem = TypeProblem.ObsoleteOrExperimental;
            }

            return problem;
        }

        /// <summary>
        /// The type itself or the innermost type containing it that is marked <c>[Obsolete]</c> or
        /// <c>[Experimental]</c>, or null. The generated code writes the row type's full name (so every
        /// containing type's name too), and naming such a type outside an obsolete context is CS0612 or
        /// CS0618 (warnings that fail a build with TreatWarningsAsErrors), CS0619 (an error no
        /// <c>#pragma</c> can suppress) or the experimental diagnostic's own ID (an error).
        /// </summary>
        public static INamedTypeSymbol? GetObsoleteOrExperimentalType(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (GetObsoleteOrExperimentalMark(current) is not null)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>
        /// How a symbol is marked obsolete or experimental, as the diagnostics say it
        /// (<c>[Obsolete]</c>, <c>[Obsolete] as an error</c>, <c>[Experimental("ID")]</c>), or null when it is not.
        /// </summary>
        public static string? GetObsoleteOrExperimentalMark(ISymbol symbol)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is not { } c)
                {
                    continue;
                }

                if (c.Name == "ObsoleteAttribute" && c.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
                {
                    bool isError = attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is true;
                    return isError ? "[Obsolete] as an error" : "[Obsolete]";
                }

                if (c.Name == "ExperimentalAttribute" && c.ToDisplayString() == "System.Diagnostics.CodeAnalysis.ExperimentalAttribute")
                {
                    return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id
                        ? $"[Experimental(\"{id}\")]"
                        : "[Experimental]";
                }
            }

            return null;
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
        /// The names a generated binary model class declares (its members and nested types). A generator
        /// test checks this list, with <see cref="BinaryMethods"/>, against the members of generated models.
        /// </summary>
        public static readonly ImmutableHashSet<string> BinaryMemberNames = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "FeatureCount", "LabelName", "FeatureNames", "Weights", "Bias", "TrainingReport",
            "GetFeatures", "ReadFeatures", "GetLabel", "LabelAt", "PredictLogit", "PredictProbability", "Predict", "PredictProbabilities",
            "Cost", "ComputeGradients", "Train", "Evaluate", "ToJson", "Save", "FromJson", "Load", "ExportOnnx",
            "ToSavedModel", "FromSavedModel", "FeatureVector", "Gradients", "Batch", "Pretrained",
            "FeatureColumns", "LabelColumn", "ReadRows", "Explain", "CrossValidate", "TrainPath");

        /// <summary>The names a generated multinomial model class (an enum label) declares.</summary>
        public static readonly ImmutableHashSet<string> MultinomialMemberNames = ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            "FeatureCount", "ClassCount", "LabelName", "FeatureNames", "ClassNames", "Classes", "Weights", "Biases", "TrainingReport",
            "ClassIndex", "ClassAt", "IndexOf", "WeightsPerClass", "GetFeatures", "ReadFeatures", "GetLabel", "LabelAt", "PredictBlocks", "ReadColumn",
            "PredictLogits", "PredictProbabilities", "Predict", "Cost", "ComputeGradients", "Train", "Evaluate",
            "ToJson", "Save", "FromJson", "Load", "ExportOnnx", "ToSavedModel", "FromSavedModel",
            "FeatureVector", "ClassVector", "WeightMatrix", "Gradients", "Batch", "Pretrained",
            "FeatureColumns", "LabelColumn", "ReadRows", "CrossValidate", "TrainPath");

        /// <summary>
        /// The names of either kind of generated model: a class cannot have a member of its own name
        /// (CS0542), so none of these is a model name (LRG007).
        /// </summary>
        public static readonly ImmutableHashSet<string> GeneratedMemberNames = BinaryMemberNames.Union(MultinomialMemberNames);

        /// <summary>
        /// The methods both kinds of model declare with the same parameters, by name, each overload as its
        /// parameter list: <c>R</c> is the row type, <c>L</c> the label's enum, <c>Batch</c> the generated
        /// nested class, <c>&amp;</c> marks a parameter passed by reference (<c>in</c>, <c>ref</c> or
        /// <c>out</c>, which C# does not tell apart for overloading). A method of the user's part of the
        /// model with one of these signatures is a duplicate definition (CS0111). <c>ReadFeatures</c>
        /// exists only in binary models of more than 16 features (and in every multinomial one); it is
        /// listed for all.
        /// </summary>
        private static readonly Dictionary<string, ImmutableArray<string>> s_sharedMethods = new()
        {
            ["GetFeatures"] = ImmutableArray.Create("&R", "&R, System.Span<float>"),
            ["ReadFeatures"] = ImmutableArray.Create("&R, System.Span<float>, int"),
            ["GetLabel"] = ImmutableArray.Create("&R"),
            ["LabelAt"] = ImmutableArray.Create("&R, int"),
            ["Cost"] = ImmutableArray.Create("System.ReadOnlySpan<R>", "Batch"),
            ["ComputeGradients"] = ImmutableArray.Create("System.ReadOnlySpan<R>", "Batch, int"),
            ["Train"] = ImmutableArray.Create(
                "System.ReadOnlySpan<R>, LogRegGen.TrainingOptions",
                "System.ReadOnlySpan<R>, System.ReadOnlySpan<float>, LogRegGen.TrainingOptions",
                "Batch, LogRegGen.TrainingOptions",
                "Batch, System.ReadOnlySpan<float>, LogRegGen.TrainingOptions"),
            ["ToJson"] = ImmutableArray.Create(""),
            ["Save"] = ImmutableArray.Create("System.IO.Stream", "string"),
            ["FromJson"] = ImmutableArray.Create("string"),
            ["Load"] = ImmutableArray.Create("System.IO.Stream", "string"),
            ["ExportOnnx"] = ImmutableArray.Create("System.IO.Stream", "string"),
            ["ToSavedModel"] = ImmutableArray.Create(""),
            ["FromSavedModel"] = ImmutableArray.Create("LogRegGen.SavedModel"),
            ["ReadRows"] = ImmutableArray.Create("System.Data.Common.DbDataReader"),
            ["CrossValidate"] = ImmutableArray.Create("System.ReadOnlySpan<R>, LogRegGen.CrossValidationOptions", "Batch, LogRegGen.CrossValidationOptions"),
            ["TrainPath"] = ImmutableArray.Create(
                "System.ReadOnlySpan<R>, System.Collections.Generic.IReadOnlyList<double>, LogRegGen.TrainingOptions",
                "Batch, System.Collections.Generic.IReadOnlyList<double>, LogRegGen.TrainingOptions"),
        };

        /// <summary>The methods and constructors a generated binary model class declares (see <see cref="s_sharedMethods"/>).</summary>
        public static readonly ImmutableDictionary<string, ImmutableArray<string>> BinaryMethods = WithShared(new()
        {
            [".ctor"] = ImmutableArray.Create("", "System.ReadOnlySpan<float>, float"),
            ["PredictLogit"] = ImmutableArray.Create("&R"),
            ["PredictProbability"] = ImmutableArray.Create("&R", "System.ReadOnlySpan<float>"),
            ["Predict"] = ImmutableArray.Create("&R", "System.ReadOnlySpan<R>, System.Span<bool>"),
            ["PredictProbabilities"] = ImmutableArray.Create("System.ReadOnlySpan<R>, System.Span<float>, int"),
            ["Evaluate"] = ImmutableArray.Create("System.ReadOnlySpan<R>, float"),
            ["Explain"] = ImmutableArray.Create("System.ReadOnlySpan<R>, double", "Batch, double"),
        });

        /// <summary>The methods and constructors a generated multinomial model class declares (see <see cref="s_sharedMethods"/>).</summary>
        public static readonly ImmutableDictionary<string, ImmutableArray<string>> MultinomialMethods = WithShared(new()
        {
            [".ctor"] = ImmutableArray.Create("", "System.ReadOnlySpan<float>, System.ReadOnlySpan<float>"),
            ["ClassIndex"] = ImmutableArray.Create("L"),
            ["ClassAt"] = ImmutableArray.Create("int"),
            ["IndexOf"] = ImmutableArray.Create("L"),
            ["PredictBlocks"] = ImmutableArray.Create("System.ReadOnlySpan<R>, System.Span<float>, bool, int"),
            ["ReadColumn"] = ImmutableArray.Create("&R, System.Span<float>"),
            ["WeightsPerClass"] = ImmutableArray.Create("(L, double)[]"),
            ["PredictLogits"] = ImmutableArray.Create("&R"),
            ["PredictProbabilities"] = ImmutableArray.Create("&R", "System.ReadOnlySpan<R>, System.Span<float>, int"),
            ["Predict"] = ImmutableArray.Create("&R", "System.ReadOnlySpan<R>, System.Span<L>"),
            ["Evaluate"] = ImmutableArray.Create("System.ReadOnlySpan<R>"),
        });

        private static ImmutableDictionary<string, ImmutableArray<string>> WithShared(Dictionary<string, ImmutableArray<string>> own)
        {
            foreach (KeyValuePair<string, ImmutableArray<string>> shared in s_sharedMethods)
            {
                own.Add(shared.Key, shared.Value);
            }

            return own.ToImmutableDictionary(System.StringComparer.Ordinal);
        }

        /// <summary>
        /// A method's parameter list in the notation of <see cref="BinaryMethods"/>; <paramref name="labelType"/>
        /// is the label's enum of a multinomial model (written <c>L</c>), else null.
        /// </summary>
        public static string GetSignatureKey(IMethodSymbol method, INamedTypeSymbol rowType, ITypeSymbol? labelType, string modelName) =>
            string.Join(", ", method.Parameters.Select(p => (p.RefKind == RefKind.None ? "" : "&") + GetTypeKey(p.Type, rowType, labelType, modelName)));

        private static readonly SymbolDisplayFormat s_keyFormat = new(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private static string GetTypeKey(ITypeSymbol type, INamedTypeSymbol rowType, ITypeSymbol? labelType, string modelName)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, rowType))
            {
                return "R";
            }

            if (labelType is not null && SymbolEqualityComparer.Default.Equals(type, labelType))
            {
                return "L";
            }

            // In the user's part of the model, Batch is the generated nested class (an error type while
            // the generator runs, before that class exists).
            if (type is INamedTypeSymbol { Name: "Batch", Arity: 0 } batch
                && (batch.TypeKind == TypeKind.Error || batch.ContainingType?.Name == modelName))
            {
                return "Batch";
            }

            if (type is IArrayTypeSymbol array)
            {
                return GetTypeKey(array.ElementType, rowType, labelType, modelName) + "[" + new string(',', array.Rank - 1) + "]";
            }

            // A tuple's element names do not tell overloads apart.
            if (type is INamedTypeSymbol { IsTupleType: true } tuple)
            {
                return "(" + string.Join(", ", tuple.TupleElements.Select(e => GetTypeKey(e.Type, rowType, labelType, modelName))) + ")";
            }

            string name = type.ToDisplayString(s_keyFormat);
            return type is INamedTypeSymbol { IsGenericType: true } generic
                ? name + "<" + string.Join(", ", generic.TypeArguments.Select(t => GetTypeKey(t, rowType, labelType, modelName))) + ">"
                : name;
        }

        /// <summary>
        /// A member of the user's <c>partial class</c> of the model that the generated part declares too
        /// (CS0102 or CS0111), described for LRG008; null when none. Only members declared in
        /// <paramref name="declaration"/> count. A field, property, event or nested type clashes with any
        /// generated member of its name; a method or constructor with a generated member's name clashes
        /// when that name is not a method, or when it has the parameter list of a generated overload
        /// (others are overloads and fine).
        /// </summary>
        private static string? GetMemberCollision(INamedTypeSymbol modelType, INamedTypeSymbol rowType, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            // The members depend on the kind of model: multinomial when the label is an enum.
            ITypeSymbol? labelType = null;
            foreach ((ISymbol member, ITypeSymbol memberType, _) in GetDataMembers(rowType))
            {
                if (memberType.TypeKind == TypeKind.Enum && HasRuntimeAttribute(GetAttributes(member, rowType, cancellationToken), LabelAttributeName))
                {
                    labelType = memberType;
                }
            }

            ImmutableHashSet<string> names = labelType is null ? BinaryMemberNames : MultinomialMemberNames;
            ImmutableDictionary<string, ImmutableArray<string>> methods = labelType is null ? BinaryMethods : MultinomialMethods;
            foreach (ISymbol member in modelType.GetMembers())
            {
                if (member.IsImplicitlyDeclared
                    || !member.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(r.Span)))
                {
                    continue;
                }

                string name = member.Name;

                // The generated class is sealed: a new virtual member is an error there (CS0549), a new
                // protected one a warning (CS0628) that fails builds with warnings as errors.
                if (!member.IsOverride && member is not INamedTypeSymbol && !(member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }))
                {
                    if (member.IsVirtual || member.IsAbstract)
                    {
                        return $"the {(member.IsAbstract ? "abstract" : "virtual")} member '{name}', which the generated sealed class cannot have (CS0549)";
                    }

                    if (member.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal or Accessibility.ProtectedAndInternal)
                    {
                        return $"the protected member '{name}', which the generated sealed class warns about (CS0628)";
                    }
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.Ordinary } method)
                {
                    if (methods.TryGetValue(name, out ImmutableArray<string> overloads))
                    {
                        string key = GetSignatureKey(method, rowType, labelType, modelType.Name);
                        if (overloads.Contains(key))
                        {
                            string what = method.MethodKind == MethodKind.Constructor ? "a constructor" : $"a method '{name}'";
                            return $"{what} with the parameters ({DescribeParameters(method)}), which the generated class declares too";
                        }
                    }
                    else if (method.MethodKind == MethodKind.Ordinary && names.Contains(name))
                    {
                        return $"a method '{name}', a name the generated class gives to another member";
                    }
                }
                else if (member is not IMethodSymbol && names.Contains(name))
                {
                    return $"a member '{name}', which the generated class declares too";
                }
            }

            return null;
        }

        private static string DescribeParameters(IMethodSymbol method) =>
            string.Join(", ", method.Parameters.Select(p => p.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));

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

        /// <summary>
        /// Why a type named <paramref name="name"/> (with <paramref name="arity"/> type parameters)
        /// declared in <paramref name="ns"/> would take a name the generated code relies on, or null.
        /// The generated code writes <c>global::System.…</c> and <c>global::LogRegGen.…</c> (a type
        /// <c>System</c> or <c>LogRegGen</c> in the global namespace captures them, CS0437 or CS0101);
        /// and it names the runtime's types as <c>global::LogRegGen.X</c> (a source type <c>LogRegGen.X</c>
        /// wins over the runtime's, CS0436), also in the aliases of its kernels file. No qualification
        /// can avoid these, so such names are errors (LRG023). (The kernels import no namespace that a
        /// user type could make ambiguous: the runtime's types come in by alias, not by using LogRegGen.)
        /// </summary>
        public static string? GetCapturedName(INamespaceSymbol ns, string name, int arity, Compilation compilation)
        {
            if (IsGeneratorNamespace(ns))
            {
                return $"it is in namespace '{ns.ToDisplayString()}', where the generator puts every model's kernels (namespace {GeneratedNamespace}.{{Namespace}}_{{Model}}), so a model there can clash with them";
            }

            if (ns.IsGlobalNamespace)
            {
                return arity == 0 && (name == "System" || name == RuntimeNamespace)
                    ? $"in the global namespace it hides the namespace '{name}', which the generated code names as global::{name}"
                    : null;
            }

            if (ns.Name != RuntimeNamespace || !ns.ContainingNamespace.IsGlobalNamespace)
            {
                return null;
            }

            if (name == "Generated")
            {
                return $"in namespace '{RuntimeNamespace}' it clashes with the namespace '{GeneratedNamespace}', where the generator puts every model's kernels";
            }

            string metadataName = arity == 0 ? name : name + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IAssemblySymbol? runtime = compilation.GetTypeByMetadataName(LogisticModelAttributeMetadataName)?.ContainingAssembly;
            if (runtime is not null
                && !SymbolEqualityComparer.Default.Equals(runtime, compilation.Assembly)
                && runtime.GetTypeByMetadataName(RuntimeNamespace + "." + metadataName) is { DeclaredAccessibility: Accessibility.Public })
            {
                return $"in namespace '{RuntimeNamespace}' it hides the runtime's type '{RuntimeNamespace}.{name}', which the generated code uses";
            }

            return null;
        }

        /// <summary>
        /// The one identifier under <c>LogRegGen.Generated</c> that names a model's kernels namespace: the
        /// model's fully qualified name with its dots written as underscores (<c>Sample.Tumor</c>'s model →
        /// <c>Sample_TumorModel</c>); an underscore in a name is written <c>_0</c>, so that no two names
        /// meet (a separating underscore is followed by the start of a name, never by a digit).
        /// </summary>
        public static string GetKernelsSegment(INamespaceSymbol containingNamespace, string modelName)
        {
            var parts = new Stack<string>();
            parts.Push(modelName.Replace("_", "_0"));
            for (INamespaceSymbol? ns = containingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Push(ns.Name.Replace("_", "_0"));
            }

            return string.Join("_", parts);
        }

        /// <summary>
        /// Why the namespace of a model's kernels, <c>LogRegGen.Generated.{segment}</c>, cannot be declared, or
        /// null: a type of that name in <c>LogRegGen.Generated</c>, in source or in a reference, clashes with it
        /// (CS0101).
        /// </summary>
        public static string? GetKernelsNamespaceClash(Compilation compilation, INamespaceSymbol modelNamespace, string modelName)
        {
            INamespaceSymbol? generated = compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(static n => n.Name == RuntimeNamespace)
                ?.GetNamespaceMembers().FirstOrDefault(static n => n.Name == "Generated");
            if (generated is null)
            {
                return null;
            }

            string segment = GetKernelsSegment(modelNamespace, modelName);
            return generated.GetTypeMembers(segment).IsEmpty
                ? null
                : $"the generator puts the model's kernels in namespace '{GeneratedNamespace}.{segment}', and a type '{GeneratedNamespace}.{segment}' is declared";
        }

        /// <summary>
        /// Why a model named <paramref name="name"/> would change what the user's own code means, or null.
        /// Name lookup finds the types of the current namespace (and its parents) before what using
        /// directives import, so a model class <c>Action</c> beside code that has <c>using System;</c>
        /// would replace <c>System.Action</c> there, and a model <c>System</c> would hide the namespace
        /// <c>System</c> (CS0426 in the user's code). Every using directive of the compilation counts
        /// (global ones too), since code of the model's namespace may be in any file.
        /// </summary>
        public static string? GetHiddenName(Compilation compilation, INamespaceSymbol modelNamespace, string name)
        {
            string home = modelNamespace.ToDisplayString();
            foreach (INamespaceSymbol top in compilation.GlobalNamespace.GetNamespaceMembers())
            {
                if (top.Name == name)
                {
                    return $"it is the name of the namespace '{name}', which the code beside the model would no longer reach";
                }
            }

            Imports imports = s_imports.GetValue(compilation, static c => new Imports(c));
            if (imports.Aliases.Contains(name))
            {
                return $"it is the name of the alias '{name}' of a using directive, which the model would hide from the code beside it";
            }

            foreach (string ns in imports.Namespaces)
            {
                // The model's own namespace holds the model itself (once generated) or a type that LRG008 reports.
                // Another model (seen by the analyzers, which run after the generator) is not the user's.
                if (ns != home
                    && compilation.GetTypeByMetadataName(ns + "." + name) is { } imported
                    && (imported.DeclaredAccessibility == Accessibility.Public || SymbolEqualityComparer.Default.Equals(imported.ContainingAssembly, compilation.Assembly))
                    && !IsGeneratedModel(imported))
                {
                    return $"code that has 'using {ns};' would find the model instead of '{ns}.{name}'";
                }
            }

            return null;
        }

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, Imports> s_imports = new();

        /// <summary>Whether a type is a model this generator wrote (it carries [GeneratedCode("LogRegGen.Generator", …)]).</summary>
        private static bool IsGeneratedModel(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is "LogRegGen.Generator")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The namespaces and aliases that the compilation's using directives import (static imports aside).</summary>
        private sealed class Imports
        {
            public Imports(Compilation compilation)
            {
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    foreach (UsingDirectiveSyntax directive in tree.GetRoot().DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
                    {
                        // The generated kernels' own directives apply only inside their namespace.
                        if (directive.Parent is BaseNamespaceDeclarationSyntax { Name: var inside }
                            && inside.ToString().StartsWith(GeneratedNamespace, System.StringComparison.Ordinal))
                        {
                            continue;
                        }

                        if (directive.Alias is { } alias)
                        {
                            Aliases.Add(alias.Name.Identifier.ValueText);
                        }
                        else if (!directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && directive.Name is { } imported)
                        {
                            string text = imported.ToString();
                            Namespaces.Add(text.StartsWith("global::", System.StringComparison.Ordinal) ? text.Substring("global::".Length) : text);
                        }
                    }
                }
            }

            public HashSet<string> Namespaces { get; } = new(System.StringComparer.Ordinal);

            public HashSet<string> Aliases { get; } = new(System.StringComparer.Ordinal);
        }

        /// <summary>The namespace that holds the generated kernels, one namespace per model.</summary>
        public const string GeneratedNamespace = RuntimeNamespace + ".Generated";

        /// <summary>Whether <paramref name="ns"/> is <see cref="GeneratedNamespace"/> or inside it.</summary>
        private static bool IsGeneratorNamespace(INamespaceSymbol ns)
        {
            for (INamespaceSymbol? current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (current.Name == "Generated" && current.ContainingNamespace is { Name: RuntimeNamespace } parent && parent.ContainingNamespace.IsGlobalNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A type declared in this compilation (in the global namespace or in namespace <c>LogRegGen</c>)
        /// that takes a name every model's generated code relies on (<see cref="GetCapturedName"/>), with
        /// the reason; null when there is none. Then no model can compile, and none is generated.
        /// </summary>
        public static (INamedTypeSymbol Type, string Reason)? FindCapturingType(Compilation compilation)
        {
            INamespaceSymbol global = compilation.Assembly.GlobalNamespace;
            foreach (string name in new[] { "System", RuntimeNamespace })
            {
                foreach (INamedTypeSymbol type in global.GetTypeMembers(name))
                {
                    if (GetCapturedName(global, type.Name, type.Arity, compilation) is { } reason)
                    {
                        return (type, reason);
                    }
                }
            }

            foreach (INamespaceSymbol runtimeNamespace in global.GetMembers(RuntimeNamespace).OfType<INamespaceSymbol>())
            {
                foreach (INamedTypeSymbol type in runtimeNamespace.GetTypeMembers())
                {
                    if (GetCapturedName(runtimeNamespace, type.Name, type.Arity, compilation) is { } reason)
                    {
                        return (type, reason);
                    }
                }
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

        /// <summary>The features and the label the generated model would have, as the generator reads them.</summary>
        internal readonly struct ModelMembers
        {
            public ModelMembers(ImmutableArray<(string Name, NumericKind Kind)> features, (string Name, NumericKind Kind)? label, int labelCount, EnumLabel? enumLabel = null)
            {
                Features = features;
                Label = label;
                LabelCount = labelCount;
                EnumLabel = enumLabel;
            }

            /// <summary>The classes of an enum label (a multinomial model), or null for a binary label.</summary>
            public EnumLabel? EnumLabel { get; }

            /// <summary>The features, in declaration order.</summary>
            public ImmutableArray<(string Name, NumericKind Kind)> Features { get; }

            /// <summary>The label when a usable member is marked [Label], else null.</summary>
            public (string Name, NumericKind Kind)? Label { get; }

            /// <summary>How many members are marked [Label].</summary>
            public int LabelCount { get; }

            /// <summary>Whether these members make a model: one usable label and at least one feature.</summary>
            public bool CanModel => LabelCount == 1 && Label is not null && !Features.IsEmpty;
        }

        /// <summary>
        /// The features (readable numeric data members, not [Label] or [Ignore]) and the [Label] member
        /// of a type: what the generator models, and what the declaration analyzer checks (a type whose
        /// members make no model takes no model name from another, LRG008).
        /// </summary>
        public static ModelMembers GetModelMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            ImmutableArray<(string Name, NumericKind Kind)>.Builder features = ImmutableArray.CreateBuilder<(string Name, NumericKind Kind)>();
            (string Name, NumericKind Kind)? label = null;
            EnumLabel? enumLabel = null;
            int labelCount = 0;
            foreach ((ISymbol member, ITypeSymbol memberType, string? unreadable) in GetDataMembers(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ImmutableArray<AttributeData> attributes = GetAttributes(member, type, cancellationToken);

                // A member the generated code cannot read (obsolete, experimental, hidden) is neither a
                // feature nor a usable label: LRG021 and LRG022 say so.
                NumericKind? kind = unreadable is null ? GetNumericKind(memberType) : null;
                if (HasRuntimeAttribute(attributes, LabelAttributeName))
                {
                    labelCount++;
                    if (kind is { } labelKind)
                    {
                        label = (member.Name, labelKind);
                    }
                    else if (unreadable is null && GetEnumLabel(memberType) is { Problem: EnumLabelProblem.None } classes)
                    {
                        label = (member.Name, NumericKind.Enum);
                        enumLabel = classes;
                    }

                    continue;
                }

                // Ignored members and members of other types are not features; the analyzers tell the
                // user about the latter so that nothing is left out silently.
                if (kind is { } featureKind && !HasRuntimeAttribute(attributes, IgnoreAttributeName))
                {
                    features.Add((member.Name, featureKind));
                }
            }

            return new ModelMembers(features.ToImmutable(), label, labelCount, enumLabel);
        }

        /// <summary>
        /// The classes of a label of enum type: one per enum member, in declaration order, with its
        /// underlying value as a C# literal. Null when <paramref name="type"/> is not an enum. A
        /// <c>[Flags]</c> enum (LRG024), one where two members share a value (LRG025), one with fewer
        /// than two members (LRG026) or an obsolete or experimental one (LRG022) has a
        /// <see cref="EnumLabel.Problem"/> and makes no model.
        /// </summary>
        public static EnumLabel? GetEnumLabel(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                return null;
            }

            string typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var classes = ImmutableArray.CreateBuilder<(string Name, string Value)>();
            var byValue = new Dictionary<string, string>(System.StringComparer.Ordinal);
            string? aliases = null;
            foreach (ISymbol member in enumType.GetMembers())
            {
                if (member is not IFieldSymbol { HasConstantValue: true, IsStatic: true } field)
                {
                    continue;
                }

                string value = System.Convert.ToString(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? "0";
                if (byValue.TryGetValue(value, out string? first))
                {
                    aliases ??= $"'{first}' and '{field.Name}' are both {value}";
                    continue;
                }

                byValue.Add(value, field.Name);
                classes.Add((field.Name, value));
            }

            EnumLabelProblem problem = GetObsoleteOrExperimentalMark(enumType) is not null || GetObsoleteOrExperimentalType(enumType) is not null ? EnumLabelProblem.Obsolete
                : enumType.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute") ? EnumLabelProblem.Flags
                : aliases is not null ? EnumLabelProblem.Aliases
                : classes.Count < 2 ? EnumLabelProblem.TooFewMembers
                : EnumLabelProblem.None;
            string underlying = enumType.EnumUnderlyingType?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "int";
            return new EnumLabel(typeName, underlying, classes.ToImmutable(), problem, aliases);
        }

        /// <summary>Whether the model, a top-level class in the row type's namespace, would be the row type itself.</summary>
        public static bool CollidesWithRowType(string name, INamedTypeSymbol type) =>
            type.ContainingType is null && name == type.Name;

        /// <summary>Whether the row type and all its containing types are public: then the model is public, else internal.</summary>
        public static bool IsEffectivelyPublic(INamedTypeSymbol type)
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

        /// <summary>
        /// What in the row type's namespace, declared in source, already has the model's name and cannot
        /// be (part of) the generated <c>sealed partial class</c>, described for LRG008; null when nothing
        /// clashes. A non-generic type clashes unless it is a file-local type (which does not) or every
        /// one of its declarations is a <c>partial class</c> that merges with the generated one: not
        /// <c>static</c> or <c>abstract</c>, of the model's accessibility (or none written), and with no
        /// base class, or one whose parameterless constructor the generated constructors can call. A namespace of that name clashes too (CS0101). Only the model's name
        /// is looked up, so the check costs the same however many types the namespace holds.
        /// </summary>
        public static string? GetModelNameCollision(INamedTypeSymbol rowType, string name, CancellationToken cancellationToken)
        {
            INamespaceSymbol ns = rowType.ContainingNamespace;
            string accessibility = IsEffectivelyPublic(rowType) ? "public" : "internal";
            foreach (ISymbol existing in ns.GetMembers(name))
            {
                if (!existing.Locations.Any(static l => l.IsInSource))
                {
                    continue;
                }

                if (existing is INamespaceSymbol)
                {
                    return $"the namespace '{existing.ToDisplayString()}' declared in this namespace";
                }

                // C# lets LoanModel<T> and LoanModel live side by side, and a file-local type beside either.
                if (existing is not INamedTypeSymbol { Arity: 0, IsFileLocal: false } type)
                {
                    continue;
                }

                string display = type.ToDisplayString(s_typeFormat);
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        return $"the {DescribeKind(type)} '{display}' declared in this namespace";
                    }

                    string? conflict = declaration.Modifiers.Any(SyntaxKind.StaticKeyword) ? "it is static"
                        : declaration.Modifiers.Any(SyntaxKind.AbstractKeyword) ? "it is abstract"
                        : GetWrittenAccessibility(declaration) is { } written && written != accessibility ? $"it is {written}"
                        : null;
                    if (conflict is null && !IsGeneratedModelPart(declaration) && GetMemberCollision(type, rowType, declaration, cancellationToken) is { } member)
                    {
                        conflict = "it declares " + member;
                    }

                    if (conflict is not null)
                    {
                        return $"the partial class '{display}' declared in this namespace, which cannot merge with the generated {accessibility} sealed partial class because {conflict}";
                    }
                }

                if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && GetBaseClassConflict(baseType) is { } baseConflict)
                {
                    return $"the partial class '{display}' declared in this namespace, which cannot merge with the generated {accessibility} sealed partial class because its base class '{baseType.ToDisplayString(s_typeFormat)}' {baseConflict}";
                }

                if (FindRequiredMember(type) is { } required)
                {
                    string where = SymbolEqualityComparer.Default.Equals(required.ContainingType, type) ? "it declares" : $"its base class '{required.ContainingType.ToDisplayString(s_typeFormat)}' declares";
                    return $"the partial class '{display}' declared in this namespace, which cannot merge with the generated {accessibility} sealed partial class because {where} the required member '{required.Name}', which the generated constructors do not set (CS9035)";
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a declaration of the model class is one this generator wrote (the analyzers see the
        /// generated parts beside the user's): the model part carries
        /// <c>[GeneratedCode("LogRegGen.Generator", …)]</c>, the kernels part implements
        /// <c>global::LogRegGen.ILogisticKernel</c>, and both live in a tree that starts with
        /// <c>// &lt;auto-generated/&gt;</c>.
        /// </summary>
        private static bool IsGeneratedModelPart(ClassDeclarationSyntax declaration)
        {
            if (!declaration.SyntaxTree.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal))
            {
                return false;
            }

            foreach (AttributeListSyntax list in declaration.AttributeLists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (attribute.Name.ToString() == "global::System.CodeDom.Compiler.GeneratedCode"
                        && attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.ValueText: "LogRegGen.Generator" })
                    {
                        return true;
                    }
                }
            }

            return declaration.BaseList?.Types.Any(static t => t.Type.ToString() == "global::LogRegGen.ILogisticKernel") == true;
        }

        /// <summary>A <c>required</c> field or property of the type or a base type, or null: <c>new TModel()</c> in the generated code would not compile.</summary>
        private static ISymbol? FindRequiredMember(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Why a base class that the user's part of the model declares breaks the generated part: the
        /// generated constructors call the base's parameterless constructor.
        /// </summary>
        private static string? GetBaseClassConflict(INamedTypeSymbol baseType)
        {
            bool callable = baseType.InstanceConstructors.Any(static c =>
                c.DeclaredAccessibility is not Accessibility.Private
                && c.Parameters.All(static p => p.IsOptional || p.IsParams));
            return callable ? null : "has no parameterless constructor the generated constructors can call";
        }

        /// <summary>Type names as in messages: containing types and type parameters, no namespace.</summary>
        private static readonly SymbolDisplayFormat s_typeFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private static string? GetWrittenAccessibility(ClassDeclarationSyntax declaration)
        {
            var words = new List<string>();
            foreach (SyntaxToken modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword)
                    || modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.IsKind(SyntaxKind.PrivateKeyword))
                {
                    words.Add(modifier.ValueText);
                }
            }

            return words.Count == 0 ? null : string.Join(" ", words);
        }

        private static string DescribeKind(INamedTypeSymbol type) => type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.IsRecord ? "record" : "class",
        };


        /// <summary>
        /// Where the features start, in floats from the start of the row, when an array of rows is already
        /// a row-major float matrix; -1 when it may not be. That needs a struct laid out sequentially (no
        /// <c>[StructLayout]</c> other than Sequential without Pack or Size, no inline array; the runtime
        /// lays out such a struct without references in declaration order, naturally aligned, since .NET
        /// 7), declared once (the order of fields across partial declarations is not defined), without a
        /// primary constructor's hidden fields, whose instance fields, auto-properties' backing fields
        /// included, are all primitive numbers, bools, chars or enums, and whose features are consecutive
        /// float fields or auto-properties in the model's order.
        /// </summary>
        public static int GetRowMajorFeatureOffset(INamedTypeSymbol type, ImmutableArray<(string Name, NumericKind Kind)> features, CancellationToken cancellationToken)
        {
            if (type.TypeKind != TypeKind.Struct || type.IsRefLikeType || type.DeclaringSyntaxReferences.Length != 1 || features.IsEmpty)
            {
                return -1;
            }

            foreach (AttributeData attribute in type.GetAttributes())
            {
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (name == "System.Runtime.CompilerServices.InlineArrayAttribute"
                    || (name == "System.Runtime.InteropServices.StructLayoutAttribute"
                        && (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not 0 || !attribute.NamedArguments.IsEmpty)))
                {
                    return -1;
                }
            }

            if (!type.IsRecord && type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null })
            {
                return -1;
            }

            var byteOffset = new Dictionary<string, int>(System.StringComparer.Ordinal);
            int end = 0;
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
                {
                    continue;
                }

                int size = GetPrimitiveSize(field.Type);
                if (size == 0 || field.IsFixedSizeBuffer)
                {
                    return -1;
                }

                int offset = (end + size - 1) / size * size;
                end = offset + size;

                // A feature read through a property reads this field only when the property is an
                // auto-property: its getter has no body (a positional record's are synthesized).
                string? feature = field.AssociatedSymbol is IPropertySymbol property
                    ? IsAutoGetter(property, cancellationToken) ? property.Name : null
                    : field.IsImplicitlyDeclared ? null : field.Name;
                if (feature is not null)
                {
                    byteOffset[feature] = offset;
                }
            }

            if (!byteOffset.TryGetValue(features[0].Name, out int first))
            {
                return -1;
            }

            for (int j = 0; j < features.Length; j++)
            {
                if (features[j].Kind != NumericKind.Single || !byteOffset.TryGetValue(features[j].Name, out int at) || at != first + (4 * j))
                {
                    return -1;
                }
            }

            return first / 4;
        }

        /// <summary>The size of a primitive number, bool, char or enum (its alignment too), or 0 for any other type.</summary>
        private static int GetPrimitiveSize(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            {
                type = underlying;
            }

            return type.SpecialType switch
            {
                SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
                SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char => 2,
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
                SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
                _ => 0,
            };
        }

        private static bool IsAutoGetter(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.GetMethod is not { } getter || getter.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            SyntaxNode syntax = getter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            return syntax is ParameterSyntax || syntax is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
        }

        /// <summary>
        /// The public, readable instance properties and fields, base types first, each in declaration
        /// order; a member redeclared in a derived type keeps the position of its first declaration.
        /// <c>Unreadable</c> is null for a member the generated code can read as <c>row.Name</c>, and
        /// otherwise says why it cannot: the member (or the base type declaring it) is obsolete or
        /// experimental, or a more derived type hides its name with a member that is not a data member
        /// (a method, a static or non-public field or property, a nested type), which is what
        /// <c>row.Name</c> would bind to. Such a member is never a feature or the label.
        /// </summary>
        public static List<(ISymbol Member, ITypeSymbol Type, string? Unreadable)> GetDataMembers(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type;
                 current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType);
                 current = current.BaseType)
            {
                chain.Add(current);
            }

            var members = new List<(ISymbol Member, ITypeSymbol Type, int Level)>();
            var indexByName = new Dictionary<string, int>();
            for (int level = chain.Count - 1; level >= 0; level--)
            {
                foreach (ISymbol member in chain[level].GetMembers())
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
                        members[index] = (member, memberType, level);
                    }
                    else
                    {
                        indexByName.Add(member.Name, members.Count);
                        members.Add((member, memberType, level));
                    }
                }
            }

            var result = new List<(ISymbol Member, ITypeSymbol Type, string? Unreadable)>(members.Count);
            foreach ((ISymbol member, ITypeSymbol memberType, int level) in members)
            {
                result.Add((member, memberType, GetReadProblem(member, chain, level)));
            }

            return result;
        }

        /// <summary>Why <c>row.Name</c> does not read <paramref name="member"/> without a warning, or null.</summary>
        private static string? GetReadProblem(ISymbol member, List<INamedTypeSymbol> chain, int level)
        {
            // Member lookup from the generated model starts at the row type: the first type (most derived
            // first) that declares an accessible member of that name, other than an override, decides.
            for (int i = 0; i < level; i++)
            {
                foreach (ISymbol other in chain[i].GetMembers(member.Name))
                {
                    if (HidesByName(other, chain[0]))
                    {
                        return $"{DescribeHidingMember(other)}, '{chain[i].Name}.{other.Name}', hides it";
                    }
                }
            }

            string? mark = GetObsoleteOrExperimentalMark(member)
                ?? (member is IPropertySymbol { GetMethod: { } getter } ? GetObsoleteOrExperimentalMark(getter) : null);
            if (mark is not null)
            {
                return $"it is marked {mark}";
            }

            // The row type itself, and the types containing it, are the row type's problem (LRG009).
            if (level > 0 && GetObsoleteOrExperimentalType(chain[level]) is { } obsoleteType)
            {
                return $"'{obsoleteType.Name}', which declares it, is marked {GetObsoleteOrExperimentalMark(obsoleteType)}";
            }

            return null;
        }

        /// <summary>Whether a member of a more derived type takes the name from the generated code's <c>row.Name</c>.</summary>
        private static bool HidesByName(ISymbol other, INamedTypeSymbol rowType)
        {
            if (other.IsOverride || other is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            {
                return false;
            }

            // The generated model is another class of the row type's assembly.
            return other.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => SymbolEqualityComparer.Default.Equals(other.ContainingAssembly, rowType.ContainingAssembly),
                _ => false,
            };
        }

        private static string DescribeHidingMember(ISymbol member) => member switch
        {
            IMethodSymbol => "a method",
            INamedTypeSymbol => "a nested type",
            IEventSymbol => "an event",
            IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } => "a static member",
            IFieldSymbol or IPropertySymbol when member.DeclaredAccessibility != Accessibility.Public => "a non-public member",
            _ => "a member that is not readable",
        };

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
