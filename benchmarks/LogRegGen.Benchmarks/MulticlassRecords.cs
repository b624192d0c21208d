using System;
using LogRegGen;

namespace LogRegGen.Benchmarks;

/// <summary>The ten classes of the multiclass benchmarks.</summary>
public enum Class10
{
    C0,
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    C7,
    C8,
    C9,
}

/// <summary>A synthetic row with 64 float features and a ten-class enum label; the generator emits the multinomial <c>Multi64Model</c>.</summary>
[LogisticModel]
public readonly record struct Multi64(
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
    [Label] Class10 Label)
{
    /// <summary>A row from 64 features and a class index.</summary>
    /// <param name="f">Exactly 64 features.</param>
    /// <param name="label">The class index, 0 … 9.</param>
    /// <returns>The row.</returns>
    public static Multi64 Create(ReadOnlySpan<float> f, int label) =>
        f.Length == 64
            ? new Multi64(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18], f[19], f[20], f[21], f[22], f[23], f[24], f[25], f[26], f[27], f[28], f[29], f[30], f[31], f[32], f[33], f[34], f[35], f[36], f[37], f[38], f[39], f[40], f[41], f[42], f[43], f[44], f[45], f[46], f[47], f[48], f[49], f[50], f[51], f[52], f[53], f[54], f[55], f[56], f[57], f[58], f[59], f[60], f[61], f[62], f[63], (Class10)label)
            : throw new ArgumentException($"Expected 64 features but got {f.Length}.", nameof(f));
}
