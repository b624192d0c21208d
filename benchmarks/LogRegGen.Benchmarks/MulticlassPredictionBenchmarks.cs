using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Trainers;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Batch prediction of a 64-feature, 10-class softmax model: all m rows' class probabilities into an
/// (m, K) buffer. The generated <c>Multi64Model.PredictProbabilities(rows, probabilities)</c> against
/// ONNX Runtime scoring the model's own ONNX export (the baseline; one thread, input and output
/// buffers bound once, so only the scoring is timed; and again with the rows' features copied into the
/// input first, as a caller with rows must) and ML.NET's <c>Transform</c> of its
/// <c>LbfgsMaximumEntropy</c> model with the Score column read out (one thread where it has a setting).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Prediction", "Multiclass")]
public class MulticlassPredictionBenchmarks : IDisposable
{
    private Multi64[] _rows = [];
    private Multi64Model _model = null!;
    private float[] _destination = [];
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private OrtValue _input = null!;
    private float[] _inputBuffer = [];
    private OrtValue _output = null!;
    private float[] _onnxOutput = [];
    private MLContext _context = null!;
    private ITransformer _mlModel = null!;
    private IDataView _dataView = null!;

    /// <summary>m, the rows scored per call.</summary>
    public static int M => BenchmarkMatrix.Smoke ? 4_096 : 100_000;

    /// <summary>The rows, our model trained on them, its ONNX export in a one-thread session, and ML.NET's model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int n = Multi64Model.FeatureCount, k = Multi64Model.ClassCount;
        (float[] x, float[] y) = MulticlassData.Create(n, k, M, seed: 7);
        _rows = new Multi64[M];
        for (int i = 0; i < M; i++)
        {
            _rows[i] = Multi64.Create(x.AsSpan(i * n, n), (int)y[i]);
        }

        _model = Multi64Model.Train(_rows, new TrainingOptions { C = 1 });
        _destination = new float[M * k];

        using var onnx = new MemoryStream();
        _model.ExportOnnx(onnx);
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(onnx.ToArray(), options);
        _runOptions = new RunOptions();
        _inputBuffer = x;
        _input = OrtValue.CreateTensorValueFromMemory(_inputBuffer, [M, n]);
        _onnxOutput = new float[M * k];
        _output = OrtValue.CreateTensorValueFromMemory(_onnxOutput, [M, k]);

        _context = new MLContext(MlNet.Seed);
        _dataView = MulticlassData.Load(_context, x, y, n);
        _mlModel = MulticlassData.LabelToKey(_context)
            .Append(_context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }))
            .Fit(_dataView);

        // Self-check: ONNX Runtime scores the exported model as the model does.
        LogRegGen();
        OnnxRuntime();
        for (int i = 0; i < _destination.Length; i++)
        {
            if (!(Math.Abs(_destination[i] - _onnxOutput[i]) <= 1e-5f))
            {
                throw new InvalidOperationException($"Self-check failed: value {i}: ours {_destination[i]:R}, ONNX Runtime {_onnxOutput[i]:R}.");
            }
        }
    }

    /// <summary>ONNX Runtime, one thread, on the model's ONNX export.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() =>
        _session.Run(_runOptions, ["features"], [_input], ["probabilities"], [_output]);

    /// <summary>
    /// ONNX Runtime as a user with rows calls it: the rows' features copied into the bound input tensor
    /// (<c>GetFeatures</c>, one row at a time), then the scoring.
    /// </summary>
    [Benchmark]
    public void OnnxRuntimeFromRows()
    {
        Span<float> input = _inputBuffer;
        int n = Multi64Model.FeatureCount;
        for (int i = 0; i < _rows.Length; i++)
        {
            Multi64Model.GetFeatures(in _rows[i], input.Slice(i * n, n));
        }

        _session.Run(_runOptions, ["features"], [_input], ["probabilities"], [_output]);
    }

    /// <summary>The generated batch prediction into the (m, K) buffer.</summary>
    [Benchmark]
    public void LogRegGen() => _model.PredictProbabilities(_rows, _destination, maxDegreeOfParallelism: 1);

    /// <summary>ML.NET: Transform the data view and read every row's Score vector.</summary>
    /// <returns>The number of rows read.</returns>
    [Benchmark]
    public int MlNetTransform()
    {
        int i = 0;
        foreach (VBuffer<float> score in _mlModel.Transform(_dataView).GetColumn<VBuffer<float>>("Score"))
        {
            score.GetValues().CopyTo(_destination.AsSpan(i * Multi64Model.ClassCount, Multi64Model.ClassCount));
            i++;
        }

        return i;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _input?.Dispose();
        _output?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
        GC.SuppressFinalize(this);
    }
}
