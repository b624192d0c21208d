using Microsoft.CodeAnalysis;

// Every diagnostic LogRegGen reports, in one place: LRG001-LRG018 and LRG021-LRG029 from the analyzers, LRG019-LRG020 from
// the generator (only it reads the additional files). Compiled into both the generator and the analyzers
// (linked, as ModelRules is), and release-tracked once, in AnalyzerReleases.{Shipped,Unshipped}.md beside
// this file, which both projects pass to the release-tracking analyzers (RS2000-RS2008): each assembly
// holds all the descriptors, so one list of rules is right for both.
namespace LogRegGen.Generator.Shared;

/// <summary>The diagnostic IDs, shared with the code fixes and the tests.</summary>
internal static class DiagnosticIds
{
    public const string NoLabel = "LRG001";
    public const string MultipleLabels = "LRG002";
    public const string UnsupportedLabelType = "LRG003";
    public const string UnsupportedFeatureType = "LRG004";
    public const string NoFeatures = "LRG005";
    public const string GenericType = "LRG006";
    public const string InvalidModelName = "LRG007";
    public const string ModelNameCollision = "LRG008";
    public const string UnsupportedTypeKind = "LRG009";
    public const string ReferenceTypeRow = "LRG010";
    public const string FeatureLength = "LRG012";
    public const string FlatLengthNotMultiple = "LRG013";
    public const string SampleCountMismatch = "LRG014";
    public const string Transposed = "LRG015";
    public const string BatchForSample = "LRG016";
    public const string SampleForBatch = "LRG017";
    public const string InvalidOption = "LRG018";
    public const string WeightsFileNotFound = "LRG019";
    public const string WeightsFileMismatch = "LRG020";
    public const string UnreadableFeature = "LRG021";
    public const string UnreadableLabel = "LRG022";
    public const string CapturedName = "LRG023";
    public const string FlagsEnumLabel = "LRG024";
    public const string EnumLabelAliases = "LRG025";
    public const string EnumLabelTooFewClasses = "LRG026";
    public const string ClassShapeLength = "LRG027";
    public const string RaggedRows = "LRG028";
    public const string NonPublicMember = "LRG029";
}

/// <summary>Keys of <see cref="Diagnostic.Properties"/> that tell a code fix what to do.</summary>
internal static class PropertyKeys
{
    /// <summary>LRG001: the name of the member the fix marks <c>[Label]</c>, when the choice is unambiguous.</summary>
    public const string LabelCandidate = "LabelCandidate";

    /// <summary>LRG015: the name of the method with the layout the argument has.</summary>
    public const string Replacement = "Replacement";
}

/// <summary>Every diagnostic LogRegGen reports (the analyzers LRG001-LRG018 and LRG021-LRG029, the generator LRG019-LRG020).</summary>
internal static class Descriptors
{
    public const string DeclarationCategory = "LogRegGen.Declaration";
    public const string ShapeCategory = "LogRegGen.Shape";
    public const string UsageCategory = "LogRegGen.Usage";

    public static readonly DiagnosticDescriptor NoLabel = Create(
        DiagnosticIds.NoLabel,
        "Logistic model has no label",
        "'{0}' has no member marked [Label], so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "A [LogisticModel] type needs exactly one public member marked [Label] holding the label y (a bool, or a number that is 0 or 1). Without one the generator emits no model.");

    public static readonly DiagnosticDescriptor MultipleLabels = Create(
        DiagnosticIds.MultipleLabels,
        "Logistic model has more than one label",
        "'{0}' marks {1} members [Label] ({2}); a model has exactly one label, so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "Logistic regression predicts one binary label. Mark exactly one member [Label]; make the others features or mark them [Ignore].");

    public static readonly DiagnosticDescriptor UnsupportedLabelType = Create(
        DiagnosticIds.UnsupportedLabelType,
        "Label has an unsupported type",
        "The label '{0}' is of type '{1}'; a label must be a bool, one of float, double, int, long, short or byte holding 0 or 1, or an enum (one class per member)",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated model reads a binary label as 0 or 1 (bool and the supported numeric types) and an enum label as one of the enum's members (a multinomial model). With any other type no model is generated.");

    public static readonly DiagnosticDescriptor UnsupportedFeatureType = Create(
        DiagnosticIds.UnsupportedFeatureType,
        "Member of an unsupported type is not a feature",
        "'{0}' is of type '{1}', which cannot be a feature, so the model leaves it out; mark it [Ignore] to say so, or change its type",
        DeclarationCategory,
        DiagnosticSeverity.Warning,
        "Features are the public fields and properties of type float, double, int, long, short, byte or bool. A public member of any other type (string, DateTime, a nullable, object, ...) is silently left out of the model, which is usually a mistake; [Ignore] states that it is intended.");

    public static readonly DiagnosticDescriptor NoFeatures = Create(
        DiagnosticIds.NoFeatures,
        "Logistic model has no features",
        "'{0}' has no feature: no public field or property of a supported numeric type besides the label, so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "A model needs at least one feature: a public instance field or readable property of type float, double, int, long, short, byte or bool that is neither the label nor marked [Ignore].");

    public static readonly DiagnosticDescriptor GenericType = Create(
        DiagnosticIds.GenericType,
        "Logistic model type is generic",
        "'{0}' is generic or nested in a generic type; the generator emits one model per concrete type and cannot model it",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated model is a non-generic class specialised for an exact list of features, so generic types and types nested in generic types get no model.");

    public static readonly DiagnosticDescriptor InvalidModelName = Create(
        DiagnosticIds.InvalidModelName,
        "ModelName is not a valid class name",
        "ModelName \"{0}\" cannot be the name of the generated class ({1}), so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "ModelName becomes the name of the generated class, so it must be a valid C# identifier, not a keyword or a contextual keyword, and not the name of one of the generated class's members or nested types.");

    public static readonly DiagnosticDescriptor ModelNameCollision = Create(
        DiagnosticIds.ModelNameCollision,
        "Model name collides with another type",
        "The model name '{0}' of '{2}' collides with {1}; choose another ModelName",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated model is a top-level sealed partial class in the row type's namespace. Its name must not be the row type's own name, the name of a namespace or of another type declared there (other than a partial class that merges with the model: not static or abstract, of the model's accessibility, with no base class whose parameterless constructor it cannot call, and declaring no member the generated class declares too), or the model name of another [LogisticModel] type in that namespace.");

    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Create(
        DiagnosticIds.UnsupportedTypeKind,
        "Logistic model type cannot be modelled",
        "'{0}' cannot be modelled: {1}",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated model is a top-level class in the same namespace that stores and reads rows, so the row type must be a class or struct (not static, not a ref struct, not file-local) visible to that class: public, internal or protected internal, and nested only in types that are too. Neither it nor a type containing it may be marked [Obsolete] or [Experimental], which would make every use of its name in the generated code a warning or an error.");

    public static readonly DiagnosticDescriptor ReferenceTypeRow = Create(
        DiagnosticIds.ReferenceTypeRow,
        "Consider a struct row type",
        "'{0}' is a {1}; a record struct or struct keeps rows contiguous in memory, which the per-row members and Batch.Create read faster",
        DeclarationCategory,
        DiagnosticSeverity.Info,
        "Arrays of a class type hold references to rows scattered on the heap, and every row needs a null check. A struct row type stores the rows inline, one after another. Training reads a feature-major copy of the rows, so the row type does not affect it.");

    public static readonly DiagnosticDescriptor UnreadableFeature = Create(
        DiagnosticIds.UnreadableFeature,
        "Member the generated code cannot read is not a feature",
        "'{0}' is not a feature because {1}; mark it [Ignore] to say so",
        DeclarationCategory,
        DiagnosticSeverity.Warning,
        "The generated model reads each feature as row.Name. A member marked [Obsolete] or [Experimental] (or declared in a base type that is) would make that a warning or an error inside the generated code, and a member hidden in a derived type by a method, a static or non-public member or a nested type of the same name cannot be read by name at all, so the model leaves such members out.");

    public static readonly DiagnosticDescriptor UnreadableLabel = Create(
        DiagnosticIds.UnreadableLabel,
        "Label cannot be read by the generated code",
        "The label '{0}' cannot be read by the generated code because {1}, so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated model reads the label as row.Name. A label marked [Obsolete] or [Experimental] (or declared in a base type that is), or hidden in a derived type by a member of the same name that is not a readable instance member, cannot be read there without a warning or an error, so no model is generated.");

    public static readonly DiagnosticDescriptor CapturedName = Create(
        DiagnosticIds.CapturedName,
        "A name the generated code needs is taken",
        "No model is generated for '{0}' because of {1}: {2}",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generated code names the namespaces System and LogRegGen from global::, and the runtime's types as global::LogRegGen.X. A type named System or LogRegGen in the global namespace, or a type in namespace LogRegGen named like a public runtime type, takes those names from the generated code, whatever it qualifies; the generator then emits no model.");

    public static readonly DiagnosticDescriptor FeatureLength = Create(
        DiagnosticIds.FeatureLength,
        "Feature vector has the wrong length",
        "'{0}' expects {1} values (FeatureCount of {2}) but this argument has {3}",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "A raw feature or weight vector must have exactly FeatureCount values; any other length throws ArgumentException at run time.");

    public static readonly DiagnosticDescriptor FlatLengthNotMultiple = Create(
        DiagnosticIds.FlatLengthNotMultiple,
        "Flat sample buffer length is not a multiple of the feature count",
        "'{0}' holds {1} values, which is not a multiple of the feature count {2}, so it cannot be an (n, m) or (m, n) matrix",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "A flat buffer of samples holds n values per sample, so its length must be a multiple of n; otherwise it throws ArgumentException at run time.");

    public static readonly DiagnosticDescriptor SampleCountMismatch = Create(
        DiagnosticIds.SampleCountMismatch,
        "Arguments have different sample counts",
        "'{0}' has {1} but '{2}' has {3}; they need one entry per sample",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "Features and labels (or rows and outputs) describe the same m samples, so their sample counts must agree; otherwise the call throws ArgumentException at run time.");

    public static readonly DiagnosticDescriptor Transposed = Create(
        DiagnosticIds.Transposed,
        "Matrix is transposed for this method",
        "'{0}' expects x of shape {1} but got ({2}, {3}) with {4} labels: it is transposed; use '{5}', which takes this layout",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "FromSamples takes X as (m, n), one row per sample; FromFeatures takes X as (n, m), one row per feature, as in the notes. Passing one layout to the other method throws at run time, or with a square matrix silently learns from the transpose.");

    public static readonly DiagnosticDescriptor BatchForSample = Create(
        DiagnosticIds.BatchForSample,
        "A batch is passed where one sample is expected",
        "'{0}' expects one sample of {1} features but this argument has {2} values, {3} samples; score each sample's slice of {1} values, or the rows with PredictProbabilities",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "A single-sample method takes exactly FeatureCount values. An argument holding a whole multiple of that is several samples flattened together, which throws at run time.");

    public static readonly DiagnosticDescriptor SampleForBatch = Create(
        DiagnosticIds.SampleForBatch,
        "One sample is passed where a batch is expected",
        "'{0}' expects a batch of samples but this argument holds a single sample{1}",
        ShapeCategory,
        DiagnosticSeverity.Warning,
        "Training and batch construction take many samples. A single sample (exactly FeatureCount values, or one row) makes a batch of m = 1, which is usually a sample passed by mistake where the data set was meant.");

    public static readonly DiagnosticDescriptor ClassShapeLength = Create(
        DiagnosticIds.ClassShapeLength,
        "Multiclass buffer has the wrong length",
        "'{0}' expects {1} values ({2}) but this argument has {3}",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "A multinomial model's weights hold ClassCount rows of FeatureCount values, its intercepts ClassCount values, and its batch probabilities ClassCount values per row; any other length throws ArgumentException at run time.");

    public static readonly DiagnosticDescriptor RaggedRows = Create(
        DiagnosticIds.RaggedRows,
        "Jagged array has rows of different lengths",
        "'{0}[{1}]' has {2} values but '{0}[{3}]' has {4}; '{5}' needs every array of x to have the same length (a rectangular matrix)",
        ShapeCategory,
        DiagnosticSeverity.Error,
        "A jagged array given as a matrix must be rectangular: every inner array holds one sample's features (FromSamples) or one feature's values (FromFeatures). Rows of different lengths throw ArgumentException at run time.");

    public static readonly DiagnosticDescriptor NonPublicMember = Create(
        DiagnosticIds.NonPublicMember,
        "Non-public member is not a feature",
        "'{0}' is {1}, so it is not a feature of '{2}'; make it public to use it as one, or mark it [Ignore] to say that it is not",
        DeclarationCategory,
        DiagnosticSeverity.Info,
        "The generated model reads public instance fields and properties only. A numeric or bool member that is internal, protected or private is left out without any other sign, which is easy to miss when a feature is declared as 'internal float Debt;'.");

    public static readonly DiagnosticDescriptor InvalidOption = Create(
        DiagnosticIds.InvalidOption,
        "Training option value cannot work",
        "TrainingOptions.{0} = {1}: {2}",
        UsageCategory,
        DiagnosticSeverity.Error,
        "TrainingOptions.Validate() rejects these values before training starts, so training with them always throws ArgumentOutOfRangeException.");

    /// <summary>Reported by the generator, which alone reads the additional files.</summary>
    public static readonly DiagnosticDescriptor WeightsFileNotFound = Create(
        DiagnosticIds.WeightsFileNotFound,
        "Weights file not found",
        "'{0}' names the weights file \"{1}\", but no AdditionalFiles item has that file name; add <AdditionalFiles Include=\"{1}\" /> to the project",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "The generator bakes the weights of a saved model into the code at build time. It reads the file only when the project passes it to the compiler as an AdditionalFiles item.");

    /// <summary>Reported by the generator, which alone reads the additional files.</summary>
    public static readonly DiagnosticDescriptor WeightsFileMismatch = Create(
        DiagnosticIds.WeightsFileMismatch,
        "Weights file does not fit the model",
        "The weights file \"{1}\" cannot be baked into '{0}': {2}",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "A baked weights file must be a model saved by the generated Save method of a model with the same features, in the same order, so that each weight multiplies the feature it was trained for.");

    public static readonly DiagnosticDescriptor FlagsEnumLabel = Create(
        DiagnosticIds.FlagsEnumLabel,
        "Label enum is a [Flags] enum",
        "The label '{0}' is of the [Flags] enum '{1}', whose values combine members, so a value is not one class; no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "An enum label makes a multinomial model with one class per enum member, and each row belongs to exactly one class. A [Flags] enum's values are combinations of members, so it cannot be such a label; use an enum without [Flags], or one bool label per flag in separate models.");

    public static readonly DiagnosticDescriptor EnumLabelAliases = Create(
        DiagnosticIds.EnumLabelAliases,
        "Label enum has two members with one value",
        "The label '{0}' is of the enum '{1}', in which {2}, so a value does not name one class; no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "An enum label makes one class per enum member, and the model maps each label value back to its class. When two members share a value, that value names two classes; give every member its own value.");

    public static readonly DiagnosticDescriptor EnumLabelTooFewClasses = Create(
        DiagnosticIds.EnumLabelTooFewClasses,
        "Label enum has fewer than two members",
        "The label '{0}' is of the enum '{1}', which has {2} member(s); a classifier needs at least two classes, so no model is generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        "An enum label makes one class per enum member, and a classifier needs at least two classes to tell apart.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(
            id,
            title,
            message,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));

    /// <summary>The documentation page of a diagnostic.</summary>
    public static string HelpLink(string id) =>
        "https://github.com/logreggen/logreggen/blob/main/docs/diagnostics/" + id + ".md";
}
