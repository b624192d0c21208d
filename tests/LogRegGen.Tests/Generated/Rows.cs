using LogRegGen;

namespace LogRegGen.Tests.Generated;

// Row types whose generated models the tests use with static typing. The RowN records cover the
// feature counts around the SIMD widths (1, 4, 7, 8, 9), the largest fully unrolled model (16) and
// models beyond it (30, 64) that train on the runtime's kernel; the others cover the
// remaining kinds of type and member.

/// <summary>1 float feature and a bool label.</summary>
[LogisticModel]
public readonly record struct Row1(float X0, [Label] bool Y);

/// <summary>4 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row4(float X0, float X1, float X2, float X3, [Label] bool Y);

/// <summary>7 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row7(float X0, float X1, float X2, float X3, float X4, float X5, float X6, [Label] bool Y);

/// <summary>8 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row8(float X0, float X1, float X2, float X3, float X4, float X5, float X6, float X7, [Label] bool Y);

/// <summary>9 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row9(float X0, float X1, float X2, float X3, float X4, float X5, float X6, float X7, float X8, [Label] bool Y);

/// <summary>16 float features and a bool label: the largest model whose kernels are unrolled.</summary>
[LogisticModel]
public readonly record struct Row16(
    float X0, float X1, float X2, float X3, float X4, float X5, float X6, float X7,
    float X8, float X9, float X10, float X11, float X12, float X13, float X14, float X15,
    [Label] bool Y);

/// <summary>30 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row30(
    float X0, float X1, float X2, float X3, float X4, float X5, float X6, float X7,
    float X8, float X9, float X10, float X11, float X12, float X13, float X14, float X15,
    float X16, float X17, float X18, float X19, float X20, float X21, float X22, float X23,
    float X24, float X25, float X26, float X27, float X28, float X29,
    [Label] bool Y);

/// <summary>64 float features and a bool label.</summary>
[LogisticModel]
public readonly record struct Row64(
    float X0, float X1, float X2, float X3, float X4, float X5, float X6, float X7,
    float X8, float X9, float X10, float X11, float X12, float X13, float X14, float X15,
    float X16, float X17, float X18, float X19, float X20, float X21, float X22, float X23,
    float X24, float X25, float X26, float X27, float X28, float X29, float X30, float X31,
    float X32, float X33, float X34, float X35, float X36, float X37, float X38, float X39,
    float X40, float X41, float X42, float X43, float X44, float X45, float X46, float X47,
    float X48, float X49, float X50, float X51, float X52, float X53, float X54, float X55,
    float X56, float X57, float X58, float X59, float X60, float X61, float X62, float X63,
    [Label] bool Y);

/// <summary>A positional record class.</summary>
[LogisticModel]
public sealed record Applicant(float Income, float Debt, float Age, float Years, [Label] bool Approved);

/// <summary>A plain struct with fields; the label is declared between features.</summary>
[LogisticModel]
public struct Reading
{
    public float Temperature;
    public float Humidity;
    [Label] public bool Rain;
    public float Pressure;
}

/// <summary>A class with properties of every supported type, an ignored member and an int label.</summary>
[LogisticModel]
public sealed class Patient
{
    public float Age { get; set; }
    public double Weight { get; set; }
    public int Visits { get; set; }
    [Ignore] public string Name { get; set; } = "";
    public long Steps { get; set; }
    public short Floors { get; set; }
    [Label] public int Outcome { get; set; }
    public byte Grade { get; set; }
    public bool Smoker { get; set; }
}
