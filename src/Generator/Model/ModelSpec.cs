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

/// <summary>One feature or the label: the member's name as written and its numeric kind.</summary>
internal readonly record struct MemberSpec(string Name, NumericKind Kind);

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
    int RowMajorFeatureOffset = -1)
{
    /// <summary>Whether the label is an enum: a multinomial (softmax) model with one class per member.</summary>
    public bool IsMultinomial => Label.Kind == NumericKind.Enum;

    /// <summary>The end of the model file's hint name, after the stem that names the row type.</summary>
    public const string ModelFileSuffix = ".LogisticModel.g.cs";

    /// <summary>The end of the kernels file's hint name.</summary>
    public const string KernelsFileSuffix = ".LogisticModel.Kernels.g.cs";

    public bool IsReferenceType => Kind is RowKind.RecordClass or RowKind.Class;
}

/// <summary>
/// The one transform's result for a <c>[LogisticModel]</c> type: its spec, and where its <c>WeightsFile</c>
/// argument is written (for LRG019/LRG020). The code branch takes only <see cref="Spec"/>, so a location
/// that moves with an edit never re-emits code.
/// </summary>
internal sealed record ParsedModel(ModelSpec Spec, LocationInfo? WeightsFileLocation);
