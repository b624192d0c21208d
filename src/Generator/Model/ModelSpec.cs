using LogRegGen.Generator.Helpers;

namespace LogRegGen.Generator.Model;

// NumericKind lives in Shared/ModelRules.cs, which the analyzers compile too.

/// <summary>The shape of the row type, which decides null checks and documentation.</summary>
internal enum RowKind
{
    RecordStruct,
    RecordClass,
    Struct,
    Class,
}

/// <summary>
/// One feature or the label: the member's name as written, its numeric kind, and the column a data
/// reader reads it from (<c>[ColumnName]</c>, else null for the member's name).
/// </summary>
internal readonly record struct MemberSpec(string Name, NumericKind Kind, string? Column = null)
{
    /// <summary>The column name the generated readers look for.</summary>
    public string ColumnName => Column ?? Name;
}

/// <summary>How the generated <c>ReadRows</c> creates a row, if it can.</summary>
internal enum RowFactory
{
    /// <summary>No constructor or initializer sets exactly the features and the label: no <c>ReadRows</c>.</summary>
    None,

    /// <summary>A constructor whose parameters are the features and the label (a positional record's).</summary>
    Constructor,

    /// <summary>An object initializer that sets each feature and the label.</summary>
    Initializer,
}

/// <summary>One class of a multinomial model: the enum member's name and its value as a C# literal.</summary>
internal readonly record struct ClassSpec(string Name, string Value);

/// <summary>
/// Everything the emitter needs to know about one <c>[LogisticModel]</c> type: strings, enums and
/// an equatable array only, so that the incremental pipeline can compare it by value and cache.
/// </summary>
internal sealed record ModelSpec(
    string? Namespace,
    string RowTypeName,
    string RowTypeFullName,
    string ModelName,
    string HintName,
    string KernelsHintName,
    string KernelsNamespace,
    RowKind Kind,
    bool IsPublic,
    EquatableArray<MemberSpec> Features,
    MemberSpec Label,
    string? WeightsFile = null,
    string? LabelTypeFullName = null,
    string? LabelUnderlyingType = null,
    EquatableArray<ClassSpec> Classes = default,
    int RowMajorFeatureOffset = -1,
    RowFactory Factory = RowFactory.None,
    EquatableArray<int> ConstructorOrder = default)
{
    /// <summary>Whether the label is an enum: a multinomial (softmax) model with one class per member.</summary>
    public bool IsMultinomial => Label.Kind == NumericKind.Enum;

    /// <summary>The end of the model file's hint name, after the stem that names the row type.</summary>
    public const string ModelFileSuffix = ".LogisticModel.g.cs";

    /// <summary>The end of the kernels file's hint name.</summary>
    public const string KernelsFileSuffix = ".LogisticModel.Kernels.g.cs";

    public bool IsReferenceType => Kind is RowKind.RecordClass or RowKind.Class;

    /// <summary>The feature at index <paramref name="index"/>, or the label at index <c>Features.Count</c>.</summary>
    public MemberSpec Member(int index) => index < Features.Count ? Features[index] : Label;
}

/// <summary>
/// The one transform's result for a <c>[LogisticModel]</c> type: its spec, and where its <c>WeightsFile</c>
/// argument is written (for LRG019/LRG020). The code branch takes only <see cref="Spec"/>, so a location
/// that moves with an edit never re-emits code.
/// </summary>
internal sealed record ParsedModel(ModelSpec Spec, LocationInfo? WeightsFileLocation);
