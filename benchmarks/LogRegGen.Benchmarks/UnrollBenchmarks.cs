using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Where unrolling pays: a model's own kernel, unrolled for its n, against the runtime's kernel
/// (<see cref="RuntimeKernel"/>, the feature loop at run time) on the same batch, one thread each.
/// Models up to 16 features are unrolled; the generator makes wider models use the runtime's
/// kernel, so this compares the two where both exist (n = 4, 8, 16).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class UnrollBenchmarks
{
    private SyntheticData _data = null!;
    private FeatureMatrix _matrix = null!;
    private float[] _weights = [];
    private float _bias;
    private double[] _dw = [];
    private Sample4Model? _model4;
    private Sample4Model.Batch? _batch4;
    private Sample8Model? _model8;
    private Sample8Model.Batch? _batch8;
    private Sample16Model? _model16;
    private Sample16Model.Batch? _batch16;

    /// <summary>n, the number of features.</summary>
    [Params(4, 8, 16)]
    public int N { get; set; }

    /// <summary>m, the number of samples.</summary>
    public static int M => BenchmarkMatrix.Smoke ? 4_096 : 1_000_000;

    /// <summary>Newton's method on one thread, as in <see cref="TrainingBenchmarks"/>.</summary>
    public static TrainingOptions NewtonOptions => TrainingBenchmarks.NewtonOptions;

    /// <summary>The data, the model's batch, and parameters at half the generating ones.</summary>
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
        switch (N)
        {
            case 4:
                _model4 = new Sample4Model(_weights, _bias);
                _batch4 = Sample4Model.Batch.Create(_data.ToRows<Sample4>());
                _matrix = _batch4.Matrix;
                break;
            case 8:
                _model8 = new Sample8Model(_weights, _bias);
                _batch8 = Sample8Model.Batch.Create(_data.ToRows<Sample8>());
                _matrix = _batch8.Matrix;
                break;
            case 16:
                _model16 = new Sample16Model(_weights, _bias);
                _batch16 = Sample16Model.Batch.Create(_data.ToRows<Sample16>());
                _matrix = _batch16.Matrix;
                break;
            default:
                throw new NotSupportedException($"No generated model for N = {N}.");
        }

        double unrolled = UnrolledEpoch();
        double runtime = RuntimeEpoch();
        if (Math.Abs(unrolled - runtime) > 1e-4 * Math.Max(1, Math.Abs(unrolled)))
        {
            throw new InvalidOperationException($"The two kernels disagree: J + db = {unrolled} (unrolled) and {runtime} (runtime).");
        }
    }

    /// <summary>One gradient-descent epoch (J, dw, db) on the model's unrolled kernel: <c>model.ComputeGradients(batch, 1)</c>.</summary>
    /// <returns>J + db.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Epoch")]
    public double UnrolledEpoch() => N switch
    {
        4 => Consume(_model4!.ComputeGradients(_batch4!, 1)),
        8 => Consume(_model8!.ComputeGradients(_batch8!, 1)),
        16 => Consume(_model16!.ComputeGradients(_batch16!, 1)),
        _ => throw new NotSupportedException(),
    };

    /// <summary>The same epoch on the runtime's kernel: <c>LogisticKernels.Gradients(matrix, w, b, dw, out db)</c>.</summary>
    /// <returns>J + db.</returns>
    [Benchmark]
    [BenchmarkCategory("Epoch")]
    public double RuntimeEpoch() => LogisticKernels.Gradients(_matrix, _weights, _bias, _dw, out double db) + db;

    /// <summary>Newton's method to the optimum on the model's kernels: <c>TModel.Train(batch, options)</c>.</summary>
    /// <returns>The trained model.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Newton")]
    public object UnrolledNewton() => N switch
    {
        4 => Sample4Model.Train(_batch4!, NewtonOptions),
        8 => Sample8Model.Train(_batch8!, NewtonOptions),
        16 => Sample16Model.Train(_batch16!, NewtonOptions),
        _ => throw new NotSupportedException(),
    };

    /// <summary>The same training on the runtime's kernel: <c>LogisticTrainer.Train&lt;RuntimeKernel&gt;</c>.</summary>
    /// <returns>The training report.</returns>
    [Benchmark]
    [BenchmarkCategory("Newton")]
    public object RuntimeNewton() =>
        LogisticTrainer.Train<RuntimeKernel>(_matrix, NewtonOptions, new float[N], out _, featureNames: null);

    private static double Consume(Sample4Model.Gradients g) => g.Cost + g.Bias;

    private static double Consume(Sample8Model.Gradients g) => g.Cost + g.Bias;

    private static double Consume(Sample16Model.Gradients g) => g.Cost + g.Bias;
}
