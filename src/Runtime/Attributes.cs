using System;

namespace LogRegGen;

/// <summary>
/// Marks a record, struct or class whose public numeric members are the features of a logistic
/// regression model. At build time the LogRegGen generator emits a <c>{Type}Model</c> class
/// specialised for exactly that many features.
/// </summary>
/// <remarks>
/// Features are the public instance properties and fields of type <see cref="float"/>,
/// <see cref="double"/>, <see cref="int"/>, <see cref="long"/>, <see cref="short"/>,
/// <see cref="byte"/> and <see cref="bool"/> (as 0/1), in declaration order, except the member
/// marked with <see cref="LabelAttribute"/> and members marked with <see cref="IgnoreAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class LogisticModelAttribute : Attribute
{
    /// <summary>
    /// The name of the generated model class. Defaults to the type's name followed by <c>Model</c>.
    /// </summary>
    public string? ModelName { get; set; }

    /// <summary>
    /// The file name of a model saved with the generated <c>Save</c> (JSON), passed to the compiler
    /// as an <c>AdditionalFiles</c> item. The generator then bakes its weights into the model as
    /// constants: a nested <c>Pretrained</c> class predicts with no file and no allocation, with the
    /// model's own σ and decision rule. A missing file, or one saved from other features, is a build error (LRG019, LRG020).
    /// </summary>
    public string? WeightsFile { get; set; }
}

/// <summary>
/// Marks the member that holds the label y: a <see cref="bool"/>, or a number that is 0 or 1.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class LabelAttribute : Attribute
{
}

/// <summary>
/// Excludes a public member from the model's features.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class IgnoreAttribute : Attribute
{
}

/// <summary>
/// The name of the column a feature or the label is read from by the generated <c>ReadRows</c> and
/// <c>Batch.Read</c> (a CSV header, a database column), when it is not the member's own name. Names are
/// matched ignoring case and the characters <c>_ - .</c> and space, so <c>MeanRadius</c> already reads
/// <c>mean_radius</c> without it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ColumnNameAttribute : Attribute
{
    /// <summary>Names the column.</summary>
    /// <param name="name">The column's name.</param>
    public ColumnNameAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }
}
