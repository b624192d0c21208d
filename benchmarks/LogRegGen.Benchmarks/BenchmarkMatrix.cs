using System;
using System.Collections.Generic;

namespace LogRegGen.Benchmarks;

/// <summary>
/// The parameter values of every benchmark class. The full matrix is the one the docs report;
/// the smoke matrix (environment variable <c>LOGREGGEN_BENCH_SMOKE=1</c>, or <c>--smoke</c> on the
/// command line, which sets it) keeps every n, because each n is a different generated model,
/// but uses small m, so a dry run proves every path works in a couple of minutes.
/// </summary>
public static class BenchmarkMatrix
{
    /// <summary>The environment variable that selects the smoke matrix.</summary>
    public const string SmokeVariable = "LOGREGGEN_BENCH_SMOKE";

    /// <summary>True when the reduced matrix is in force.</summary>
    public static bool Smoke =>
        Environment.GetEnvironmentVariable(SmokeVariable) is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>n for the epoch and prediction benchmarks.</summary>
    public static IEnumerable<int> FeatureCounts => [4, 30, 64];

    /// <summary>m for the epoch and prediction benchmarks.</summary>
    public static IEnumerable<int> SampleCounts => Smoke ? [4_096] : [10_000, 1_000_000];

    /// <summary>n for the training benchmarks.</summary>
    public static IEnumerable<int> TrainingFeatureCounts => [4, 30, 64];

    /// <summary>m for the training benchmarks.</summary>
    public static IEnumerable<int> TrainingSampleCounts => Smoke ? [2_000] : [10_000, 1_000_000];

    /// <summary>The size of the array the bandwidth benchmarks stream, in MiB.</summary>
    public static IEnumerable<int> BandwidthMebibytes => Smoke ? [64] : [512];
}
