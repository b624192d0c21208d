using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace LogRegGen.Benchmarks;

/// <summary>One ML.NET multiclass input row: the features and the class index 0 … K − 1 (mapped to a key in the pipeline).</summary>
public sealed class MlMulticlassRow
{
    /// <summary>The features; the vector size is set at run time.</summary>
    public float[] Features { get; set; } = [];

    /// <summary>The class, 0 … K − 1.</summary>
    public float Label { get; set; }
}

/// <summary>
/// Training a K-class softmax model to the optimum on synthetic data (features of mixed scale and
/// offset, labels drawn from a softmax model), one thread each, standardized features: LogRegGen's
/// <see cref="MultinomialTrainer"/> (L-BFGS above 48 parameters) against ML.NET's
/// <c>LbfgsMaximumEntropy</c> (the baseline, unregularized like ours here) and
/// <c>SdcaMaximumEntropy</c> (its defaults). Each setup prints the training log loss that every
/// trainer reached, so the times compare fits of known quality.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Training", "Multiclass")]
public class MulticlassTrainingBenchmarks
{
    private FeatureMatrix _matrix = null!;
    private Multi64Model.Batch _batch = null!;
    private MLContext _context = null!;
    private IDataView _dataView = null!;

    /// <summary>n, fixed by the generated <see cref="Multi64"/>.</summary>
    public static int N => Multi64Model.FeatureCount;

    /// <summary>K, fixed by <see cref="Class10"/>.</summary>
    public static int K => Multi64Model.ClassCount;

    /// <summary>m.</summary>
    public static int M => BenchmarkMatrix.Smoke ? 5_000 : 1_000_000;

    /// <summary>Our options: no penalty, as ML.NET's L-BFGS here; one thread.</summary>
    public static TrainingOptions Options => new() { L2 = 0, MaxDegreeOfParallelism = 1 };

    /// <summary>The data in both layouts, and one fit of each trainer whose log loss is printed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (float[] x, float[] y) = MulticlassData.Create(N, K, M, seed: 42);
        _matrix = FeatureMatrix.FromSampleMajor(x, N, y);
        var samples = new Multi64[M];
        for (int i = 0; i < M; i++)
        {
            samples[i] = Multi64.Create(x.AsSpan(i * N, N), (int)y[i]);
        }

        _batch = Multi64Model.Batch.Create(samples);
        _context = new MLContext(MlNet.Seed);
        _dataView = MulticlassData.Load(_context, x, y, N);

        var stopwatch = Stopwatch.StartNew();
        Multi64Model ours = LogRegGen();
        TimeSpan trained = stopwatch.Elapsed;
        TrainingReport report = ours.TrainingReport!;
        Console.WriteLine($"// Solver LogRegGen {report.Solver}: log loss {LogLoss(((ReadOnlySpan<float>)ours.Weights).ToArray(), ((ReadOnlySpan<float>)ours.Biases).ToArray()):F6} in {trained.TotalSeconds:F1} s (the first call of the process), {report.Epochs} iterations, {report.StopReason}.");
        foreach ((string name, Func<ITransformer> fit) in new (string, Func<ITransformer>)[] { ("ML.NET LbfgsMaximumEntropy", MlNetLbfgs), ("ML.NET SdcaMaximumEntropy", MlNetSdca) })
        {
            stopwatch.Restart();
            ITransformer model = fit();
            TimeSpan elapsed = stopwatch.Elapsed;
            IDataView scored = model.Transform(_dataView);
            Microsoft.ML.Data.MulticlassClassificationMetrics metrics = _context.MulticlassClassification.Evaluate(scored);
            Console.WriteLine($"// Solver {name}: log loss {metrics.LogLoss:F6} (recomputed from its scores: {ScoredLogLoss(scored):F6}) in {elapsed.TotalSeconds:F1} s.");
        }
    }

    /// <summary>ML.NET's L-BFGS maximum entropy, unregularized, one thread, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark(Baseline = true)]
    public ITransformer MlNetLbfgs() =>
        Pipeline(_context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = 0f,
            L2Regularization = 0f,
            NumberOfThreads = 1,
        })).Fit(_dataView);

    /// <summary>ML.NET's SDCA maximum entropy with its defaults, one thread, after standardization.</summary>
    /// <returns>The fitted model.</returns>
    [Benchmark]
    public ITransformer MlNetSdca() =>
        Pipeline(_context.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
        })).Fit(_dataView);

    /// <summary>The generated <c>Multi64Model.Train</c> on its feature-major batch (standardization inside the timed call).</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public Multi64Model LogRegGen() => Multi64Model.Train(_batch, Options);

    private IEstimator<ITransformer> Pipeline(IEstimator<ITransformer> trainer) =>
        MulticlassData.LabelToKey(_context)
            .Append(_context.Transforms.NormalizeMeanVariance(nameof(MlMulticlassRow.Features), fixZero: false))
            .AppendCacheCheckpoint(_context)
            .Append(trainer);

    /// <summary>−mean log of the probability ML.NET's Score column gives each row's class (slot k is class k).</summary>
    private double ScoredLogLoss(IDataView scored)
    {
        double total = 0;
        int i = 0;
        foreach (VBuffer<float> score in scored.GetColumn<VBuffer<float>>("Score"))
        {
            total -= Math.Log(Math.Max(1e-15, score.GetValues()[(int)_matrix.Labels[i]]));
            i++;
        }

        return total / i;
    }

    private double LogLoss(float[] weights, float[] biases)
    {
        double total = 0;
        var z = new double[K];
        for (int i = 0; i < M; i++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < K; k++)
            {
                z[k] = biases[k];
                for (int j = 0; j < N; j++)
                {
                    z[k] += weights[(k * N) + j] * _matrix[j, i];
                }

                max = Math.Max(max, z[k]);
            }

            double sum = 0;
            for (int k = 0; k < K; k++)
            {
                sum += Math.Exp(z[k] - max);
            }

            total += max + Math.Log(sum) - z[(int)_matrix.Labels[i]];
        }

        return total / M;
    }
}

/// <summary>The synthetic K-class data of the multiclass benchmarks.</summary>
public static class MulticlassData
{
    /// <summary>
    /// Writes <see cref="Create"/>'s data to <paramref name="directory"/> as raw little-endian float32:
    /// <c>x.f32</c> (m × n, sample-major) and <c>y.f32</c> (m class indices).
    /// </summary>
    /// <param name="directory">The folder, created if missing.</param>
    /// <param name="n">The number of features.</param>
    /// <param name="k">The number of classes.</param>
    /// <param name="m">The number of samples.</param>
    /// <param name="seed">The seed, as the benchmark's.</param>
    public static void Export(string directory, int n, int k, int m, int seed)
    {
        (float[] x, float[] y) = Create(n, k, m, seed);
        System.IO.Directory.CreateDirectory(directory);
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(directory, "x.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(directory, "y.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(y.AsSpan()).ToArray());
        Console.WriteLine($"Wrote {m} samples of {n} features and {k} classes to {directory}.");
    }

    /// <summary>An ML.NET in-memory view of sample-major <paramref name="x"/> and the class indices <paramref name="y"/>.</summary>
    /// <param name="context">The context.</param>
    /// <param name="x">X (m, n), sample-major.</param>
    /// <param name="y">The classes, 0 … K − 1.</param>
    /// <param name="n">The number of features.</param>
    /// <returns>The data view.</returns>
    public static IDataView Load(MLContext context, float[] x, float[] y, int n)
    {
        var rows = new MlMulticlassRow[y.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new MlMulticlassRow { Features = x.AsSpan(i * n, n).ToArray(), Label = y[i] };
        }

        SchemaDefinition schema = SchemaDefinition.Create(typeof(MlMulticlassRow));
        schema[nameof(MlMulticlassRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, n);
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>
    /// The label as a key with the classes in value order, so that score slot k is class k (ML.NET's way to a
    /// multiclass label; a raw key-typed column is 1-based with 0 for missing).
    /// </summary>
    /// <param name="context">The context.</param>
    /// <returns>The estimator.</returns>
    public static IEstimator<ITransformer> LabelToKey(MLContext context) =>
        context.Transforms.Conversion.MapValueToKey(nameof(MlMulticlassRow.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

    /// <summary>Sample-major X (m, n) with mixed scales and offsets, and labels drawn from a softmax model of the standardized features.</summary>
    public static (float[] X, float[] Y) Create(int n, int k, int m, int seed)
    {
        var random = new Random(seed);
        var offsets = new double[n];
        var scales = new double[n];
        var w = new double[k * n];
        for (int j = 0; j < n; j++)
        {
            offsets[j] = -2.0 + (4.0 * random.NextDouble());
            scales[j] = 0.5 + (4.5 * random.NextDouble());
        }

        double signal = 2.0 / Math.Sqrt(n);
        for (int t = 0; t < w.Length; t++)
        {
            w[t] = signal * Gaussian(random);
        }

        var x = new float[m * n];
        var y = new float[m];
        var u = new double[n];
        var z = new double[k];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                u[j] = Gaussian(random);
                x[(i * n) + j] = (float)(offsets[j] + (scales[j] * u[j]));
            }

            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < k; c++)
            {
                z[c] = 0;
                for (int j = 0; j < n; j++)
                {
                    z[c] += w[(c * n) + j] * u[j];
                }

                max = Math.Max(max, z[c]);
            }

            for (int c = 0; c < k; c++)
            {
                z[c] = Math.Exp(z[c] - max);
                sum += z[c];
            }

            double draw = random.NextDouble() * sum;
            int label = 0;
            while (label < k - 1 && draw >= z[label])
            {
                draw -= z[label];
                label++;
            }

            y[i] = label;
        }

        return (x, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
