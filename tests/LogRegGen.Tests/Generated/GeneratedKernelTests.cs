using System;
using System.Linq;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The generated, n-unrolled kernels (and, above 16 features, the runtime's kernel that the models use) on every SIMD path (256-bit, 128-bit and scalar, called directly
/// so each is tested on any machine), over sample ranges that start and end off the vector and chunk
/// boundaries, against the double reference; and the multi-threaded driver's determinism.
/// </summary>
public sealed class GeneratedKernelTests
{
    private delegate double Kernel(FeatureMatrix data, ReadOnlySpan<float> w, float b, int start, int end, Span<double> dw, out double db);

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string path in new[] { "256", "128", "Scalar" })
        {
            foreach (int n in new[] { 1, 4, 7, 9, 16, 30, 64 })
            {
                // m = 1: only the scalar tail; 37: tails of every width; 1337: three chunks, ragged end.
                foreach (int m in new[] { 1, 37, 1337 })
                {
                    data.Add(path, n, m);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KernelPathMatchesTheReferenceOverAnyRange(string path, int n, int m)
    {
        Kernel kernel = KernelFor(n, path);
        Dataset data = TestData.Random(seed: 1000 + n + m, m, n);
        Parameters p = TestData.RandomParameters(seed: 77 + n, n);
        FeatureMatrix matrix = Matrix(data, n);

        // Whole range, and a range that starts and ends inside chunks and vectors.
        foreach ((int start, int end) in new[] { (0, m), (m / 3, m - (m / 5)) })
        {
            double[] dw = new double[n];
            double loss = kernel(matrix, p.W, p.B, start, end, dw, out double dbSum);

            Dataset slice = new(data.X[start..end], data.Y[start..end]);
            int count = end - start;
            if (count == 0)
            {
                Assert.Equal(0d, loss);
                Assert.Equal(0d, dbSum);
                Assert.All(dw, v => Assert.Equal(0d, v));
                continue;
            }

            ReferenceLogisticRegression.Gradients expected = ReferenceLogisticRegression.ComputeGradients(slice.XAsDouble, slice.YAsDouble, p.WAsDouble, p.B);
            ReferenceLogisticRegression.Gradients scales = ReferenceLogisticRegression.GradientScales(slice.XAsDouble, slice.YAsDouble, p.WAsDouble, p.B);
            string where = $"path {path}, n = {n}, samples [{start}, {end})";
            Tolerance.AssertClose(expected.Cost, loss / count, 0, $"J ({where})");
            Tolerance.AssertClose(expected.Db, dbSum / count, scales.Db, $"db ({where})");
            for (int j = 0; j < n; j++)
            {
                Tolerance.AssertClose(expected.Dw[j], dw[j] / count, scales.Dw[j], $"dw[{j}] ({where})");
            }
        }
    }

    [Fact]
    public void KernelAddsToTheSumsItIsGiven()
    {
        Dataset data = TestData.Random(seed: 5, 100, 4);
        FeatureMatrix matrix = Matrix(data, 4);
        Parameters p = TestData.RandomParameters(seed: 6, 4);
        double[] whole = new double[4];
        Row4Kernels.AccumulateGradients256(matrix, p.W, p.B, 0, 100, whole, out double dbWhole);

        double[] split = new double[4];
        Row4Kernels.AccumulateGradients256(matrix, p.W, p.B, 0, 40, split, out double db1);
        Row4Kernels.AccumulateGradients256(matrix, p.W, p.B, 40, 100, split, out double db2);
        // The same sums, up to float rounding of the differently split chunks.
        for (int j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs(whole[j] - split[j]) <= 1e-5 * Math.Abs(whole[j]) + 1e-6, $"dw[{j}]: {whole[j]} vs {split[j]}");
        }

        Assert.True(Math.Abs(dbWhole - (db1 + db2)) <= 1e-5 * Math.Abs(dbWhole) + 1e-6, $"db: {dbWhole} vs {db1 + db2}");
        Assert.NotEqual(0d, dbWhole);
    }

    [Fact]
    public void KernelRejectsAMatrixOfAnotherShapeAndABadRange()
    {
        FeatureMatrix five = new(5, 10);
        ArgumentException shape = Assert.Throws<ArgumentException>(() =>
            LogisticKernels.Gradients<Row4Model>(five, new float[4], 0f, new double[4], out _));
        Assert.Contains("4 features", shape.Message);
        Assert.Contains("(5, 10)", shape.Message);

        FeatureMatrix four = new(4, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => Accumulate<Row4Model>(four, 3, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => Accumulate<Row4Model>(four, 6, 5));
    }

    [Fact]
    public void ParallelGradientsAreDeterministicAndAgreeWithOneThread()
    {
        // Large enough for two workers (each needs 16,384 samples).
        const int M = 70_001;
        Dataset data = TestData.Random(seed: 9, M, 9);
        FeatureMatrix matrix = Matrix(data, 9);
        Parameters p = TestData.RandomParameters(seed: 10, 9);

        double[] one = new double[9], twoA = new double[9], twoB = new double[9];
        double j1 = LogisticKernels.Gradients<Row9Model>(matrix, p.W, p.B, one, out double db1, maxDegreeOfParallelism: 1);
        double j2 = LogisticKernels.Gradients<Row9Model>(matrix, p.W, p.B, twoA, out double db2, maxDegreeOfParallelism: 2);
        double j2Again = LogisticKernels.Gradients<Row9Model>(matrix, p.W, p.B, twoB, out double db2Again, maxDegreeOfParallelism: 2);

        Assert.Equal(j2, j2Again);
        Assert.Equal(db2, db2Again);
        Assert.Equal(twoA, twoB);

        Assert.Equal(j1, j2, 1e-9);
        Assert.Equal(db1, db2, 1e-9);
        for (int j = 0; j < 9; j++)
        {
            Assert.Equal(one[j], twoA[j], 1e-9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void GeneratedGradientsStayAccurateForAMillionSamples(int threads)
    {
        // n = 30 (the benchmark's case), m = 10⁶ + 3: every path's float partial sums must add up to
        // the double reference within 1e-5 relative, per component.
        const int N = 30, M = 1_000_003;
        FeatureMatrix data = Runtime.Reference.RandomData(N, M, seed: 4242);
        float[] w = Runtime.Reference.RandomFloats(N, seed: 4243, scale: 0.2);
        const float B = -0.1f;
        var dwRef = new double[N];
        double jRef = Runtime.Reference.Gradients(data, Runtime.Reference.ToDouble(w), B, dwRef, out double dbRef);

        var dw = new double[N];
        double j = LogisticKernels.Gradients<Row30Model>(data, w, B, dw, out double db, threads);

        Assert.True(Math.Abs(j - jRef) <= 1e-5 * jRef, $"J = {j} vs {jRef}");
        Assert.True(Math.Abs(dbRef) > 1e-3, $"test data: db = {dbRef} is too small to measure relative error");
        Assert.True(Math.Abs(db - dbRef) <= 1e-5 * Math.Abs(dbRef), $"db = {db} vs {dbRef}");
        for (int k = 0; k < N; k++)
        {
            Assert.True(Math.Abs(dwRef[k]) > 1e-3, $"test data: dw[{k}] = {dwRef[k]} is too small to measure relative error");
            Assert.True(Math.Abs(dw[k] - dwRef[k]) <= 1e-5 * Math.Abs(dwRef[k]), $"dw[{k}] = {dw[k]} vs {dwRef[k]} ({threads} thread(s))");
        }
    }

    [Fact]
    public void TrainingOnRowsInPooledStorageGivesTheBatchModelAfterLargerDataHeldIt()
    {
        // Train(rows) lays its batch out in arrays on loan from the shared pool, which still hold the last call's
        // values: a larger data set first, then a smaller one, whose model must be the one of its own batch, bit for
        // bit — rows read in place (Row9) and rows copied field by field (Applicant, a class).
        var options = new TrainingOptions { MaxDegreeOfParallelism = 1 };
        Dataset large = TestData.Random(seed: 21, 20_000, 9), small = TestData.Random(seed: 22, 7_001, 9);
        Row9[] Rows9(Dataset d) => d.X.Select((x, i) => new Row9(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], d.Y[i] == 1f)).ToArray();
        Applicant[] Applicants(Dataset d) => d.X.Select((x, i) => new Applicant(x[0], x[1], x[2], x[3], d.Y[i] == 1f)).ToArray();

        Row9Model.Train(Rows9(large), options);
        Row9Model fromRows = Row9Model.Train(Rows9(small), options);
        Row9Model fromBatch = Row9Model.Train(Row9Model.Batch.Create(Rows9(small)), options);
        Assert.Equal(ModelKits.ToArray(fromBatch.Weights), ModelKits.ToArray(fromRows.Weights));
        Assert.Equal(fromBatch.Bias, fromRows.Bias);
        Assert.Equal(fromBatch.TrainingReport!.CostHistory, fromRows.TrainingReport!.CostHistory);

        ApplicantModel.Train(Applicants(large), options);
        ApplicantModel applicantRows = ApplicantModel.Train(Applicants(small), options);
        ApplicantModel applicantBatch = ApplicantModel.Train(ApplicantModel.Batch.Create(Applicants(small)), options);
        Assert.Equal(ModelKits.ToArray(applicantBatch.Weights), ModelKits.ToArray(applicantRows.Weights));
        Assert.Equal(applicantBatch.Bias, applicantRows.Bias);

        // A bad label after the storage was rented: the error, and the next call still right.
        Applicant[] bad = Applicants(small);
        bad[3] = null!;
        Assert.ThrowsAny<ArgumentException>(() => ApplicantModel.Train(bad, options));
        Assert.Equal(ModelKits.ToArray(applicantBatch.Weights), ModelKits.ToArray(ApplicantModel.Train(Applicants(small), options).Weights));
    }

    [Fact]
    public void ParallelTrainingGivesTheSameModelEveryTime()
    {
        Dataset data = TestData.Random(seed: 11, 40_000, 7);
        var rows = data.X.Select((x, i) => new Row7(x[0], x[1], x[2], x[3], x[4], x[5], x[6], data.Y[i] == 1f)).ToArray();
        var options = new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.5, Epochs = 50, Tolerance = 0, MaxDegreeOfParallelism = 2 };

        Row7Model first = Row7Model.Train(rows, options);
        Row7Model second = Row7Model.Train(rows, options);
        Row7Model single = Row7Model.Train(rows, new TrainingOptions { Solver = Solver.GradientDescent, LearningRate = 0.5, Epochs = 50, Tolerance = 0, MaxDegreeOfParallelism = 1 });

        for (int j = 0; j < Row7Model.FeatureCount; j++)
        {
            Assert.Equal(first.Weights[j], second.Weights[j]);
            Assert.Equal(single.Weights[j], first.Weights[j], 1e-5f);
        }

        Assert.Equal(first.Bias, second.Bias);
        Assert.Equal(first.TrainingReport!.CostHistory, second.TrainingReport!.CostHistory);
    }

    [Fact]
    public void MaxDegreeOfParallelismIsValidated()
    {
        // The analyzers report this at build time (LRG018); the test checks the run-time guard behind it.
#pragma warning disable LRG018
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { MaxDegreeOfParallelism = 0 }.Validate());
#pragma warning restore LRG018
        Assert.Equal(nameof(TrainingOptions.MaxDegreeOfParallelism), error.ParamName);
        new TrainingOptions { MaxDegreeOfParallelism = -1 }.Validate();
        new TrainingOptions { MaxDegreeOfParallelism = 3 }.Validate();
    }

    private static double Accumulate<TKernel>(FeatureMatrix data, int start, int end)
        where TKernel : ILogisticKernel =>
        TKernel.AccumulateGradients(data, new float[data.FeatureCount], 0f, start, end, new double[data.FeatureCount], out _);

    private static FeatureMatrix Matrix(Dataset data, int n)
    {
        float[] sampleMajor = data.X.SelectMany(row => row).ToArray();
        return FeatureMatrix.FromSampleMajor(sampleMajor, n, data.Y);
    }

    private static Kernel RuntimeKernelOn(SimdPath path) =>
        (FeatureMatrix data, ReadOnlySpan<float> w, float b, int start, int end, Span<double> dw, out double db) =>
            LogisticKernels.AccumulateGradients(data, w, b, start, end, dw, out db, path);

    private static Kernel KernelFor(int n, string path) => (n, path) switch
    {
        (1, "256") => Row1Kernels.AccumulateGradients256,
        (1, "128") => Row1Kernels.AccumulateGradients128,
        (4, "256") => Row4Kernels.AccumulateGradients256,
        (4, "128") => Row4Kernels.AccumulateGradients128,
        (7, "256") => Row7Kernels.AccumulateGradients256,
        (7, "128") => Row7Kernels.AccumulateGradients128,
        (9, "256") => Row9Kernels.AccumulateGradients256,
        (9, "128") => Row9Kernels.AccumulateGradients128,
        (16, "256") => Row16Kernels.AccumulateGradients256,
        (16, "128") => Row16Kernels.AccumulateGradients128,

        // Above 16 features the models train on the runtime's kernel (the feature loop at run time),
        // and so does every model on hardware without SIMD.
        (30 or 64, "256") => RuntimeKernelOn(SimdPath.Vector256),
        (30 or 64, "128") => RuntimeKernelOn(SimdPath.Vector128),
        (_, "Scalar") => RuntimeKernelOn(SimdPath.Scalar),
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}
