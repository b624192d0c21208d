using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogRegGen;

/// <summary>
/// The instruction width a numeric routine runs at. Public entry points always use
/// <see cref="SimdPaths.Best"/>; the internal overloads that take a path let the tests run every
/// path on any machine and check that they agree.
/// </summary>
internal enum SimdPath
{
    /// <summary>One element at a time, with the same operation order as the vector paths.</summary>
    Scalar,

    /// <summary>Four floats per operation.</summary>
    Vector128,

    /// <summary>Eight floats per operation.</summary>
    Vector256,
}

/// <summary>Chooses the widest path the hardware accelerates.</summary>
internal static class SimdPaths
{
    /// <summary>
    /// <see cref="SimdPath.Vector256"/> when 256-bit vectors are hardware accelerated, else
    /// <see cref="SimdPath.Vector128"/> when 128-bit vectors are, else <see cref="SimdPath.Scalar"/>.
    /// The JIT folds this to a constant.
    /// </summary>
    internal static SimdPath Best
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated ? SimdPath.Vector256
            : Vector128.IsHardwareAccelerated ? SimdPath.Vector128
            : SimdPath.Scalar;
    }
}
