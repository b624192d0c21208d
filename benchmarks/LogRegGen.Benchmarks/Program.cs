using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/LogRegGen.Benchmarks -- --filter '*Epoch*'</c>.
/// Every BenchmarkDotNet argument works as usual; <c>--smoke</c> (ours) selects the reduced
/// parameter matrix of <see cref="BenchmarkMatrix"/>; <c>--profile</c> prints the phase breakdown of
/// training instead (<see cref="TrainingProfile"/>).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    /// <param name="args">BenchmarkDotNet arguments, plus an optional <c>--smoke</c>.</param>
    public static void Main(string[] args)
    {
        if (args.Contains("--profile", StringComparer.OrdinalIgnoreCase))
        {
            // Not BenchmarkDotNet: the phase breakdown of one Train call (see TrainingProfile);
            // --features N keeps Newton's method on one thread at that n, run ten times (for a profiler).
            int features = Array.FindIndex(args, a => a.Equals("--features", StringComparison.OrdinalIgnoreCase));
            TrainingProfile.Run(
                args.Contains("--smoke", StringComparer.OrdinalIgnoreCase) ? 20_000 : 1_000_000,
                features >= 0 && features + 1 < args.Length ? int.Parse(args[features + 1], System.Globalization.CultureInfo.InvariantCulture) : null);
            return;
        }

        if (args.Contains("--profile-multiclass", StringComparer.OrdinalIgnoreCase))
        {
            // Not BenchmarkDotNet: the phase breakdown of the multiclass training benchmark's Train call.
            TrainingProfile.RunMulticlass(args.Contains("--smoke", StringComparer.OrdinalIgnoreCase) ? 20_000 : 1_000_000);
            return;
        }

        int export = Array.FindIndex(args, a => a.Equals("--export-multiclass", StringComparison.OrdinalIgnoreCase));
        if (export >= 0 && export + 1 < args.Length)
        {
            // Not BenchmarkDotNet: the multiclass training data as raw float32 files, for
            // benchmarks/sklearn_multiclass.py to time scikit-learn on exactly the same rows.
            MulticlassData.Export(args[export + 1], Multi64Model.FeatureCount, Multi64Model.ClassCount, MulticlassTrainingBenchmarks.M, seed: 42);
            return;
        }

        int outOfCore = Array.FindIndex(args, a => a.Equals("--out-of-core", StringComparison.OrdinalIgnoreCase));
        if (outOfCore >= 0 && outOfCore + 1 < args.Length)
        {
            // Not BenchmarkDotNet: training on a feature file larger than the process's memory (see
            // OutOfCore and benchmarks/out-of-core.sh, which runs it in a memory cgroup).
            OutOfCore.Run(args[outOfCore + 1], outOfCore + 2 < args.Length ? int.Parse(args[outOfCore + 2], System.Globalization.CultureInfo.InvariantCulture) : 64_000_000);
            return;
        }

        int exportBinary = Array.FindIndex(args, a => a.Equals("--export-binary", StringComparison.OrdinalIgnoreCase));
        if (exportBinary >= 0 && exportBinary + 1 < args.Length)
        {
            // Not BenchmarkDotNet: the binary training data of every n as raw float32 files, for
            // benchmarks/sklearn_binary.py to time scikit-learn on exactly the same rows.
            foreach (int n in BenchmarkMatrix.TrainingFeatureCounts)
            {
                SyntheticData.Create(n, 1_000_000).Export(args[exportBinary + 1]);
            }

            return;
        }

        if (args.Contains("--smoke", StringComparer.OrdinalIgnoreCase))
        {
            // An environment variable, so the benchmark processes BenchmarkDotNet starts see it too.
            Environment.SetEnvironmentVariable(BenchmarkMatrix.SmokeVariable, "1");
            args = args.Where(a => !a.Equals("--smoke", StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        if (BenchmarkMatrix.Smoke)
        {
            Console.WriteLine("LogRegGen benchmarks: smoke matrix (small m), for checking that the suite runs, not for figures.");
        }

        bool namesJob = args.Any(a => a is "-j" or "--job" || a.StartsWith("--job=", StringComparison.Ordinal));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create(namesJob));
    }
}
