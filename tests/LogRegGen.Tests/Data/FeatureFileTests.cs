using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LogRegGen.Tests.Generated;
using Sylvan.Data.Csv;
using Xunit;

namespace LogRegGen.Tests.Data;

/// <summary>
/// Training on data larger than memory (issue 14): a feature file written in one streaming pass and
/// mapped, trained on by every solver to the model an in-memory batch gives, bit for bit.
/// </summary>
public sealed class FeatureFileTests : IDisposable
{
    private static readonly string s_tumorCsv = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"logreggen-files-{Guid.NewGuid():N}");

    public FeatureFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<Solver, bool> Solvers() => new()
    {
        { Solver.Newton, true },
        { Solver.Lbfgs, true },
        { Solver.GradientDescent, true },
        { Solver.GradientDescent, false },
        { Solver.StochasticGradientDescent, true },
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Every_solver_trains_on_a_mapped_file_to_the_in_memory_model_bit_for_bit(Solver solver, bool standardize)
    {
        string path = Path.Combine(_directory, "tumors.lrgx");
        using (var file = new FeatureFileWriter(path, TumorModel.FeatureCount))
        using (CsvDataReader csv = CsvDataReader.Create(s_tumorCsv))
        {
            TumorModel.Batch.Write(csv, file);
            file.Complete();
        }

        TumorModel.Batch mapped = TumorModel.Batch.Open(path);
        TumorModel.Batch memory = TumorModel.Batch.Read(CsvDataReader.Create(s_tumorCsv));
        AssertSameData(memory.Matrix, mapped.Matrix);

        var options = new TrainingOptions { Solver = solver, Standardize = standardize, C = 1, Epochs = 200, LearningRate = 0.1, Seed = 3 };
        TumorModel fromFile = TumorModel.Train(mapped, options);
        TumorModel fromMemory = TumorModel.Train(memory, options);
        Assert.True(((ReadOnlySpan<float>)fromMemory.Weights).SequenceEqual(fromFile.Weights));
        Assert.Equal(fromMemory.Bias, fromFile.Bias);
    }

    [Fact]
    public void Rows_and_a_reader_write_the_same_file_and_many_blocks_train_alike_on_every_core()
    {
        // 100,000 rows: several 16,384-row blocks of the writer, and several shards of the parallel passes.
        var random = new Random(5);
        Row4[] rows = Enumerable.Range(0, 100_000)
            .Select(_ => new Row4((float)random.NextDouble(), (float)random.NextDouble() * 10, (float)random.NextDouble() - 0.5f, (float)random.NextDouble(), random.Next(3) == 0))
            .ToArray();
        string path = Path.Combine(_directory, "rows.lrgx");
        using (var file = new FeatureFileWriter(path, Row4Model.FeatureCount))
        {
            Row4Model.Batch.Write(rows, file);
            Assert.Equal(100_000, file.Count);
            file.Complete();
        }

        Row4Model.Batch mapped = Row4Model.Batch.Open(path);
        Row4Model.Batch memory = Row4Model.Batch.Create(rows);
        AssertSameData(memory.Matrix, mapped.Matrix);
        var options = new TrainingOptions { C = 1, MaxDegreeOfParallelism = -1 };
        Row4Model fromFile = Row4Model.Train(mapped, options);
        Row4Model fromMemory = Row4Model.Train(memory, options);
        Assert.True(((ReadOnlySpan<float>)fromMemory.Weights).SequenceEqual(fromFile.Weights));
        Assert.Equal(fromMemory.Bias, fromFile.Bias);
    }

    /// <summary>The file's matrix is mapped and holds the in-memory matrix's values and labels exactly.</summary>
    private static void AssertSameData(FeatureMatrix memory, FeatureMatrix mapped)
    {
        Assert.True(mapped.IsMapped);
        Assert.False(memory.IsMapped);
        Assert.Equal(memory.Stride, mapped.Stride);
        Assert.True(memory.Values.SequenceEqual(mapped.Values));
        Assert.True(memory.Labels.SequenceEqual(mapped.Labels));
    }

    [Fact]
    public void A_multinomial_model_trains_on_a_file_of_class_indices()
    {
        Iris[] flowers = MultinomialModelTests.LoadIris();
        string path = Path.Combine(_directory, "iris.lrgx");
        using (var file = new FeatureFileWriter(path, IrisModel.FeatureCount))
        {
            IrisModel.Batch.Write(flowers, file);
            file.Complete();
        }

        IrisModel fromFile = IrisModel.Train(IrisModel.Batch.Open(path), new TrainingOptions { C = 1 });
        IrisModel fromMemory = IrisModel.Train(flowers, new TrainingOptions { C = 1 });
        Assert.Equal(fromMemory.ToJson(), fromFile.ToJson());
    }

    [Fact]
    public void A_file_that_is_not_one_or_is_cut_short_or_for_other_features_is_refused()
    {
        string path = Path.Combine(_directory, "x.lrgx");
        using (var file = new FeatureFileWriter(path, 4))
        {
            Row4Model.Batch.Write(new[] { new Row4(1, 2, 3, 4, true), new Row4(5, 6, 7, 8, false) }, file);
            file.Complete();
        }

        var other = Assert.Throws<InvalidDataException>(() => Row1Model.Batch.Open(path));
        Assert.Contains("holds 4 features per sample but the model has 1", other.Message, StringComparison.Ordinal);

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => Row4Model.Batch.Open(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, "income,debt\n1,2\n");
        Assert.Contains("is not a LogRegGen feature file", Assert.Throws<InvalidDataException>(() => Row4Model.Batch.Open(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_that_is_not_completed_leaves_no_file()
    {
        string path = Path.Combine(_directory, "unfinished.lrgx");
        using (var file = new FeatureFileWriter(path, 4))
        {
            file.Add(1f)[0] = 2f;
        }

        Assert.Empty(Directory.GetFiles(_directory));
        using var empty = new FeatureFileWriter(path, 4);
        Assert.Throws<InvalidOperationException>(empty.Complete);
    }

    [Fact]
    public void A_file_of_more_than_two_to_the_31_values_is_addressed_row_by_row()
    {
        // 134,217,729 features of 16 samples: 2^31 + 16 values (8 GiB), one more row than a span over X holds.
        // The file is sparse (set to its length, never written but for the header and labels), so it takes
        // no disk; its pages read as zeros, and copy-on-write changes stay in the process.
        const int n = (1 << 27) + 1, m = 16;
        string path = Path.Combine(_directory, "wide.lrgx");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(FeatureFile.ExpectedLength(n, m, m));
            var header = new byte[FeatureFile.HeaderBytes];
            FeatureFile.WriteHeader(header, n, m, m);
            file.Write(header);
            file.Position = FeatureFile.HeaderBytes + ((long)n * m * sizeof(float));
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes<float>([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]));
        }

        FeatureMatrix matrix = FeatureFile.Open(path);

        Assert.True((long)matrix.FeatureCount * matrix.Stride > int.MaxValue);
        Assert.Contains("more than one span holds", Assert.Throws<NotSupportedException>(() => matrix.Values.Length).Message, StringComparison.Ordinal);
        Assert.Equal(1f, matrix.Labels[14]);
        Assert.All(matrix.Feature(n - 1).ToArray(), v => Assert.Equal(0f, v));
        matrix[n - 1, 15] = 7f;
        matrix[0, 15] = 5f;
        Assert.Equal(7f, matrix.Feature(n - 1)[15]);
        Assert.Equal(7f, matrix[n - 1, 15]);
        Assert.Equal(5f, matrix[0, 15]);
        Assert.Equal(0f, matrix[n - 2, 15]);
    }
}
