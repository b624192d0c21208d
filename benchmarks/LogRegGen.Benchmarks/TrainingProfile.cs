using System;
using System.Diagnostics;
using System.Globalization;

namespace LogRegGen.Benchmarks;

/// <summary>
/// <c>--profile</c>: where the time of one <c>Train(rows)</c> call goes, phase by phase, at
/// n = 4, 30 and 64 and m = 10⁶, for Newton's method on one and on all cores and for gradient descent on one, from <see cref="TrainingReport.Phases"/> plus the
/// row → feature-major layout (<c>Batch.Create</c>) timed around it. A breakdown, not a benchmark:
/// each case runs three times after one warm-up and the fastest total is printed. Speed claims come
/// from the BenchmarkDotNet classes.
/// </summary>
public static class TrainingProfile
{
    /// <summary>Prints one line per case and thread count.</summary>
    /// <param name="sampleCount">m.</param>
    /// <param name="only">One n for Newton's method on one thread alone, run ten times; null for every case.</param>
    public static void Run(int sampleCount, int? only = null)
    {
        var cases = only is null
            ? new (Solver Solver, int Threads)[] { (Solver.Newton, 1), (Solver.Newton, -1), (Solver.GradientDescent, 1) }
            : [(Solver.Newton, 1)];
        foreach ((Solver solver, int threads) in cases)
        {
            foreach (int n in only is { } single ? [single] : new[] { 4, 30, 64 })
            {
                SyntheticData data = SyntheticData.Create(n, sampleCount);

                // The settings of TrainingBenchmarks.
                var options = solver == Solver.Newton
                    ? new TrainingOptions { Solver = Solver.Newton, Tolerance = 1e-7, MaxDegreeOfParallelism = threads }
                    : new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 1, Epochs = 5000, Tolerance = 1e-4, MaxDegreeOfParallelism = threads };
                (TimeSpan Layout, TrainingPhases Phases)? best = null;
                for (int run = 0; run < (only is null ? 4 : 10); run++)
                {
                    (TimeSpan layout, TrainingReport report) = n switch
                    {
                        4 => Fit<Sample4, Sample4Model.Batch>(data, rows => Sample4Model.Batch.Create(rows), batch => Sample4Model.Train(batch, options).TrainingReport!),
                        30 => Fit<Sample30, Sample30Model.Batch>(data, rows => Sample30Model.Batch.Create(rows), batch => Sample30Model.Train(batch, options).TrainingReport!),
                        _ => Fit<Sample64, Sample64Model.Batch>(data, rows => Sample64Model.Batch.Create(rows), batch => Sample64Model.Train(batch, options).TrainingReport!),
                    };

                    if (run > 0 && (best is null || layout + report.Phases.Total < best.Value.Layout + best.Value.Phases.Total))
                    {
                        best = (layout, report.Phases);
                    }
                }

                (TimeSpan l, TrainingPhases p) = best!.Value;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"// Profile {solver} n={n} m={sampleCount} threads={(threads == -1 ? Environment.ProcessorCount : threads)}: layout {l.TotalMilliseconds:F1} ms, {p}"));
            }
        }
    }

    /// <summary>
    /// The phases of <see cref="MulticlassTrainingBenchmarks"/>' <c>Train</c> call at (n, K) = (64, 10):
    /// the first call of the process (cold) and three after it.
    /// </summary>
    /// <param name="sampleCount">m.</param>
    public static void RunMulticlass(int sampleCount)
    {
        (float[] x, float[] y) = MulticlassData.Create(Multi64Model.FeatureCount, Multi64Model.ClassCount, sampleCount, seed: 42);
        var rows = new Multi64[sampleCount];
        for (int i = 0; i < sampleCount; i++)
        {
            rows[i] = Multi64.Create(x.AsSpan(i * Multi64Model.FeatureCount, Multi64Model.FeatureCount), (int)y[i]);
        }

        long started = Stopwatch.GetTimestamp();
        Multi64Model.Batch batch = Multi64Model.Batch.Create(rows);
        TimeSpan layout = Stopwatch.GetElapsedTime(started);
        for (int run = 0; run < 4; run++)
        {
            TrainingReport report = Multi64Model.Train(batch, MulticlassTrainingBenchmarks.Options).TrainingReport!;
            string label = run == 0 ? "cold" : $"run {run}";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"// Profile multiclass {label} {report.Solver} n={Multi64Model.FeatureCount} K={Multi64Model.ClassCount} m={sampleCount}: layout {layout.TotalMilliseconds:F1} ms, {report.Epochs} iterations, {report.Phases}"));
        }
    }

    private static (TimeSpan Layout, TrainingReport Report) Fit<TRow, TBatch>(SyntheticData data, Func<TRow[], TBatch> create, Func<TBatch, TrainingReport> train)
        where TRow : struct, ISyntheticRow<TRow>
    {
        TRow[] rows = data.ToRows<TRow>();
        long started = Stopwatch.GetTimestamp();
        TBatch batch = create(rows);
        TimeSpan layout = Stopwatch.GetElapsedTime(started);
        return (layout, train(batch));
    }
}
