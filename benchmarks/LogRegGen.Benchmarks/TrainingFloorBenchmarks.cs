using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Time to the optimum from the user's rows, <c>Train(rows)</c> with Newton's method (layout, validation,
/// standardization and the solver), against the machine's floor and ML.NET, all in one run.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Floor"/> is what no implementation of this approach could beat: one streaming pass that
/// reads as many bytes as the rows hold and writes as many as X (a copy, standing for the layout),
/// then five Newton iterations, each the larger of one streaming read of X (<see cref="ReadX"/>) and
/// n(n+1)/2·m float fused multiply-adds at the vector unit's peak (<see cref="FmaProbe"/>: independent
/// chains in registers, the widest vectors the runtime accelerates). Which of the two is larger is
/// decided once in the setup, so the row's time is the floor measured in this run.
/// </para>
/// <para>
/// <see cref="ReadXTwoCores"/> and <see cref="FmaProbeTwoCores"/> are the same probes on two threads at once: what the
/// machine's second core adds to a pure stream and to pure arithmetic, against which <see cref="NewtonAllCores"/>'s
/// gain over <see cref="NewtonOneCore"/> can be read.
/// </para>
/// <para>
/// ML.NET as in <see cref="TrainingBenchmarks"/>: standardization and a cache checkpoint inside the
/// timed fit, one thread; each setup prints the training log loss of its fit ("// Solver").
/// </para>
/// <para>
/// Seven iterations of each (three until run 14): on the shared two-core machine a neighbour's burst can slow one
/// iteration by half, and with seven BenchmarkDotNet drops such an upper outlier instead of averaging it in.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Training")]
[WarmupCount(1)]
[IterationCount(7)]
public class TrainingFloorBenchmarks
{
    private const int Iterations = 5;
    private SyntheticData _data = null!;
    private float[] _rowBytes = null!;
    private float[] _layoutTarget = null!;
    private bool _computeBound;
    private MLContext _context = null!;
    private IDataView _dataView = null!;
    private Sample4[]? _rows4;
    private Sample30[]? _rows30;
    private Sample64[]? _rows64;

    /// <summary>n.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int N { get; set; }

    /// <summary>m.</summary>
    [ParamsSource(nameof(SampleCounts))]
    public int M { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkMatrix.TrainingFeatureCounts;

    /// <summary>The values of <see cref="M"/>: 10⁶ (2,000 in the smoke matrix).</summary>
    public static IEnumerable<int> SampleCounts => BenchmarkMatrix.Smoke ? [2_000] : [1_000_000];

    /// <summary>Newton's method on one thread (the settings of <see cref="TrainingBenchmarks.NewtonOptions"/>).</summary>
    private static TrainingOptions OneCore => TrainingBenchmarks.NewtonOptions;

    /// <summary>The same on every core.</summary>
    private static TrainingOptions AllCores => new() { Solver = Solver.Newton, Tolerance = 1e-7, Standardize = true, MaxDegreeOfParallelism = -1 };

    /// <summary>Setup of the floor and its two parts: the buffers, and which part bounds an iteration.</summary>
    [GlobalSetup(Targets = [nameof(Floor), nameof(ReadX), nameof(FmaProbe), nameof(ReadXTwoCores), nameof(FmaProbeTwoCores)])]
    public void SetupFloor()
    {
        _rowBytes = new float[N * M];
        _layoutTarget = new float[N * M];
        _rowBytes.AsSpan().Fill(1f);
        _layoutTarget.AsSpan().Fill(1f);
        double read = Fastest(() => ReadX());
        double compute = Fastest(() => FmaProbe());
        _computeBound = compute > read;
        Console.WriteLine($"// Floor N={N} M={M}: read of X {read:F2} ms, {(long)N * (N + 1) / 2 * M:N0} multiply-adds {compute:F2} ms: iterations are {(_computeBound ? "compute" : "bandwidth")}-bound.");
    }

    /// <summary>Setup of our trainer: the rows, then one fit whose log loss, iterations and phases are printed.</summary>
    [GlobalSetup(Targets = [nameof(NewtonOneCore), nameof(NewtonAllCores)])]
    public void SetupOurs()
    {
        _data = SyntheticData.Create(N, M);
        switch (N)
        {
            case 4: _rows4 = _data.ToRows<Sample4>(); break;
            case 30: _rows30 = _data.ToRows<Sample30>(); break;
            case 64: _rows64 = _data.ToRows<Sample64>(); break;
            default: throw new NotSupportedException($"No generated model for N = {N}.");
        }

        var probabilities = new float[M];
        var stopwatch = Stopwatch.StartNew();
        TrainingReport report;
        switch (N)
        {
            case 4:
            {
                Sample4Model model = Sample4Model.Train(_rows4, OneCore);
                stopwatch.Stop();
                model.PredictProbabilities(_rows4, probabilities);
                report = model.TrainingReport!;
                break;
            }

            case 30:
            {
                Sample30Model model = Sample30Model.Train(_rows30, OneCore);
                stopwatch.Stop();
                model.PredictProbabilities(_rows30, probabilities);
                report = model.TrainingReport!;
                break;
            }

            default:
            {
                Sample64Model model = Sample64Model.Train(_rows64, OneCore);
                stopwatch.Stop();
                model.PredictProbabilities(_rows64, probabilities);
                report = model.TrainingReport!;
                break;
            }
        }

        Console.WriteLine(
            $"// Solver LogRegGen Train(rows), Newton, N={N} M={M}: final training log loss {_data.LogLoss(probabilities):F6} in {stopwatch.Elapsed.TotalMilliseconds:F0} ms; " +
            $"{report.Epochs} iterations, {report.StopReason}; {report.Phases}.");
    }

    /// <summary>Setup for ML.NET's L-BFGS: data, then one fit whose log loss is printed.</summary>
    [GlobalSetup(Target = nameof(MlNetLbfgs))]
    public void SetupLbfgs()
    {
        CreateMlNetData();
        MlNet.ReportFit("ML.NET LbfgsLogisticRegression (L1 = L2 = 0)", MlNetLbfgs, _dataView, _data);
    }

    /// <summary>Setup for ML.NET's SDCA: data, then one fit whose log loss is printed.</summary>
    [GlobalSetup(Target = nameof(MlNetSdca))]
    public void SetupSdca()
    {
        CreateMlNetData();
        MlNet.ReportFit("ML.NET SdcaLogisticRegression (defaults)", MlNetSdca, _dataView, _data);
    }

    private void CreateMlNetData()
    {
        _data = SyntheticData.Create(N, M);
        _context = new MLContext(MlNet.Seed);
        _dataView = MlNet.Load(_context, MlNet.Rows(_data), N);
    }

    /// <summary>The floor: the layout's bytes once, then five iterations at the larger of bandwidth and FMA time.</summary>
    /// <returns>A value that depends on every read.</returns>
    [Benchmark]
    public float Floor()
    {
        _rowBytes.AsSpan().CopyTo(_layoutTarget);
        float sink = _layoutTarget[^1];
        for (int k = 0; k < Iterations; k++)
        {
            sink += _computeBound ? FmaProbe() : ReadX();
        }

        return sink;
    }

    /// <summary>One streaming read of X's n·m floats.</summary>
    /// <returns>Their sum.</returns>
    [Benchmark]
    public float ReadX() => Sum(_layoutTarget);

    /// <summary>n(n+1)/2·m float fused multiply-adds in registers, the Hessian's arithmetic at the unit's peak.</summary>
    /// <returns>A value that depends on every product.</returns>
    [Benchmark]
    public float FmaProbe()
    {
        long products = (long)N * (N + 1) / 2 * M;
        return Vector512.IsHardwareAccelerated ? Fma512(products / (12 * 16)) : Fma256(products / (12 * 8));
    }

    /// <summary>
    /// <see cref="ReadX"/> on two threads, each streaming half of X: <see cref="ReadX"/>'s time divided by this one's is
    /// how much faster two cores read memory than one, the most a bandwidth-bound pass gains from the second core.
    /// </summary>
    /// <returns>The sum of the two halves' sums.</returns>
    [Benchmark]
    public float ReadXTwoCores()
    {
        var sums = new float[2];
        int half = _layoutTarget.Length / 2;
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k => sums[k] = Sum(_layoutTarget.AsSpan(k * half, k == 0 ? half : _layoutTarget.Length - half)));
        return sums[0] + sums[1];
    }

    /// <summary>
    /// <see cref="FmaProbe"/>'s multiply-adds twice, on two threads at once: register-only work, no memory. Twice
    /// <see cref="FmaProbe"/>'s time divided by this one's is what a second core adds to pure arithmetic on this
    /// machine, the most the whole <c>Train</c> could gain from it (on a virtual machine whose second core is shared
    /// with a neighbour, well below 2).
    /// </summary>
    /// <returns>A value that depends on every product.</returns>
    [Benchmark]
    public float FmaProbeTwoCores()
    {
        var sums = new float[2];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k => sums[k] = FmaProbe());
        return sums[0] + sums[1];
    }

    /// <summary>The generated model's <c>Train(rows)</c>, Newton's method, one thread.</summary>
    /// <returns>The model.</returns>
    [Benchmark(Baseline = true)]
    public object NewtonOneCore() => N switch
    {
        4 => Sample4Model.Train(_rows4, OneCore),
        30 => Sample30Model.Train(_rows30, OneCore),
        _ => Sample64Model.Train(_rows64, OneCore),
    };

    /// <summary>The same on every core.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public object NewtonAllCores() => N switch
    {
        4 => Sample4Model.Train(_rows4, AllCores),
        30 => Sample30Model.Train(_rows30, AllCores),
        _ => Sample64Model.Train(_rows64, AllCores),
    };

    /// <summary>ML.NET L-BFGS logistic regression, unregularized, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark]
    public ITransformer MlNetLbfgs() =>
        MlNet.Pipeline(_context, _context.BinaryClassification.Trainers.LbfgsLogisticRegression(MlNet.LbfgsOptions())).Fit(_dataView);

    /// <summary>ML.NET SDCA logistic regression with its defaults, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark]
    public ITransformer MlNetSdca() =>
        MlNet.Pipeline(_context, _context.BinaryClassification.Trainers.SdcaLogisticRegression(MlNet.SdcaOptions())).Fit(_dataView);

    private static double Fastest(Func<float> action)
    {
        double best = double.MaxValue;
        for (int k = 0; k < 5; k++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return best;
    }

    private static float Sum(ReadOnlySpan<float> x)
    {
        Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i <= x.Length - 32; i += 32)
        {
            s0 += Vector256.Create(x.Slice(i, 8));
            s1 += Vector256.Create(x.Slice(i + 8, 8));
            s2 += Vector256.Create(x.Slice(i + 16, 8));
            s3 += Vector256.Create(x.Slice(i + 24, 8));
        }

        float sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(long steps)
    {
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<float> x = Vector512.Create(0.999999f), y = Vector512.Create(1e-7f);
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y);
            a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y);
            a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y);
            a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y);
            a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y);
            a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y);
            a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }

        return Vector512.Sum((a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long steps)
    {
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector256<float> x = Vector256.Create(0.999999f), y = Vector256.Create(1e-7f);
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y);
            a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y);
            a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y);
            a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y);
            a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y);
            a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y);
            a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }

        return Vector256.Sum((a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11));
    }
}
