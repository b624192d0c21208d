using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace LogRegGen.Benchmarks;

/// <summary>
/// One pass over X at n = 64, one thread, at sample counts whose feature rows would lie a multiple of 4 KiB apart
/// when laid out back to back (m = 2¹⁶, 2²⁰) and at counts whose rows never did (m = 70,000 and 10⁶): the
/// per-sample column compares them within one run. <c>Cost</c> is the double-precision pass of Newton's method
/// and L-BFGS (logits, σ and the loss); <c>Gradients</c> the float pass of gradient descent
/// (<c>ComputeGradients</c>). Both read the 64 feature rows side by side, sample by sample.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Stride")]
[OnePassOverSamples]
public class StrideBenchmarks
{
    private Sample64Model _model = null!;
    private Sample64Model.Batch _batch = null!;

    /// <summary>The number of features n (the widest model of the suite).</summary>
    [Params(64)]
    public int N { get; set; }

    /// <summary>The number of samples m.</summary>
    [ParamsSource(nameof(SampleCounts))]
    public int M { get; set; }

    /// <summary>Two counts a power of two (rows 256 KiB and 4 MiB long), two that are not.</summary>
    public static IEnumerable<int> SampleCounts => [65_536, 70_000, 1_000_000, 1 << 20];

    /// <summary>The rows laid out, and a model at half the generating weights.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SyntheticData data = SyntheticData.Create(N, M);
        var weights = new float[N];
        for (int j = 0; j < N; j++)
        {
            weights[j] = 0.5f * data.TrueWeights[j];
        }

        _model = new Sample64Model(weights, 0.5f * data.TrueBias);
        _batch = Sample64Model.Batch.Create(data.ToRows<Sample64>());
        System.Console.WriteLine($"// Stride N={N} M={M}: {_batch.Matrix.Stride} floats per feature row ({_batch.Matrix.Stride / 16 % 64} lines past a multiple of 64)");
    }

    /// <summary>J(w, b) in double: the loss pass of the exact solvers.</summary>
    /// <returns>The cost.</returns>
    [Benchmark(Baseline = true)]
    public double Cost() => _model.Cost(_batch);

    /// <summary>J, dw and db in float on one thread: an epoch of gradient descent.</summary>
    /// <returns>The cost plus db.</returns>
    [Benchmark]
    public double Gradients()
    {
        Sample64Model.Gradients g = _model.ComputeGradients(_batch, maxDegreeOfParallelism: 1);
        return g.Cost + g.Bias;
    }
}
