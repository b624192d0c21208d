using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Trainers;

namespace LogRegGen.Benchmarks;

/// <summary>The model both sides score with: ML.NET's, and the generated model with the same parameters.</summary>
internal static class SharedModel
{
    /// <summary>Rows ML.NET fits the model on; prediction speed does not depend on how good it is.</summary>
    public const int FitRows = 100_000;

    /// <summary>
    /// Fits L-BFGS logistic regression on (up to <see cref="FitRows"/> of) the data and returns
    /// its parameters with the Platt calibrator folded in, so that σ(wᵀx + b) is ML.NET's Probability.
    /// </summary>
    public static (float[] Weights, float Bias) Parameters(
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> model)
    {
        // ML.NET: Probability = 1 / (1 + exp(slope·score + offset)) = σ(−slope·score − offset).
        double slope = model.Model.Calibrator.Slope;
        double offset = model.Model.Calibrator.Offset;
        IReadOnlyList<float> w = model.Model.SubModel.Weights;
        var weights = new float[w.Count];
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = (float)(-slope * w[j]);
        }

        return (weights, (float)((-slope * model.Model.SubModel.Bias) - offset));
    }

    public static BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> Fit(
        MLContext context, IDataView data, int sampleCount) =>
        MlNet.FitLbfgs(context, sampleCount > FitRows ? context.Data.TakeRows(data, FitRows) : data);

    public static void CheckClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        const float Tolerance = 1e-4f;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= Tolerance))
            {
                throw new InvalidOperationException(
                    $"Self-check failed: {what}: row {i} has probability {actual[i]:R} but ML.NET gives {expected[i]:R}.");
            }
        }
    }
}

/// <summary>
/// Batch prediction of m rows: the generated <c>PredictProbabilities(rows, dest)</c> against ML.NET's
/// idiomatic batch scoring, <c>model.Transform(dataView)</c> then reading the Probability column.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Prediction")]
[OnePassOverSamples]
public class PredictionBenchmarks
{
    private MLContext _context = null!;
    private ITransformer _mlModel = null!;
    private IDataView _dataView = null!;
    private float[] _destination = [];

    private Sample4Model? _model4;
    private Sample4[] _rows4 = [];
    private Sample30Model? _model30;
    private Sample30[] _rows30 = [];
    private Sample64Model? _model64;
    private Sample64[] _rows64 = [];
    private InferenceSession _session = null!;
    private InferenceSession _sessionAllCores = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _input = null!;
    private OrtValue _output = null!;
    private float[] _onnxOutput = [];

    /// <summary>n, the number of features.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int N { get; set; }

    /// <summary>m, the number of rows scored.</summary>
    [ParamsSource(nameof(SampleCounts))]
    public int M { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkMatrix.FeatureCounts;

    /// <summary>The values of <see cref="M"/>.</summary>
    public static IEnumerable<int> SampleCounts => BenchmarkMatrix.SampleCounts;

    /// <summary>Builds the data both ways, fits ML.NET's model once, gives the generated model the same parameters and checks both predict the same.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SyntheticData data = SyntheticData.Create(N, M);
        _context = new MLContext(MlNet.Seed);
        _dataView = MlNet.Load(_context, MlNet.Rows(data), N);
        var fitted = SharedModel.Fit(_context, _dataView, M);
        _mlModel = fitted;
        (float[] weights, float bias) = SharedModel.Parameters(fitted);
        _destination = new float[M];

        switch (N)
        {
            case 4:
                _model4 = new Sample4Model(weights, bias);
                _rows4 = data.ToRows<Sample4>();
                break;
            case 30:
                _model30 = new Sample30Model(weights, bias);
                _rows30 = data.ToRows<Sample30>();
                break;
            case 64:
                _model64 = new Sample64Model(weights, bias);
                _rows64 = data.ToRows<Sample64>();
                break;
            default:
                throw new NotSupportedException($"No generated model for N = {N}.");
        }

        // ONNX Runtime on the model's own export, one thread, its input tensor already laid out.
        using (var onnx = new System.IO.MemoryStream())
        {
            string[] names = new string[N];
            for (int j = 0; j < N; j++)
            {
                names[j] = $"F{j}";
            }

            OnnxExport.Write(onnx, names, weights, bias, $"Sample{N}Model");
            _session = new InferenceSession(onnx.ToArray(), new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL });
            _sessionAllCores = new InferenceSession(onnx.ToArray(), new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL });
        }

        _runOptions = new RunOptions();
        _input = OrtValue.CreateTensorValueFromMemory(data.SampleMajor, [M, N]);
        _onnxOutput = new float[M];
        _output = OrtValue.CreateTensorValueFromMemory(_onnxOutput, [M, 1]);

        MlNetTransform();
        float[] expected = (float[])_destination.Clone();
        Array.Clear(_destination);
        Generated();
        SharedModel.CheckClose("PredictProbabilities", expected, _destination);
        OnnxRuntime();
        SharedModel.CheckClose("ONNX Runtime", _destination, _onnxOutput);
        Console.WriteLine($"// Self-check N={N} M={M}: generated PredictProbabilities matches ML.NET within 1e-4; training log loss {data.LogLoss(expected):F6}.");
    }

    /// <summary>ML.NET: Transform, then read the Probability column with a cursor.</summary>
    /// <returns>The rows read.</returns>
    [Benchmark(Baseline = true)]
    public int MlNetTransform() => MlNet.ReadProbabilities(_mlModel.Transform(_dataView), _destination);

    /// <summary>The generated model's batch prediction over the record array.</summary>
    /// <returns>The last probability.</returns>
    /// <summary>ONNX Runtime, one thread, on the generated model's ONNX export (input tensor ready).</summary>
    [Benchmark]
    public void OnnxRuntime() =>
        _session.Run(_runOptions, ["features"], [_input], ["probability"], [_output]);

    /// <summary>ONNX Runtime with one intra-op thread per core, same export and tensor.</summary>
    [Benchmark]
    public void OnnxRuntimeAllCores() =>
        _sessionAllCores.Run(_runOptions, ["features"], [_input], ["probability"], [_output]);

    /// <summary>The generated batch prediction on one thread.</summary>
    [Benchmark]
    public float Generated() => Predict(1);

    /// <summary>The generated batch prediction on all cores (its default).</summary>
    [Benchmark]
    public float GeneratedAllCores() => Predict(-1);

    private float Predict(int maxDegreeOfParallelism)
    {
        switch (N)
        {
            case 4:
                _model4!.PredictProbabilities(_rows4, _destination, maxDegreeOfParallelism);
                break;
            case 30:
                _model30!.PredictProbabilities(_rows30, _destination, maxDegreeOfParallelism);
                break;
            default:
                _model64!.PredictProbabilities(_rows64, _destination, maxDegreeOfParallelism);
                break;
        }

        return _destination[^1];
    }
}

/// <summary>
/// One prediction: the generated <c>PredictProbability(in row)</c> against ML.NET's
/// <c>PredictionEngine.Predict</c>, with the memory diagnoser showing what each allocates.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Prediction", "Single")]
public class SinglePredictionBenchmarks
{
    private const int SampleCount = 10_000;

    private PredictionEngine<MlRow, MlScore> _engine = null!;
    private MlRow _mlRow = new();

    private Sample4Model? _model4;
    private Sample4 _row4;
    private Sample30Model? _model30;
    private Sample30 _row30;
    private Sample64Model? _model64;
    private Sample64 _row64;

    /// <summary>n, the number of features.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkMatrix.FeatureCounts;

    /// <summary>Fits ML.NET's model on 10,000 rows, builds its prediction engine and the generated model with the same parameters.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SyntheticData data = SyntheticData.Create(N, SampleCount);
        var context = new MLContext(MlNet.Seed);
        MlRow[] rows = MlNet.Rows(data);
        var fitted = SharedModel.Fit(context, MlNet.Load(context, rows, N), SampleCount);
        _engine = context.Model.CreatePredictionEngine<MlRow, MlScore>(fitted, inputSchemaDefinition: MlNet.Schema(N));
        _mlRow = rows[0];
        (float[] weights, float bias) = SharedModel.Parameters(fitted);

        switch (N)
        {
            case 4:
                _model4 = new Sample4Model(weights, bias);
                _row4 = Sample4.Create(data.Sample(0), _mlRow.Label);
                break;
            case 30:
                _model30 = new Sample30Model(weights, bias);
                _row30 = Sample30.Create(data.Sample(0), _mlRow.Label);
                break;
            case 64:
                _model64 = new Sample64Model(weights, bias);
                _row64 = Sample64.Create(data.Sample(0), _mlRow.Label);
                break;
            default:
                throw new NotSupportedException($"No generated model for N = {N}.");
        }

        SharedModel.CheckClose("PredictProbability", [MlNetPredictionEngine()], [Generated()]);
    }

    /// <summary>ML.NET: <c>PredictionEngine.Predict(row)</c>, which returns a new output object.</summary>
    /// <returns>The probability.</returns>
    [Benchmark(Baseline = true)]
    public float MlNetPredictionEngine() => _engine.Predict(_mlRow).Probability;

    /// <summary>The generated model's <c>PredictProbability(in row)</c>.</summary>
    /// <returns>The probability.</returns>
    [Benchmark]
    public float Generated() => N switch
    {
        4 => _model4!.PredictProbability(in _row4),
        30 => _model30!.PredictProbability(in _row30),
        _ => _model64!.PredictProbability(in _row64),
    };
}
