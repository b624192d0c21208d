using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace LogRegGen.Benchmarks;

/// <summary>
/// An L1 regularization path (issue 15): <see cref="Sample30Model.TrainPath(Sample30Model.Batch, System.Collections.Generic.IReadOnlyList{double}, TrainingOptions?)"/>
/// over scikit-learn's grid of 10 values of C (1e-4 … 1e4) on m = 10⁶ synthetic rows of n = 30 (the rows of
/// <see cref="TrainingBenchmarks"/>), one thread, standardized, <c>L1Ratio = 1</c>, each fit to a mean-scale
/// subgradient of 1e-6 (the default tolerance). The baseline is scikit-learn's <c>saga</c> with warm starts on
/// the same rows, timed by <c>benchmarks/sklearn_l1_path.py</c> in the same sitting (Python cannot run inside
/// BenchmarkDotNet); the setup prints every fit's iterations, zero weights and objective so the two can be compared.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Training", "L1")]
[WarmupCount(1)]
[IterationCount(5)]
public class L1PathBenchmarks
{
    private Sample30Model.Batch _batch = null!;

    /// <summary>m.</summary>
    public static int M => BenchmarkMatrix.Smoke ? 20_000 : 1_000_000;

    /// <summary>scikit-learn's default grid, <c>np.logspace(-4, 4, 10)</c>.</summary>
    public static double[] Cs => [.. CrossValidationOptions.DefaultCs];

    /// <summary>L1 only, one thread, the default tolerance.</summary>
    public static TrainingOptions Options => new() { L1Ratio = 1, MaxDegreeOfParallelism = 1 };

    /// <summary>The rows, then one path whose fits are printed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SyntheticData data = SyntheticData.Create(Sample30Model.FeatureCount, M);
        _batch = Sample30Model.Batch.Create(data.ToRows<Sample30>());
        var stopwatch = Stopwatch.StartNew();
        Sample30Model[] path = Path();
        Console.WriteLine($"// L1 path of {Cs.Length} values of C on m = {M}, n = {Sample30Model.FeatureCount}: {stopwatch.Elapsed.TotalSeconds:F2} s (the first call of the process).");
        for (int i = 0; i < path.Length; i++)
        {
            TrainingReport report = path[i].TrainingReport!;
            Console.WriteLine($"//   C = {Cs[i]:G4}: {report.StopReason} after {report.Epochs} iterations, {report.ZeroWeightCount} zero weights, objective {report.FinalCost:F9} (mean scale), {report.Elapsed.TotalSeconds:F3} s");
        }
    }

    /// <summary>The whole path.</summary>
    [Benchmark]
    public Sample30Model[] Path() => Sample30Model.TrainPath(_batch, Cs, Options);
}
