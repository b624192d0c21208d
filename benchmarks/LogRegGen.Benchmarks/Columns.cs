using System;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Marks a class whose every operation makes one pass over the m samples of n float features
/// (params <c>N</c> and <c>M</c>), so time per sample and the rate at which it reads X
/// (4·n·m bytes per operation) are meaningful.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnePassOverSamplesAttribute : Attribute
{
}

/// <summary>What an operation streams, for the per-sample and throughput columns.</summary>
internal static class Workload
{
    /// <summary>m when the class makes one pass over m samples; null otherwise.</summary>
    public static int? Samples(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type.GetCustomAttribute<OnePassOverSamplesAttribute>() is not null
        && benchmarkCase.Parameters["M"] is int m
            ? m
            : null;

    /// <summary>
    /// The bytes one operation must read: 4·n·m for a pass over X, or the array size of the
    /// bandwidth benchmarks (param <c>MiB</c>); null when neither applies.
    /// </summary>
    public static double? Bytes(BenchmarkCase benchmarkCase)
    {
        if (Samples(benchmarkCase) is int m && benchmarkCase.Parameters["N"] is int n)
        {
            return 4.0 * n * m;
        }

        if (benchmarkCase.Parameters["MiB"] is int mebibytes)
        {
            return mebibytes * 1024.0 * 1024.0;
        }

        return null;
    }

    /// <summary>The mean time of one operation in nanoseconds, when the case was measured.</summary>
    public static double? MeanNanoseconds(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean;
}

/// <summary>A numeric column computed from the case's parameters and its mean time.</summary>
public abstract class DerivedColumn : IColumn
{
    /// <inheritdoc/>
    public abstract string Id { get; }

    /// <inheritdoc/>
    public abstract string ColumnName { get; }

    /// <inheritdoc/>
    public abstract string Legend { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Compute(summary, benchmarkCase) is double value && double.IsFinite(value)
            ? value.ToString(Format, CultureInfo.InvariantCulture)
            : "-";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary)
    {
        foreach (BenchmarkCase benchmarkCase in summary.BenchmarksCases)
        {
            if (Applies(benchmarkCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    /// <summary>The number format of the values.</summary>
    protected abstract string Format { get; }

    /// <summary>Whether the column has a value for this case.</summary>
    /// <param name="benchmarkCase">The case.</param>
    /// <returns>True when it does.</returns>
    protected abstract bool Applies(BenchmarkCase benchmarkCase);

    /// <summary>The value, or null.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="benchmarkCase">The case.</param>
    /// <returns>The value, or null when it does not apply or the case has no result.</returns>
    protected abstract double? Compute(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>Mean time divided by m: the cost of one sample, in nanoseconds.</summary>
public sealed class PerSampleColumn : DerivedColumn
{
    /// <inheritdoc/>
    public override string Id => "LogRegGen.NsPerSample";

    /// <inheritdoc/>
    public override string ColumnName => "ns/sample";

    /// <inheritdoc/>
    public override string Legend => "Mean divided by M: nanoseconds per sample";

    /// <inheritdoc/>
    protected override string Format => "0.000";

    /// <inheritdoc/>
    protected override bool Applies(BenchmarkCase benchmarkCase) => Workload.Samples(benchmarkCase) is not null;

    /// <inheritdoc/>
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        Workload.Samples(benchmarkCase) is int m && Workload.MeanNanoseconds(summary, benchmarkCase) is double mean
            ? mean / m
            : null;
}

/// <summary>The bytes an operation must read at least: 4·n·m (X once), or the streamed array.</summary>
public sealed class StreamedBytesColumn : DerivedColumn
{
    /// <inheritdoc/>
    public override string Id => "LogRegGen.StreamedBytes";

    /// <inheritdoc/>
    public override string ColumnName => "Streamed B/op";

    /// <inheritdoc/>
    public override string Legend => "Bytes one operation must read: 4*N*M for a pass over X, MiB*2^20 for the bandwidth benchmarks";

    /// <inheritdoc/>
    protected override string Format => "N0";

    /// <inheritdoc/>
    protected override bool Applies(BenchmarkCase benchmarkCase) => Workload.Bytes(benchmarkCase) is not null;

    /// <inheritdoc/>
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) => Workload.Bytes(benchmarkCase);
}

/// <summary>Streamed bytes divided by the mean time, in GB/s (10^9 bytes per second).</summary>
public sealed class ThroughputColumn : DerivedColumn
{
    /// <inheritdoc/>
    public override string Id => "LogRegGen.Throughput";

    /// <inheritdoc/>
    public override string ColumnName => "GB/s";

    /// <inheritdoc/>
    public override string Legend => "Streamed B/op divided by Mean, in 10^9 bytes per second";

    /// <inheritdoc/>
    protected override string Format => "0.00";

    /// <inheritdoc/>
    protected override bool Applies(BenchmarkCase benchmarkCase) => Workload.Bytes(benchmarkCase) is not null;

    /// <inheritdoc/>
    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        Workload.Bytes(benchmarkCase) is double bytes && Workload.MeanNanoseconds(summary, benchmarkCase) is double mean && mean > 0
            ? bytes / mean
            : null;
}
