using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace LogRegGen.Benchmarks;

/// <summary>
/// The machine's streaming read bandwidth: summing a large float array (512 MiB, far beyond any
/// cache) with Vector256 loads into four independent accumulators, on one core and on two.
/// </summary>
/// <remarks>
/// The Streamed B/op and GB/s columns give the rate directly. An epoch has to read 4·n bytes per
/// sample, so (4·n·m bytes) / (single-core GB/s) is the memory-bound floor of one epoch, and the
/// epoch's GB/s divided by the single-core GB/s here is the fraction of bandwidth it reaches.
/// </remarks>
[BenchmarkCategory("Bandwidth")]
public unsafe class BandwidthBenchmarks
{
    private float* _data;
    private nuint _length;

    /// <summary>The size of the array, in MiB.</summary>
    [ParamsSource(nameof(Sizes))]
    public int MiB { get; set; }

    /// <summary>The values of <see cref="MiB"/>.</summary>
    public static IEnumerable<int> Sizes => BenchmarkMatrix.BandwidthMebibytes;

    /// <summary>Allocates the array 64-byte aligned and writes every element, so every page is mapped before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _length = (nuint)MiB * 1024 * 1024 / sizeof(float);
        _data = (float*)NativeMemory.AlignedAlloc(_length * sizeof(float), 64);
        new Span<float>(_data, checked((int)_length)).Fill(1f / 1024);
        float expected = _length / 1024f;
        float single = SingleCore();
        float dual = TwoCores();
        if (Math.Abs(single - expected) > 1e-3f * expected || Math.Abs(dual - expected) > 1e-3f * expected)
        {
            throw new InvalidOperationException($"Self-check failed: sums {single} and {dual}, expected {expected}.");
        }
    }

    /// <summary>Frees the array.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_data);
        _data = null;
    }

    /// <summary>One core streams the whole array.</summary>
    /// <returns>The sum.</returns>
    [Benchmark(Baseline = true)]
    public float SingleCore() => Sum(_data, _length);

    /// <summary>Two cores each stream half the array (a thread-pool task and the calling thread).</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public float TwoCores()
    {
        nuint half = (_length / 2) & ~(nuint)31;
        nint second = (nint)(_data + half);
        nuint rest = _length - half;
        Task<float> other = Task.Run(() => Sum((float*)second, rest));
        float first = Sum(_data, half);
        return first + other.Result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Sum(float* p, nuint length)
    {
        Vector256<float> s0 = Vector256<float>.Zero;
        Vector256<float> s1 = Vector256<float>.Zero;
        Vector256<float> s2 = Vector256<float>.Zero;
        Vector256<float> s3 = Vector256<float>.Zero;
        int width = Vector256<float>.Count;
        nuint i = 0;
        nuint last = length >= (nuint)(4 * width) ? length - (nuint)(4 * width) : 0;
        for (; length >= (nuint)(4 * width) && i <= last; i += (nuint)(4 * width))
        {
            s0 += Vector256.Load(p + i);
            s1 += Vector256.Load(p + i + (nuint)width);
            s2 += Vector256.Load(p + i + (nuint)(2 * width));
            s3 += Vector256.Load(p + i + (nuint)(3 * width));
        }

        float sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        for (; i < length; i++)
        {
            sum += p[i];
        }

        return sum;
    }
}
