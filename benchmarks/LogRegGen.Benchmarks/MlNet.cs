using System;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace LogRegGen.Benchmarks;

/// <summary>One ML.NET input row: the n features as a fixed-size vector column and the label.</summary>
public sealed class MlRow
{
    /// <summary>The features; the vector size is set at run time by <see cref="MlNet.Schema"/>.</summary>
    public float[] Features { get; set; } = [];

    /// <summary>The label.</summary>
    public bool Label { get; set; }
}

/// <summary>The columns an ML.NET binary classifier adds.</summary>
public sealed class MlScore
{
    /// <summary>The raw score wᵀx + b.</summary>
    public float Score { get; set; }

    /// <summary>The calibrated probability of label 1.</summary>
    public float Probability { get; set; }

    /// <summary>The predicted label.</summary>
    public bool PredictedLabel { get; set; }
}

/// <summary>The ML.NET side of the comparisons: the same synthetic data, as ML.NET expects it.</summary>
public static class MlNet
{
    /// <summary>The seed of every <see cref="MLContext"/>.</summary>
    public const int Seed = 1;

    /// <summary>The schema of <see cref="MlRow"/> with a Features vector of <paramref name="featureCount"/> floats.</summary>
    /// <param name="featureCount">n.</param>
    /// <returns>The schema definition.</returns>
    public static SchemaDefinition Schema(int featureCount)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(MlRow));
        schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    /// <summary>One <see cref="MlRow"/> per sample (each with its own feature array, as ML.NET's in-memory loading wants).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The rows.</returns>
    public static MlRow[] Rows(SyntheticData data)
    {
        var rows = new MlRow[data.SampleCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new MlRow { Features = data.Sample(i).ToArray(), Label = data.Labels[i] != 0f };
        }

        return rows;
    }

    /// <summary>An in-memory data view over <paramref name="rows"/>: the ML.NET way to feed objects already in memory.</summary>
    /// <param name="context">The context.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="featureCount">n.</param>
    /// <returns>The data view.</returns>
    public static IDataView Load(MLContext context, MlRow[] rows, int featureCount) =>
        context.Data.LoadFromEnumerable(rows, Schema(featureCount));

    /// <summary>
    /// Options of L-BFGS logistic regression for the comparisons: no regularization
    /// (L1 = L2 = 0, which ML.NET accepts), so it seeks the same unregularized optimum as our
    /// trainer, and one thread, as ours uses one core. Everything else is ML.NET's default
    /// (optimization tolerance 1e-7, up to int.MaxValue iterations).
    /// </summary>
    /// <returns>The options.</returns>
    public static LbfgsLogisticRegressionBinaryTrainer.Options LbfgsOptions() => new()
    {
        L1Regularization = 0f,
        L2Regularization = 0f,
        NumberOfThreads = 1,
    };

    /// <summary>
    /// Options of SDCA logistic regression: ML.NET's defaults (its L2 and iteration count are
    /// chosen from the data; SDCA needs some L2), except one thread, as ours uses one core.
    /// </summary>
    /// <returns>The options.</returns>
    public static SdcaLogisticRegressionBinaryTrainer.Options SdcaOptions() => new()
    {
        NumberOfThreads = 1,
    };

    /// <summary>Fits L-BFGS logistic regression on raw features (for the prediction benchmarks).</summary>
    /// <param name="context">The context.</param>
    /// <param name="data">The training data.</param>
    /// <returns>The fitted model.</returns>
    public static BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> FitLbfgs(
        MLContext context, IDataView data) =>
        context.BinaryClassification.Trainers.LbfgsLogisticRegression(LbfgsOptions()).Fit(data);

    /// <summary>
    /// The training pipeline of the training benchmarks: standardize the features
    /// ((x − mean) / std, as our <c>Standardize = true</c> does), cache the normalized rows for the
    /// optimizer's many passes (ML.NET's advice for multi-pass trainers), then the trainer.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="trainer">The trainer.</param>
    /// <returns>The estimator.</returns>
    public static IEstimator<ITransformer> Pipeline(MLContext context, IEstimator<ITransformer> trainer) =>
        context.Transforms.NormalizeMeanVariance(nameof(MlRow.Features), fixZero: false)
            .AppendCacheCheckpoint(context)
            .Append(trainer);

    /// <summary>Reads the Probability column of a scored data view into <paramref name="destination"/>.</summary>
    /// <param name="scored">The output of <see cref="ITransformer.Transform"/>.</param>
    /// <param name="destination">One slot per row.</param>
    /// <returns>The number of rows read.</returns>
    public static int ReadProbabilities(IDataView scored, Span<float> destination)
    {
        int i = 0;
        foreach (float p in scored.GetColumn<float>(nameof(MlScore.Probability)))
        {
            destination[i++] = p;
        }

        return i;
    }

    /// <summary>Fits once, timed, and prints the training log loss of the fit ("// Solver …"), so the optimum each time refers to is on record.</summary>
    /// <param name="solver">The label to print.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="view">The training data.</param>
    /// <param name="data">The same data, for the log loss.</param>
    public static void ReportFit(string solver, Func<ITransformer> fit, IDataView view, SyntheticData data)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ITransformer model = fit();
        stopwatch.Stop();
        var probabilities = new float[data.SampleCount];
        ReadProbabilities(model.Transform(view), probabilities);
        Console.WriteLine(
            $"// Solver {solver}, N={data.FeatureCount} M={data.SampleCount}: final training log loss {data.LogLoss(probabilities):F6} " +
            $"in {stopwatch.Elapsed.TotalMilliseconds:F0} ms.");
    }
}
