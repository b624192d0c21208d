using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LogRegGen.Benchmarks;

/// <summary>
/// Not BenchmarkDotNet (one run takes minutes and most of a disk): training on a feature file larger
/// than the memory the process may use. <c>benchmarks/out-of-core.sh</c> runs it inside a memory
/// cgroup. Writes m synthetic rows of 30 features to a feature file in one streaming pass, drops the
/// file from the page cache, measures the disk's sequential read rate on it, then times one gradient
/// pass and a whole <c>Train</c> (Newton, C = 1) on the mapped file, each from a cold cache.
/// </summary>
public static class OutOfCore
{
    /// <summary>Runs the measurement in <paramref name="directory"/> with <paramref name="samples"/> rows.</summary>
    public static void Run(string directory, int samples)
    {
        string path = Path.Combine(directory, "out-of-core.lrgx");
        int n = Sample30Model.FeatureCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feature file: {path}, m = {samples:N0}, n = {n}"));

        // One streaming pass: rows are made and written one at a time; no array of them exists. A file of
        // this many samples left by an earlier run (one that failed after writing it) is used again.
        var watch = Stopwatch.StartNew();
        if (File.Exists(path) && FeatureFile.Open(path).SampleCount == samples)
        {
            Console.WriteLine("reusing the file an earlier run wrote");
        }
        else
        {
            Write(path, n, samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written: {new FileInfo(path).Length / 1e9:F2} GB in {watch.Elapsed.TotalSeconds:F1} s (rows staged, then transposed)"));
        }

        long bytes = new FileInfo(path).Length;
        double bandwidth = ColdSequentialRead(path, bytes);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"disk, sequential read of the file from a cold cache: {bandwidth / 1e9:F2} GB/s"));

        Sample30Model.Batch batch = Sample30Model.Batch.Open(path);
        double xBytes = (double)n * batch.Matrix.Stride * sizeof(float);
        var model = new Sample30Model();

        DropFromCache(path);
        watch.Restart();
        Sample30Model.Gradients gradients = model.ComputeGradients(batch, maxDegreeOfParallelism: 1);
        double pass = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one gradient pass, cold: {pass:F2} s = {xBytes / pass / 1e9:F2} GB/s of X, {xBytes / pass / bandwidth:F2}× the disk's rate (J = {gradients.Cost:F6})"));

        DropFromCache(path);
        watch.Restart();
        Sample30Model trained = Sample30Model.Train(batch, new TrainingOptions { C = 1 });
        double train = watch.Elapsed.TotalSeconds;
        TrainingReport report = trained.TrainingReport!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Train (Newton, C = 1): {train:F1} s; {report}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phases: {report.Phases}"));
        if (report.Phases.GradientPassCount > 0)
        {
            // The gradient passes read all of X; the Hessian time of a warm-started Newton is its subsample's.
            double perPass = report.Phases.GradientPasses.TotalSeconds / report.Phases.GradientPassCount;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per gradient pass in Train: {perPass:F2} s = {xBytes / perPass / 1e9:F2} GB/s of X, {xBytes / perPass / bandwidth:F2}× the disk's rate"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB"));
        File.Delete(path);
    }

    /// <summary>Writes <paramref name="samples"/> synthetic rows of <paramref name="n"/> features to a feature file in one streaming pass.</summary>
    private static void Write(string path, int n, int samples)
    {
        var random = new Random(14);
        Span<float> w = stackalloc float[30];
        for (int j = 0; j < n; j++)
        {
            w[j] = (float)(random.NextDouble() - 0.5);
        }

        Span<float> row = stackalloc float[30];
        using (var file = new FeatureFileWriter(path, n))
        {
            for (int i = 0; i < samples; i++)
            {
                double z = 0;
                for (int j = 0; j < n; j++)
                {
                    row[j] = (float)(random.NextDouble() * 2 - 1) * (1 + j % 3);
                    z += w[j] * row[j];
                }

                // The label drawn from the logistic model with weights w.
                row.CopyTo(file.Add(random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f));
            }

            file.Complete();
        }
    }

    /// <summary>Reads the whole file once after dropping it from the page cache; bytes per second.</summary>
    private static double ColdSequentialRead(string path, long bytes)
    {
        DropFromCache(path);
        byte[] buffer = new byte[1 << 22];
        var watch = Stopwatch.StartNew();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            while (stream.Read(buffer) > 0)
            {
            }
        }

        return bytes / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Asks the kernel to forget the file's cached pages (posix_fadvise POSIX_FADV_DONTNEED), so the next read comes from disk.</summary>
    private static void DropFromCache(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        int result = PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, 4);
        if (result != 0)
        {
            Console.WriteLine($"posix_fadvise failed ({result}); the next read may come from the cache");
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int descriptor, long offset, long length, int advice);
}
