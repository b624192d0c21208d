using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LogRegGen.Optimization;

/// <summary>
/// The few vector operations the multinomial register tiles use, for one vector width and element
/// type, as static members of a struct: a tile written once over <typeparamref name="TVector"/>
/// compiles, per width, to the same code as one written for that width by hand.
/// </summary>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="T">Its element type.</typeparam>
internal interface IVectorOps<TVector, T>
    where TVector : struct
    where T : struct
{
    /// <summary>The elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The vector at <paramref name="source"/> + <paramref name="offset"/> elements.</summary>
    static abstract TVector Load(ref T source, nuint offset);

    /// <summary>Every element <paramref name="value"/>.</summary>
    static abstract TVector Create(T value);

    /// <summary>a·b + c, fused: each element rounds once, as the scalar fused multiply-add does.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> + <paramref name="offset"/> elements.</summary>
    static abstract void Store(TVector value, ref T destination, nuint offset);

    /// <summary>The sum of the elements.</summary>
    static abstract T Sum(TVector value);
}

/// <summary>Float vectors whose elements can be added, widened exactly, to doubles.</summary>
/// <typeparam name="TVector">The vector type.</typeparam>
internal interface IFloatVectorOps<TVector> : IVectorOps<TVector, float>
    where TVector : struct
{
    /// <summary>Adds the elements of <paramref name="value"/>, widened to double, to the <see cref="IVectorOps{TVector, T}.Count"/> doubles at <paramref name="destination"/>.</summary>
    static abstract void AddWidened(TVector value, ref double destination);

    /// <summary>a·b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);
}

/// <summary>Eight floats (AVX).</summary>
internal readonly struct Float256 : IFloatVectorOps<Vector256<float>>
{
    /// <inheritdoc />
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    /// <inheritdoc />
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    /// <inheritdoc />
    public static void AddWidened(Vector256<float> value, ref double destination)
    {
        Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref destination) + Vector256.WidenLower(value), ref destination);
        Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref destination, 4) + Vector256.WidenUpper(value), ref destination, 4);
    }

    /// <inheritdoc />
    public static int Count => 8;

    /// <inheritdoc />
    public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => SimdMath.MultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc />
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}

/// <summary>Sixteen floats (AVX-512; use only where <see cref="Avx512F.IsSupported"/>).</summary>
internal readonly struct Float512 : IFloatVectorOps<Vector512<float>>
{
    /// <inheritdoc />
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    /// <inheritdoc />
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    /// <inheritdoc />
    public static void AddWidened(Vector512<float> value, ref double destination)
    {
        Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref destination) + Vector512.WidenLower(value), ref destination);
        Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref destination, 8) + Vector512.WidenUpper(value), ref destination, 8);
    }

    /// <inheritdoc />
    public static int Count => 16;

    /// <inheritdoc />
    public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    /// <inheritdoc />
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc />
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);
}

/// <summary>Four doubles (AVX).</summary>
internal readonly struct Double256 : IVectorOps<Vector256<double>, double>
{
    /// <inheritdoc />
    public static int Count => 4;

    /// <inheritdoc />
    public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => SimdMath.MultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc />
    public static double Sum(Vector256<double> value) => Vector256.Sum(value);
}

/// <summary>Eight doubles (AVX-512; use only where <see cref="Avx512F.IsSupported"/>).</summary>
internal readonly struct Double512 : IVectorOps<Vector512<double>, double>
{
    /// <inheritdoc />
    public static int Count => 8;

    /// <inheritdoc />
    public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    /// <inheritdoc />
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    /// <inheritdoc />
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Avx512F.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc />
    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc />
    public static double Sum(Vector512<double> value) => Vector512.Sum(value);
}

/// <summary>
/// How wide one register tile is (the classes of a multinomial tile, the column vectors of a Hessian
/// tile, and a Hessian tile's rows), as a type argument, so the JIT compiles one loop per width with the
/// unused accumulators removed.
/// </summary>
internal interface ITileWidth
{
    /// <summary>1 to 5, or 8 (a Hessian tile's rows).</summary>
    static abstract int Width { get; }
}

/// <summary>A tile one wide.</summary>
internal readonly struct Tile1 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 1;
}

/// <summary>A tile two wide.</summary>
internal readonly struct Tile2 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 2;
}

/// <summary>A tile three wide.</summary>
internal readonly struct Tile3 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 3;
}

/// <summary>A tile four wide.</summary>
internal readonly struct Tile4 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 4;
}

/// <summary>A tile five wide.</summary>
internal readonly struct Tile5 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 5;
}

/// <summary>A tile eight wide (a Hessian tile's eight rows).</summary>
internal readonly struct Tile8 : ITileWidth
{
    /// <inheritdoc />
    public static int Width => 8;
}
