using System;
using LogRegGen;

namespace LogRegGen.Benchmarks;

// The row types the benchmarks train and score (Sample8 and Sample16 only in UnrollBenchmarks).
// Each has exactly n float features and a bool label, so the generated model for it works on a
// feature vector of length n. The features are named F0..F(n-1) after their column in the
// synthetic data.

/// <summary>Builds a row from one row of the sample-major matrix (used by <see cref="SyntheticData"/>).</summary>
/// <typeparam name="TSelf">The row type.</typeparam>
public interface ISyntheticRow<TSelf>
    where TSelf : struct
{
    /// <summary>The number of float features of the row.</summary>
    static abstract int FeatureCount { get; }

    /// <summary>Creates a row from <paramref name="features"/> (exactly <see cref="FeatureCount"/> values) and its label.</summary>
    static abstract TSelf Create(ReadOnlySpan<float> features, bool label);
}

/// <summary>A synthetic row with 4 float features and a bool label; the generator emits <c>Sample4Model</c>.</summary>
[LogisticModel]
public record struct Sample4(
    float F0,
    float F1,
    float F2,
    float F3,
    [Label] bool Label) : ISyntheticRow<Sample4>
{
    /// <inheritdoc/>
    public static int FeatureCount => 4;

    /// <inheritdoc/>
    public static Sample4 Create(ReadOnlySpan<float> features, bool label)
    {
        if (features.Length != 4)
        {
            throw new ArgumentException($"Expected 4 features but got {features.Length}.", nameof(features));
        }

        return new Sample4(
            features[0], features[1], features[2], features[3], label);
    }
}

/// <summary>A synthetic row with 8 float features and a bool label; the generator emits <c>Sample8Model</c>.</summary>
[LogisticModel]
public record struct Sample8(
    float F0,
    float F1,
    float F2,
    float F3,
    float F4,
    float F5,
    float F6,
    float F7,
    [Label] bool Label) : ISyntheticRow<Sample8>
{
    /// <inheritdoc/>
    public static int FeatureCount => 8;

    /// <inheritdoc/>
    public static Sample8 Create(ReadOnlySpan<float> features, bool label)
    {
        if (features.Length != 8)
        {
            throw new ArgumentException($"Expected 8 features but got {features.Length}.", nameof(features));
        }

        return new Sample8(
            features[0], features[1], features[2], features[3], features[4], features[5], features[6],
            features[7], label);
    }
}

/// <summary>A synthetic row with 16 float features and a bool label; the generator emits <c>Sample16Model</c>.</summary>
[LogisticModel]
public record struct Sample16(
    float F0,
    float F1,
    float F2,
    float F3,
    float F4,
    float F5,
    float F6,
    float F7,
    float F8,
    float F9,
    float F10,
    float F11,
    float F12,
    float F13,
    float F14,
    float F15,
    [Label] bool Label) : ISyntheticRow<Sample16>
{
    /// <inheritdoc/>
    public static int FeatureCount => 16;

    /// <inheritdoc/>
    public static Sample16 Create(ReadOnlySpan<float> features, bool label)
    {
        if (features.Length != 16)
        {
            throw new ArgumentException($"Expected 16 features but got {features.Length}.", nameof(features));
        }

        return new Sample16(
            features[0], features[1], features[2], features[3], features[4], features[5], features[6],
            features[7], features[8], features[9], features[10], features[11], features[12], features[13],
            features[14], features[15], label);
    }
}

/// <summary>A synthetic row with 30 float features and a bool label; the generator emits <c>Sample30Model</c>.</summary>
[LogisticModel]
public record struct Sample30(
    float F0,
    float F1,
    float F2,
    float F3,
    float F4,
    float F5,
    float F6,
    float F7,
    float F8,
    float F9,
    float F10,
    float F11,
    float F12,
    float F13,
    float F14,
    float F15,
    float F16,
    float F17,
    float F18,
    float F19,
    float F20,
    float F21,
    float F22,
    float F23,
    float F24,
    float F25,
    float F26,
    float F27,
    float F28,
    float F29,
    [Label] bool Label) : ISyntheticRow<Sample30>
{
    /// <inheritdoc/>
    public static int FeatureCount => 30;

    /// <inheritdoc/>
    public static Sample30 Create(ReadOnlySpan<float> features, bool label)
    {
        if (features.Length != 30)
        {
            throw new ArgumentException($"Expected 30 features but got {features.Length}.", nameof(features));
        }

        return new Sample30(
            features[0], features[1], features[2], features[3], features[4], features[5], features[6],
            features[7], features[8], features[9], features[10], features[11], features[12], features[13],
            features[14], features[15], features[16], features[17], features[18], features[19], features[20],
            features[21], features[22], features[23], features[24], features[25], features[26], features[27],
            features[28], features[29], label);
    }
}

/// <summary>A synthetic row with 64 float features and a bool label; the generator emits <c>Sample64Model</c>.</summary>
[LogisticModel]
public record struct Sample64(
    float F0,
    float F1,
    float F2,
    float F3,
    float F4,
    float F5,
    float F6,
    float F7,
    float F8,
    float F9,
    float F10,
    float F11,
    float F12,
    float F13,
    float F14,
    float F15,
    float F16,
    float F17,
    float F18,
    float F19,
    float F20,
    float F21,
    float F22,
    float F23,
    float F24,
    float F25,
    float F26,
    float F27,
    float F28,
    float F29,
    float F30,
    float F31,
    float F32,
    float F33,
    float F34,
    float F35,
    float F36,
    float F37,
    float F38,
    float F39,
    float F40,
    float F41,
    float F42,
    float F43,
    float F44,
    float F45,
    float F46,
    float F47,
    float F48,
    float F49,
    float F50,
    float F51,
    float F52,
    float F53,
    float F54,
    float F55,
    float F56,
    float F57,
    float F58,
    float F59,
    float F60,
    float F61,
    float F62,
    float F63,
    [Label] bool Label) : ISyntheticRow<Sample64>
{
    /// <inheritdoc/>
    public static int FeatureCount => 64;

    /// <inheritdoc/>
    public static Sample64 Create(ReadOnlySpan<float> features, bool label)
    {
        if (features.Length != 64)
        {
            throw new ArgumentException($"Expected 64 features but got {features.Length}.", nameof(features));
        }

        return new Sample64(
            features[0], features[1], features[2], features[3], features[4], features[5], features[6],
            features[7], features[8], features[9], features[10], features[11], features[12], features[13],
            features[14], features[15], features[16], features[17], features[18], features[19], features[20],
            features[21], features[22], features[23], features[24], features[25], features[26], features[27],
            features[28], features[29], features[30], features[31], features[32], features[33], features[34],
            features[35], features[36], features[37], features[38], features[39], features[40], features[41],
            features[42], features[43], features[44], features[45], features[46], features[47], features[48],
            features[49], features[50], features[51], features[52], features[53], features[54], features[55],
            features[56], features[57], features[58], features[59], features[60], features[61], features[62],
            features[63], label);
    }
}
