using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace LogRegGen.Benchmarks;

/// <summary>
/// One full-batch gradient-descent epoch (forward and backward: J, dw, db) at a fixed, realistic
/// (w, b): half the parameters that generated the labels. Baseline: the notes' scalar loop.
/// </summary>
/// <remarks>
/// Each operation is one pass over m samples, so the ns/sample column is Mean / M and GB/s is the
/// rate at which X (4·n·m bytes) is consumed; compare it with <see cref="BandwidthBenchmarks"/>.
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Epoch")]
[OnePassOverSamples]
public class EpochBenchmarks
{
    private SyntheticData _data = null!;
    private float[] _weights = [];
    private float _bias;
    private double[] _dw = [];
    private float[] _z = [];
    private float[] _scratch = [];

    private Sample4Model? _model4;
    private Sample4Model.Batch? _batch4;
    private Sample30Model? _model30;
    private Sample30Model.Batch? _batch30;
    private Sample64Model? _model64;
    private Sample64Model.Batch? _batch64;

    /// <summary>n, the number of features (one generated model per value).</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int N { get; set; }

    /// <summary>m, the number of samples.</summary>
    [ParamsSource(nameof(SampleCounts))]
    public int M { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkMatrix.FeatureCounts;

    /// <summary>The values of <see cref="M"/>.</summary>
    public static IEnumerable<int> SampleCounts => BenchmarkMatrix.SampleCounts;

    /// <summary>Builds the data in every layout, the generated model and its batch, and checks that all three epochs agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticData.Create(N, M);
        _weights = new float[N];
        for (int j = 0; j < N; j++)
        {
            _weights[j] = 0.5f * _data.TrueWeights[j];
        }

        _bias = 0.5f * _data.TrueBias;
        _dw = new double[N];
        _z = new float[EpochKernels.TensorBlock];
        _scratch = new float[EpochKernels.TensorBlock];

        switch (N)
        {
            case 4:
                _model4 = new Sample4Model(_weights, _bias);
                _batch4 = Sample4Model.Batch.Create(_data.ToRows<Sample4>());
                break;
            case 30:
                _model30 = new Sample30Model(_weights, _bias);
                _batch30 = Sample30Model.Batch.Create(_data.ToRows<Sample30>());
                break;
            case 64:
                _model64 = new Sample64Model(_weights, _bias);
                _batch64 = Sample64Model.Batch.Create(_data.ToRows<Sample64>());
                break;
            default:
                throw new NotSupportedException($"No generated model for N = {N}.");
        }

        SelfCheck();
    }

    /// <summary>The notes' scalar for-loop over the sample-major records.</summary>
    /// <returns>J + db, so the work cannot be skipped.</returns>
    [Benchmark(Baseline = true)]
    public double NaiveLoop()
    {
        double cost = EpochKernels.NaiveLoop(_data.SampleMajor, _data.Labels, _weights, _bias, _dw, out double db);
        return cost + db;
    }

    /// <summary>A hand-written vectorized epoch with System.Numerics.Tensors.TensorPrimitives over feature-major X.</summary>
    /// <returns>J + db.</returns>
    [Benchmark]
    public double TensorPrimitives()
    {
        double cost = EpochKernels.TensorPrimitivesEpoch(
            _data.FeatureMajor, _data.Labels, _weights, _bias, _dw, out double db, _z, _scratch);
        return cost + db;
    }

    /// <summary>The generated model's fused kernel on one thread: <c>model.ComputeGradients(batch, maxDegreeOfParallelism: 1)</c>.</summary>
    /// <returns>J + db.</returns>
    [Benchmark]
    public double Generated() => Epoch(maxDegreeOfParallelism: 1);

    /// <summary>
    /// The generated model's fused kernel on every core (the default, <c>model.ComputeGradients(batch)</c>);
    /// data sets under 16,384 samples still use one thread.
    /// </summary>
    /// <returns>J + db.</returns>
    [Benchmark]
    public double GeneratedAllCores() => Epoch(maxDegreeOfParallelism: -1);

    private double Epoch(int maxDegreeOfParallelism) => N switch
    {
        4 => Consume(_model4!.ComputeGradients(_batch4!, maxDegreeOfParallelism)),
        30 => Consume(_model30!.ComputeGradients(_batch30!, maxDegreeOfParallelism)),
        64 => Consume(_model64!.ComputeGradients(_batch64!, maxDegreeOfParallelism)),
        _ => throw new NotSupportedException(),
    };

    private static double Consume(Sample4Model.Gradients g) => g.Cost + g.Bias;

    private static double Consume(Sample30Model.Gradients g) => g.Cost + g.Bias;

    private static double Consume(Sample64Model.Gradients g) => g.Cost + g.Bias;

    private void SelfCheck()
    {
        const double Tolerance = 1e-3;
        var referenceDw = new double[N];
        double referenceCost = EpochKernels.NaiveLoop(_data.SampleMajor, _data.Labels, _weights, _bias, referenceDw, out double referenceDb);

        var tensorDw = new double[N];
        double tensorCost = EpochKernels.TensorPrimitivesEpoch(
            _data.FeatureMajor, _data.Labels, _weights, _bias, tensorDw, out double tensorDb, _z, _scratch);
        EpochKernels.CheckSame("TensorPrimitives", referenceDw, referenceDb, referenceCost, tensorDw, tensorDb, tensorCost, Tolerance);

        var generatedDw = new double[N];
        double generatedDb;
        double generatedCost;
        switch (N)
        {
            case 4:
            {
                Sample4Model.Gradients g = _model4!.ComputeGradients(_batch4!);
                ReadOnlySpan<float> dw = g.Weights;
                Widen(dw, generatedDw);
                generatedDb = g.Bias;
                generatedCost = g.Cost;
                break;
            }

            case 30:
            {
                Sample30Model.Gradients g = _model30!.ComputeGradients(_batch30!);
                ReadOnlySpan<float> dw = g.Weights;
                Widen(dw, generatedDw);
                generatedDb = g.Bias;
                generatedCost = g.Cost;
                break;
            }

            default:
            {
                Sample64Model.Gradients g = _model64!.ComputeGradients(_batch64!);
                ReadOnlySpan<float> dw = g.Weights;
                Widen(dw, generatedDw);
                generatedDb = g.Bias;
                generatedCost = g.Cost;
                break;
            }
        }

        EpochKernels.CheckSame("Generated", referenceDw, referenceDb, referenceCost, generatedDw, generatedDb, generatedCost, Tolerance);
        Console.WriteLine(
            $"// Self-check N={N} M={M}: naive, TensorPrimitives and generated agree within {Tolerance:g} " +
            $"(J = {referenceCost:F6}, db = {referenceDb:F6}, |dw|max = {MaxAbs(referenceDw):F6}, positives = {_data.PositiveRate:P1}).");
    }

    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        for (int j = 0; j < source.Length; j++)
        {
            destination[j] = source[j];
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
