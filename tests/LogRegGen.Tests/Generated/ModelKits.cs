using System;
using System.Collections.Generic;
using System.Linq;
using LogRegGen;

namespace LogRegGen.Tests.Generated;

/// <summary>dw, db and the cost as returned by a generated model.</summary>
internal sealed record GradientResult(float[] Dw, float Db, double Cost);

/// <summary>A trained generated model, seen through plain arrays.</summary>
internal sealed record TrainedModel(float[] W, float B, TrainingReport? Report, Func<float[], float, float> PredictProbability);

/// <summary>
/// One generated model, driven through arrays so that the same test can run against every row type.
/// Each member calls exactly one member of the generated API (see <see cref="ModelKits"/>).
/// </summary>
internal interface IModelKit
{
    string Name { get; }

    int FeatureCount { get; }

    IReadOnlyList<string> FeatureNames { get; }

    string LabelName { get; }

    /// <summary>Maps arbitrary floats onto values the row type stores exactly (rounds integer members...).</summary>
    float[] Representable(float[] features);

    float[] GetFeatures(float[] x, float y);

    float[] GetFeaturesIntoSpan(float[] x, float y);

    float GetLabel(float[] x, float y);

    Parameters ReadParameters(Parameters p);

    float PredictLogit(Parameters p, float[] x);

    float PredictProbability(Parameters p, float[] x);

    float PredictProbabilityFromSpan(Parameters p, ReadOnlySpan<float> x);

    bool Predict(Parameters p, float[] x);

    float[] PredictProbabilities(Parameters p, Dataset data);

    void PredictProbabilities(Parameters p, Dataset data, Span<float> destination);

    double Cost(Parameters p, Dataset data);

    double CostBatch(Parameters p, Dataset data);

    GradientResult Gradients(Parameters p, Dataset data);

    GradientResult GradientsBatch(Parameters p, Dataset data);

    TrainedModel Train(Dataset data, TrainingOptions? options);

    TrainedModel TrainBatch(Dataset data, TrainingOptions? options);
}

internal delegate void GetFeaturesInto<TRow>(TRow row, Span<float> destination);

internal delegate float PredictFromSpan<TModel>(TModel model, ReadOnlySpan<float> features);

internal delegate void PredictMany<TModel, TRow>(TModel model, ReadOnlySpan<TRow> rows, Span<float> destination);

internal delegate TResult OverRows<TModel, TRow, TResult>(TModel model, ReadOnlySpan<TRow> rows);

internal delegate TModel TrainRows<TModel, TRow>(ReadOnlySpan<TRow> rows, TrainingOptions? options);

/// <summary>Adapts one generated model to <see cref="IModelKit"/> through delegates.</summary>
internal sealed class ModelKit<TRow, TModel> : IModelKit
{
    public required string Name { get; init; }
    public required int FeatureCount { get; init; }
    public required IReadOnlyList<string> FeatureNames { get; init; }
    public required string LabelName { get; init; }
    public Func<float[], float[]> MakeRepresentable { get; init; } = static x => x;
    public required Func<float[], float, TRow> MakeRow { get; init; }
    public required Func<float[], float, TModel> MakeModel { get; init; }
    public required Func<TModel, Parameters> ReadModel { get; init; }
    public required Func<TModel, TrainingReport?> ReadReport { get; init; }
    public required Func<TRow, float[]> GetFeaturesOfRow { get; init; }
    public required GetFeaturesInto<TRow> GetFeaturesOfRowInto { get; init; }
    public required Func<TRow, float> GetLabelOfRow { get; init; }
    public required Func<TModel, TRow, float> Logit { get; init; }
    public required Func<TModel, TRow, float> Probability { get; init; }
    public required PredictFromSpan<TModel> ProbabilityFromSpan { get; init; }
    public required Func<TModel, TRow, bool> PredictRow { get; init; }
    public required PredictMany<TModel, TRow> Probabilities { get; init; }
    public required OverRows<TModel, TRow, double> CostOfRows { get; init; }
    public required Func<TModel, TRow[], double> CostOfBatch { get; init; }
    public required OverRows<TModel, TRow, GradientResult> GradientsOfRows { get; init; }
    public required Func<TModel, TRow[], GradientResult> GradientsOfBatch { get; init; }
    public required TrainRows<TModel, TRow> TrainOnRows { get; init; }
    public required Func<TRow[], TrainingOptions?, TModel> TrainOnBatch { get; init; }

    public float[] Representable(float[] features) => MakeRepresentable(features);

    public float[] GetFeatures(float[] x, float y) => GetFeaturesOfRow(MakeRow(x, y));

    public float[] GetFeaturesIntoSpan(float[] x, float y)
    {
        float[] destination = new float[FeatureCount];
        GetFeaturesOfRowInto(MakeRow(x, y), destination);
        return destination;
    }

    public float GetLabel(float[] x, float y) => GetLabelOfRow(MakeRow(x, y));

    public Parameters ReadParameters(Parameters p) => ReadModel(MakeModel(p.W, p.B));

    public float PredictLogit(Parameters p, float[] x) => Logit(MakeModel(p.W, p.B), MakeRow(x, 0));

    public float PredictProbability(Parameters p, float[] x) => Probability(MakeModel(p.W, p.B), MakeRow(x, 0));

    public float PredictProbabilityFromSpan(Parameters p, ReadOnlySpan<float> x) => ProbabilityFromSpan(MakeModel(p.W, p.B), x);

    public bool Predict(Parameters p, float[] x) => PredictRow(MakeModel(p.W, p.B), MakeRow(x, 0));

    public float[] PredictProbabilities(Parameters p, Dataset data)
    {
        float[] destination = new float[data.Count];
        Probabilities(MakeModel(p.W, p.B), Rows(data), destination);
        return destination;
    }

    public void PredictProbabilities(Parameters p, Dataset data, Span<float> destination) =>
        Probabilities(MakeModel(p.W, p.B), Rows(data), destination);

    public double Cost(Parameters p, Dataset data) => CostOfRows(MakeModel(p.W, p.B), Rows(data));

    public double CostBatch(Parameters p, Dataset data) => CostOfBatch(MakeModel(p.W, p.B), Rows(data));

    public GradientResult Gradients(Parameters p, Dataset data) => GradientsOfRows(MakeModel(p.W, p.B), Rows(data));

    public GradientResult GradientsBatch(Parameters p, Dataset data) => GradientsOfBatch(MakeModel(p.W, p.B), Rows(data));

    public TrainedModel Train(Dataset data, TrainingOptions? options) => Wrap(TrainOnRows(Rows(data), options));

    public TrainedModel TrainBatch(Dataset data, TrainingOptions? options) => Wrap(TrainOnBatch(Rows(data), options));

    public TRow[] Rows(Dataset data) => data.X.Select((x, i) => MakeRow(x, data.Y[i])).ToArray();

    private TrainedModel Wrap(TModel model)
    {
        Parameters p = ReadModel(model);
        return new TrainedModel(p.W, p.B, ReadReport(model), (x, y) => Probability(model, MakeRow(x, y)));
    }

    public override string ToString() => Name;
}

/// <summary>The generated models under test, each adapted to <see cref="IModelKit"/>.</summary>
internal static class ModelKits
{
    public static float[] ToArray(ReadOnlySpan<float> span) => span.ToArray();

    public static readonly ModelKit<Row1, Row1Model> Row1 = new()
    {
        Name = nameof(Row1),
        FeatureCount = Row1Model.FeatureCount,
        FeatureNames = Row1Model.FeatureNames,
        LabelName = Row1Model.LabelName,
        MakeRow = static (x, y) => new Row1(x[0], y != 0),
        MakeModel = static (w, b) => new Row1Model(w, b),
        ReadModel = static m =>
        {
            Row1Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row1Model.FeatureVector v = Row1Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row1Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row1Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row1Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row1Model.Gradients g = m.ComputeGradients(rows);
            Row1Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row1Model.Gradients g = m.ComputeGradients(Row1Model.Batch.Create(rows));
            Row1Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row1Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row1Model.Train(Row1Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row4, Row4Model> Row4 = new()
    {
        Name = nameof(Row4),
        FeatureCount = Row4Model.FeatureCount,
        FeatureNames = Row4Model.FeatureNames,
        LabelName = Row4Model.LabelName,
        MakeRow = static (x, y) => new Row4(x[0], x[1], x[2], x[3], y != 0),
        MakeModel = static (w, b) => new Row4Model(w, b),
        ReadModel = static m =>
        {
            Row4Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row4Model.FeatureVector v = Row4Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row4Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row4Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row4Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row4Model.Gradients g = m.ComputeGradients(rows);
            Row4Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row4Model.Gradients g = m.ComputeGradients(Row4Model.Batch.Create(rows));
            Row4Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row4Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row4Model.Train(Row4Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row7, Row7Model> Row7 = new()
    {
        Name = nameof(Row7),
        FeatureCount = Row7Model.FeatureCount,
        FeatureNames = Row7Model.FeatureNames,
        LabelName = Row7Model.LabelName,
        MakeRow = static (x, y) => new Row7(x[0], x[1], x[2], x[3], x[4], x[5], x[6], y != 0),
        MakeModel = static (w, b) => new Row7Model(w, b),
        ReadModel = static m =>
        {
            Row7Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row7Model.FeatureVector v = Row7Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row7Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row7Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row7Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row7Model.Gradients g = m.ComputeGradients(rows);
            Row7Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row7Model.Gradients g = m.ComputeGradients(Row7Model.Batch.Create(rows));
            Row7Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row7Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row7Model.Train(Row7Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row8, Row8Model> Row8 = new()
    {
        Name = nameof(Row8),
        FeatureCount = Row8Model.FeatureCount,
        FeatureNames = Row8Model.FeatureNames,
        LabelName = Row8Model.LabelName,
        MakeRow = static (x, y) => new Row8(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], y != 0),
        MakeModel = static (w, b) => new Row8Model(w, b),
        ReadModel = static m =>
        {
            Row8Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row8Model.FeatureVector v = Row8Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row8Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row8Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row8Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row8Model.Gradients g = m.ComputeGradients(rows);
            Row8Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row8Model.Gradients g = m.ComputeGradients(Row8Model.Batch.Create(rows));
            Row8Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row8Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row8Model.Train(Row8Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row9, Row9Model> Row9 = new()
    {
        Name = nameof(Row9),
        FeatureCount = Row9Model.FeatureCount,
        FeatureNames = Row9Model.FeatureNames,
        LabelName = Row9Model.LabelName,
        MakeRow = static (x, y) => new Row9(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], y != 0),
        MakeModel = static (w, b) => new Row9Model(w, b),
        ReadModel = static m =>
        {
            Row9Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row9Model.FeatureVector v = Row9Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row9Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row9Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row9Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row9Model.Gradients g = m.ComputeGradients(rows);
            Row9Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row9Model.Gradients g = m.ComputeGradients(Row9Model.Batch.Create(rows));
            Row9Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row9Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row9Model.Train(Row9Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row30, Row30Model> Row30 = new()
    {
        Name = nameof(Row30),
        FeatureCount = Row30Model.FeatureCount,
        FeatureNames = Row30Model.FeatureNames,
        LabelName = Row30Model.LabelName,
        MakeRow = static (x, y) => new Row30(
            x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9],
            x[10], x[11], x[12], x[13], x[14], x[15], x[16], x[17], x[18], x[19],
            x[20], x[21], x[22], x[23], x[24], x[25], x[26], x[27], x[28], x[29],
            y != 0),
        MakeModel = static (w, b) => new Row30Model(w, b),
        ReadModel = static m =>
        {
            Row30Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row30Model.FeatureVector v = Row30Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row30Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row30Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row30Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row30Model.Gradients g = m.ComputeGradients(rows);
            Row30Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row30Model.Gradients g = m.ComputeGradients(Row30Model.Batch.Create(rows));
            Row30Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row30Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row30Model.Train(Row30Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Row64, Row64Model> Row64 = new()
    {
        Name = nameof(Row64),
        FeatureCount = Row64Model.FeatureCount,
        FeatureNames = Row64Model.FeatureNames,
        LabelName = Row64Model.LabelName,
        MakeRow = static (x, y) => new Row64(
            x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9],
            x[10], x[11], x[12], x[13], x[14], x[15], x[16], x[17], x[18], x[19],
            x[20], x[21], x[22], x[23], x[24], x[25], x[26], x[27], x[28], x[29],
            x[30], x[31], x[32], x[33], x[34], x[35], x[36], x[37], x[38], x[39],
            x[40], x[41], x[42], x[43], x[44], x[45], x[46], x[47], x[48], x[49],
            x[50], x[51], x[52], x[53], x[54], x[55], x[56], x[57], x[58], x[59],
            x[60], x[61], x[62], x[63],
            y != 0),
        MakeModel = static (w, b) => new Row64Model(w, b),
        ReadModel = static m =>
        {
            Row64Model.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            Row64Model.FeatureVector v = Row64Model.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => Row64Model.GetFeatures(in r, d),
        GetLabelOfRow = static r => Row64Model.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(Row64Model.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            Row64Model.Gradients g = m.ComputeGradients(rows);
            Row64Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            Row64Model.Gradients g = m.ComputeGradients(Row64Model.Batch.Create(rows));
            Row64Model.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => Row64Model.Train(rows, o),
        TrainOnBatch = static (rows, o) => Row64Model.Train(Row64Model.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Applicant, ApplicantModel> Applicant = new()
    {
        Name = nameof(Applicant),
        FeatureCount = ApplicantModel.FeatureCount,
        FeatureNames = ApplicantModel.FeatureNames,
        LabelName = ApplicantModel.LabelName,
        MakeRow = static (x, y) => new Applicant(x[0], x[1], x[2], x[3], y != 0),
        MakeModel = static (w, b) => new ApplicantModel(w, b),
        ReadModel = static m =>
        {
            ApplicantModel.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            ApplicantModel.FeatureVector v = ApplicantModel.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => ApplicantModel.GetFeatures(in r, d),
        GetLabelOfRow = static r => ApplicantModel.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(ApplicantModel.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            ApplicantModel.Gradients g = m.ComputeGradients(rows);
            ApplicantModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            ApplicantModel.Gradients g = m.ComputeGradients(ApplicantModel.Batch.Create(rows));
            ApplicantModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => ApplicantModel.Train(rows, o),
        TrainOnBatch = static (rows, o) => ApplicantModel.Train(ApplicantModel.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Reading, ReadingModel> Reading = new()
    {
        Name = nameof(Reading),
        FeatureCount = ReadingModel.FeatureCount,
        FeatureNames = ReadingModel.FeatureNames,
        LabelName = ReadingModel.LabelName,
        MakeRow = static (x, y) => new Reading { Temperature = x[0], Humidity = x[1], Pressure = x[2], Rain = y != 0 },
        MakeModel = static (w, b) => new ReadingModel(w, b),
        ReadModel = static m =>
        {
            ReadingModel.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            ReadingModel.FeatureVector v = ReadingModel.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => ReadingModel.GetFeatures(in r, d),
        GetLabelOfRow = static r => ReadingModel.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(ReadingModel.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            ReadingModel.Gradients g = m.ComputeGradients(rows);
            ReadingModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            ReadingModel.Gradients g = m.ComputeGradients(ReadingModel.Batch.Create(rows));
            ReadingModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => ReadingModel.Train(rows, o),
        TrainOnBatch = static (rows, o) => ReadingModel.Train(ReadingModel.Batch.Create(rows), o),
    };

    public static readonly ModelKit<Patient, PatientModel> Patient = new()
    {
        Name = nameof(Patient),
        FeatureCount = PatientModel.FeatureCount,
        FeatureNames = PatientModel.FeatureNames,
        LabelName = PatientModel.LabelName,
        MakeRepresentable = static x => new[]
        {
            x[0] * 10 + 40,                      // float Age
            x[1] * 15 + 70,                      // double Weight (a float value, so the row holds it exactly)
            MathF.Round(x[2] * 3),               // int Visits
            MathF.Round(x[3] * 4),               // long Steps
            MathF.Round(x[4] * 2),               // short Floors
            MathF.Abs(MathF.Round(x[5] * 2)),    // byte Grade
            x[6] > 0 ? 1f : 0f,                  // bool Smoker
        },
        MakeRow = static (x, y) => new Patient
        {
            Age = x[0],
            Weight = x[1],
            Visits = (int)x[2],
            Name = "n/a",
            Steps = (long)x[3],
            Floors = (short)x[4],
            Outcome = (int)y,
            Grade = (byte)x[5],
            Smoker = x[6] != 0,
        },
        MakeModel = static (w, b) => new PatientModel(w, b),
        ReadModel = static m =>
        {
            PatientModel.FeatureVector w = m.Weights;
            return new Parameters(ToArray(w), m.Bias);
        },
        ReadReport = static m => m.TrainingReport,
        GetFeaturesOfRow = static r =>
        {
            PatientModel.FeatureVector v = PatientModel.GetFeatures(in r);
            return ToArray(v);
        },
        GetFeaturesOfRowInto = static (r, d) => PatientModel.GetFeatures(in r, d),
        GetLabelOfRow = static r => PatientModel.GetLabel(in r),
        Logit = static (m, r) => m.PredictLogit(in r),
        Probability = static (m, r) => m.PredictProbability(in r),
        ProbabilityFromSpan = static (m, x) => m.PredictProbability(x),
        PredictRow = static (m, r) => m.Predict(in r),
        Probabilities = static (m, rows, d) => m.PredictProbabilities(rows, d),
        CostOfRows = static (m, rows) => m.Cost(rows),
        CostOfBatch = static (m, rows) => m.Cost(PatientModel.Batch.Create(rows)),
        GradientsOfRows = static (m, rows) =>
        {
            PatientModel.Gradients g = m.ComputeGradients(rows);
            PatientModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        GradientsOfBatch = static (m, rows) =>
        {
            PatientModel.Gradients g = m.ComputeGradients(PatientModel.Batch.Create(rows));
            PatientModel.FeatureVector dw = g.Weights;
            return new GradientResult(ToArray(dw), g.Bias, g.Cost);
        },
        TrainOnRows = static (rows, o) => PatientModel.Train(rows, o),
        TrainOnBatch = static (rows, o) => PatientModel.Train(PatientModel.Batch.Create(rows), o),
    };

    public static IModelKit Get(string name) => All.Single(kit => kit.Name == name);

    public static IReadOnlyList<IModelKit> All { get; } = new IModelKit[]
    {
        Row1, Row4, Row7, Row8, Row9, Row30, Row64, Applicant, Reading, Patient,
    };
}
