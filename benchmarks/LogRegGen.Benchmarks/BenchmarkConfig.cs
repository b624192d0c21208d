using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace LogRegGen.Benchmarks;

/// <summary>The configuration every class runs with (see <see cref="Program"/>).</summary>
public static class BenchmarkConfig
{
    /// <summary>
    /// The default job: 3 warm-up and 10 measured iterations, enough for stable means on a small
    /// machine without the default's up to 100 iterations. BenchmarkDotNet lets a default job in
    /// the global configuration win over <c>--job</c>, so when the command line names a job
    /// (<c>--job Dry</c>, <c>--job Short</c>) this one is left out and the named job is used.
    /// Classes whose single operation takes seconds lower the counts with attributes.
    /// </summary>
    /// <param name="commandLineNamesJob">True when the arguments contain <c>--job</c> or <c>-j</c>.</param>
    /// <returns>The configuration.</returns>
    public static IConfig Create(bool commandLineNamesJob)
    {
        IConfig config = DefaultConfig.Instance;
        if (!commandLineNamesJob)
        {
            config = config.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).AsDefault());
        }

        return config
            .AddColumn(CategoriesColumn.Default)
            .AddColumn(new PerSampleColumn())
            .AddColumn(new StreamedBytesColumn())
            .AddColumn(new ThroughputColumn())
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20));
    }
}
