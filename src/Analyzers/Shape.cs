using System;
using System.Collections.Immutable;

namespace LogRegGen.Analyzers;

/// <summary>What kind of fact a <see cref="Shape"/> holds.</summary>
internal enum ShapeKind : byte
{
    /// <summary>Nothing is known.</summary>
    Unknown,

    /// <summary>The value of an integer expression.</summary>
    Integer,

    /// <summary>The element count of an array, span or inline array (for a jagged array, its row count).</summary>
    Sequence,

    /// <summary>The (rows, columns) of a two-dimensional array.</summary>
    Matrix,
}

/// <summary>
/// The abstract value of an expression for the shape analysis: a known integer, a known number of
/// elements (with the known lengths of a jagged array's rows), a known two-dimensional shape, or
/// unknown. Two paths that disagree join to unknown, so a fact holds on every path that reaches a use.
/// </summary>
internal readonly struct Shape : IEquatable<Shape>
{
    /// <summary>A row of a jagged array whose length is not known.</summary>
    public const int UnknownRow = -1;

    private readonly int _first;
    private readonly int _second;

    private Shape(ShapeKind kind, int first, int second, ImmutableArray<int> rowLengths)
    {
        Kind = kind;
        _first = first;
        _second = second;
        RowLengths = rowLengths;
    }

    public static Shape Unknown => default;

    public ShapeKind Kind { get; }

    /// <summary>For a jagged array, the length of each row (<see cref="UnknownRow"/> where not known); default otherwise.</summary>
    public ImmutableArray<int> RowLengths { get; }

    public bool IsKnown => Kind != ShapeKind.Unknown;

    /// <summary>The value of an integer expression.</summary>
    public int? Integer => Kind == ShapeKind.Integer ? _first : null;

    /// <summary>The number of elements (rows × columns for a two-dimensional array).</summary>
    public int? Length => Kind switch
    {
        ShapeKind.Sequence => _first,
        ShapeKind.Matrix => _first * _second,
        _ => null,
    };

    /// <summary>
    /// The (rows, columns) of a two-dimensional array, or of a jagged array whose rows are all known and
    /// of one length.
    /// </summary>
    public (int Rows, int Columns)? Rectangle
    {
        get
        {
            if (Kind == ShapeKind.Matrix)
            {
                return (_first, _second);
            }

            if (Kind != ShapeKind.Sequence || RowLengths.IsDefaultOrEmpty)
            {
                return null;
            }

            int columns = RowLengths[0];
            foreach (int length in RowLengths)
            {
                if (length == UnknownRow || length != columns)
                {
                    return null;
                }
            }

            return (RowLengths.Length, columns);
        }
    }

    public static Shape OfInteger(int value) => new(ShapeKind.Integer, value, 0, default);

    public static Shape OfInteger(long value) => value is >= int.MinValue and <= int.MaxValue ? OfInteger((int)value) : Unknown;

    public static Shape OfLength(int length, ImmutableArray<int> rowLengths = default) =>
        length >= 0 ? new(ShapeKind.Sequence, length, 0, rowLengths.IsDefault || rowLengths.Length == length ? rowLengths : default) : Unknown;

    public static Shape OfLength(int? length) => length is int n ? OfLength(n) : Unknown;

    public static Shape OfMatrix(int rows, int columns) =>
        rows >= 0 && columns >= 0 && (long)rows * columns <= int.MaxValue ? new(ShapeKind.Matrix, rows, columns, default) : Unknown;

    /// <summary>
    /// The same length without the rows' lengths: what is left of a jagged array reached through a name
    /// that other code may also use, and so replace rows through.
    /// </summary>
    public Shape WithoutRowLengths() => Kind == ShapeKind.Sequence && !RowLengths.IsDefault ? OfLength(_first) : this;

    /// <summary>The fact that holds on both paths: the value if they agree, else unknown.</summary>
    public Shape Join(Shape other) => Equals(other) ? this : Unknown;

    public bool Equals(Shape other)
    {
        if (Kind != other.Kind || _first != other._first || _second != other._second || RowLengths.IsDefault != other.RowLengths.IsDefault)
        {
            return false;
        }

        if (RowLengths.IsDefault)
        {
            return true;
        }

        for (int i = 0; i < RowLengths.Length; i++)
        {
            if (RowLengths[i] != other.RowLengths[i])
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ (_first * 31) ^ _second;

    public override string ToString() => Kind switch
    {
        ShapeKind.Integer => $"{_first}",
        ShapeKind.Sequence => RowLengths.IsDefault ? $"[{_first}]" : $"[{_first}: {string.Join(", ", RowLengths)}]",
        ShapeKind.Matrix => $"[{_first}, {_second}]",
        _ => "?",
    };
}
