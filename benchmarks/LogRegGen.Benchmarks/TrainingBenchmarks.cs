using System;
using System.Collections.Generic;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Time to a converged optimum on the same data: ML.NET's L-BFGS logistic regression (the
/// baseline), ML.NET's SDCA logistic regression, and the generated model's batch gradient descent.
/// </summary>
/// <remarks>
/// <para>
/// Like for like: every solver standardizes the features inside the timed call (ML.NET with
/// NormalizeMeanVariance(fixZero: false) and a cache checkpoint, ours with Standardize = true),
/// every solver uses one thread, and L-BFGS is unregularized (L1 = L2 = 0; ML.NET accepts 0), as
/// ours is. SDCA keeps ML.NET's defaults, which include an automatically chosen L2 term.
/// </para>
/// <para>
/// Each benchmark's setup fits its solver once and prints the final training log loss (nats, same
/// formula for all) and, for ours, the epochs run and why it stopped; grep the output for
/// "// Solver" to compare the optima the times refer to.
/// </para>
/// <para>
/// One fit at m = 1,000,000 takes seconds, so this class runs 1 warm-up and 5 measured iterations
/// (BenchmarkDotNet then runs a single invocation per iteration for such long operations).
/// </para>
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Training")]
[WarmupCount(1)]
[IterationCount(5)]
public class TrainingBenchmarks
{
    private SyntheticData _data = null!;
    private MLContext _context = null!;
    private IDataView _dataView = null!;
    private Sample4Model.Batch? _batch4;
    private Sample30Model.Batch? _batch30;
    private Sample64Model.Batch? _batch64;

    /// <summary>n, the number of features.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int N { get; set; }

    /// <summary>m, the number of training samples.</summary>
    [ParamsSource(nameof(SampleCounts))]
    public int M { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkMatrix.TrainingFeatureCounts;

    /// <summary>The values of <see cref="M"/>.</summary>
    public static IEnumerable<int> SampleCounts => BenchmarkMatrix.TrainingSampleCounts;

    /// <summary>Newton's method, the default solver, on one thread, to a mean-scale gradient of at most 1e-7.</summary>
    public static TrainingOptions NewtonOptions => new()
    {
        Solver = Solver.Newton,
        Tolerance = 1e-7,
        Standardize = true,
        MaxDegreeOfParallelism = 1,
    };

    /// <summary>Our gradient-descent options: the ones the docs quote.</summary>
    public static TrainingOptions OurOptions => new()
    {
        Solver = Solver.GradientDescent,
        LearningRate = 1,
        Epochs = 5000,
        Tolerance = 1e-4,
        Standardize = true,
        MaxDegreeOfParallelism = 1,
    };

    /// <summary>Setup for the L-BFGS benchmark: data, then one fit whose log loss is printed.</summary>
    [GlobalSetup(Target = nameof(MlNetLbfgs))]
    public void SetupLbfgs()
    {
        CreateMlNetData();
        MlNet.ReportFit("ML.NET LbfgsLogisticRegression (L1 = L2 = 0)", MlNetLbfgs, _dataView, _data);
    }

    /// <summary>Setup for the SDCA benchmark: data, then one fit whose log loss is printed.</summary>
    [GlobalSetup(Target = nameof(MlNetSdca))]
    public void SetupSdca()
    {
        CreateMlNetData();
        MlNet.ReportFit("ML.NET SdcaLogisticRegression (defaults)", MlNetSdca, _dataView, _data);
    }

    /// <summary>Setup for our gradient descent: data and batch, then one fit whose log loss and report are printed.</summary>
    [GlobalSetup(Target = nameof(Generated))]
    public void SetupGenerated() => SetupOurs(OurOptions, "gradient descent (LearningRate 1, Epochs 5000, Tolerance 1e-4, Standardize)");

    /// <summary>Setup for our Newton solver: data and batch, then one fit whose log loss and report are printed.</summary>
    [GlobalSetup(Target = nameof(GeneratedNewton))]
    public void SetupNewton() => SetupOurs(NewtonOptions, "Newton (Tolerance 1e-7, Standardize)");

    private void SetupOurs(TrainingOptions options, string label)
    {
        _data = SyntheticData.Create(N, M);
        var probabilities = new float[M];
        var stopwatch = Stopwatch.StartNew();
        TrainingReport? report;
        switch (N)
        {
            case 4:
            {
                Sample4[] rows = _data.ToRows<Sample4>();
                _batch4 = Sample4Model.Batch.Create(rows);
                Sample4Model model = Sample4Model.Train(_batch4, options);
                stopwatch.Stop();
                model.PredictProbabilities(rows, probabilities);
                report = model.TrainingReport;
                break;
            }

            case 30:
            {
                Sample30[] rows = _data.ToRows<Sample30>();
                _batch30 = Sample30Model.Batch.Create(rows);
                Sample30Model model = Sample30Model.Train(_batch30, options);
                stopwatch.Stop();
                model.PredictProbabilities(rows, probabilities);
                report = model.TrainingReport;
                break;
            }

            case 64:
            {
                Sample64[] rows = _data.ToRows<Sample64>();
                _batch64 = Sample64Model.Batch.Create(rows);
                Sample64Model model = Sample64Model.Train(_batch64, options);
                stopwatch.Stop();
                model.PredictProbabilities(rows, probabilities);
                report = model.TrainingReport;
                break;
            }

            default:
                throw new NotSupportedException($"No generated model for N = {N}.");
        }

        Console.WriteLine(
            $"// Solver LogRegGen Train, {label}, N={N} M={M}: " +
            $"final training log loss {_data.LogLoss(probabilities):F6} in {stopwatch.Elapsed.TotalMilliseconds:F0} ms; " +
            $"{report?.Epochs} updates, {report?.StopReason}, gradient norm {report?.FinalGradientNorm:g3}. " +
            $"(The generating parameters score {_data.TrueModelLogLoss():F6}.)");
    }

    /// <summary>ML.NET L-BFGS logistic regression, unregularized, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark(Baseline = true)]
    public ITransformer MlNetLbfgs() =>
        MlNet.Pipeline(_context, _context.BinaryClassification.Trainers.LbfgsLogisticRegression(MlNet.LbfgsOptions())).Fit(_dataView);

    /// <summary>ML.NET SDCA logistic regression with its defaults, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark]
    public ITransformer MlNetSdca() =>
        MlNet.Pipeline(_context, _context.BinaryClassification.Trainers.SdcaLogisticRegression(MlNet.SdcaOptions())).Fit(_dataView);

    /// <summary>The generated model's <c>Train(batch, options)</c>: batch gradient descent on standardized features.</summary>
    /// <returns>The trained model.</returns>
    [Benchmark]
    public object Generated() => N switch
    {
        4 => Sample4Model.Train(_batch4!, OurOptions),
        30 => Sample30Model.Train(_batch30!, OurOptions),
        64 => Sample64Model.Train(_batch64!, OurOptions),
        _ => throw new NotSupportedException(),
    };

    /// <summary>The generated model's <c>Train(batch, options)</c> with Newton's method, the default solver.</summary>
    /// <returns>The trained model.</returns>
    [Benchmark]
    public object GeneratedNewton() => N switch
    {
        4 => Sample4Model.Train(_batch4!, NewtonOptions),
        30 => Sample30Model.Train(_batch30!, NewtonOptions),
        64 => Sample64Model.Train(_batch64!, NewtonOptions),
        _ => throw new NotSupportedException(),
    };

    private void CreateMlNetData()
    {
        _data = SyntheticData.Create(N, M);
        _context = new MLContext(MlNet.Seed);
        _dataView = MlNet.Load(_context, MlNet.Rows(_data), N);
    }
}
