using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using BreastCancer;
using Sylvan.Data.Csv;

namespace LogRegGen.Benchmarks;

/// <summary>The same row for ML.NET's text loader: the 30 features as one vector column, and the label.</summary>
public sealed class MlNetTumor
{
    /// <summary>The 30 measurements.</summary>
    [LoadColumn(0, 29)]
    [VectorType(30)]
    public float[] Features { get; set; } = Array.Empty<float>();

    /// <summary>1 when malignant.</summary>
    [LoadColumn(30)]
    public float Malignant { get; set; }
}

/// <summary>
/// Issue 14: reading a CSV into training data. The breast-cancer file's 569 rows repeated 1,000 times
/// (569,000 rows of 31 columns, written once per run) are read four ways: by hand with Sylvan.Data.Csv
/// into float arrays (the floor: no matching, no checks), through the generated binder into a
/// feature-major <c>Batch</c> and into rows, and by ML.NET's <c>LoadFromTextFile</c> with
/// <c>CreateEnumerable</c>. MB/s = the file's size (printed at setup) over the mean.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(10)]
public class DataLoadingBenchmarks
{
    /// <summary>How many times the 569 rows are repeated.</summary>
    public const int Copies = 1_000;

    private readonly MLContext _ml = new(seed: 1);
    private string _path = string.Empty;

    /// <summary>Writes the repeated CSV to a temporary file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
        _path = Path.Combine(Path.GetTempPath(), $"logreggen-tumors-x{Copies}-{Guid.NewGuid():N}.csv");
        using (var writer = new StreamWriter(_path))
        {
            writer.Write(lines[0]);
            writer.Write('\n');
            string body = string.Join('\n', lines.Skip(1).Where(l => l.Length > 0)) + "\n";
            for (int copy = 0; copy < Copies; copy++)
            {
                writer.Write(body);
            }
        }

        Console.WriteLine($"// {_path}: {new FileInfo(_path).Length:N0} bytes, {(lines.Length - 1) * Copies:N0} rows");
    }

    /// <summary>Deletes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Sylvan.Data.Csv by hand: <c>GetFloat</c> per cell into a growing sample-major array and the labels.</summary>
    [Benchmark(Baseline = true)]
    public (float[] X, float[] Y, int Count) SylvanByHand()
    {
        using CsvDataReader csv = CsvDataReader.Create(_path);
        float[] x = new float[30 * 1024];
        float[] y = new float[1024];
        int count = 0;
        while (csv.Read())
        {
            if (count == y.Length)
            {
                Array.Resize(ref x, x.Length * 2);
                Array.Resize(ref y, y.Length * 2);
            }

            int offset = count * 30;
            for (int j = 0; j < 30; j++)
            {
                x[offset + j] = csv.GetFloat(j);
            }

            y[count++] = csv.GetFloat(30);
        }

        return (x, y, count);
    }

    /// <summary>The generated binder straight into the feature-major batch (columns matched by name, every value checked).</summary>
    [Benchmark]
    public TumorModel.Batch GeneratedBatchRead()
    {
        using CsvDataReader csv = CsvDataReader.Create(_path);
        return TumorModel.Batch.Read(csv);
    }

    /// <summary>The generated binder into rows.</summary>
    [Benchmark]
    public Tumor[] GeneratedReadRows()
    {
        using CsvDataReader csv = CsvDataReader.Create(_path);
        return TumorModel.ReadRows(csv);
    }

    /// <summary>ML.NET: <c>LoadFromTextFile</c> and <c>CreateEnumerable</c> to objects.</summary>
    [Benchmark]
    public List<MlNetTumor> MlNetLoadFromTextFile()
    {
        IDataView view = _ml.Data.LoadFromTextFile<MlNetTumor>(_path, separatorChar: ',', hasHeader: true);
        return _ml.Data.CreateEnumerable<MlNetTumor>(view, reuseRowObject: false).ToList();
    }
}
