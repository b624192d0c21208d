using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LogRegGen;

/// <summary>
/// Whole-data-set kernels over a feature-major <see cref="FeatureMatrix"/>: the logits
/// <c>Z = wᵀX + b</c>, the probabilities <c>A = σ(Z)</c>, the cost J, and the fused forward and
/// backward pass of the notes (<c>dZ = A − Y</c>, <c>dw = X·dZᵀ/m</c>, <c>db = mean(dZ)</c>).
/// </summary>
/// <remarks>
/// <para>
/// Samples are processed in chunks of 512. For each chunk the logits are computed with
/// <see cref="System.Runtime.Intrinsics.Vector256{T}"/> (or <see cref="System.Runtime.Intrinsics.Vector128{T}"/>)
/// fused multiply-adds, four sample vectors in flight, into a 2 KiB stack buffer; the residuals
/// and the losses are then computed in that buffer, and finally each feature's row of the chunk
/// (still in cache) is dotted with the residuals. Per-chunk sums are added into double totals, so
/// the results stay accurate for millions of samples, and the summation order is fixed, so the
/// results are deterministic. The kernels allocate nothing.
/// </para>
/// <para>
/// Elements that do not fill a vector are finished by a scalar tail that performs the same
/// operations as a vector lane.
/// </para>
/// </remarks>
public static class LogisticKernels
{
    /// <summary>Computes the logits <c>z = wᵀX + b</c>, one per sample.</summary>
    /// <param name="data">X (n, m).</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="z">The destination, m of them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Logits(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<float> z) =>
        Logits(data, w, b, z, SimdPaths.Best);

    /// <summary>Computes the probabilities <c>a = σ(wᵀX + b)</c>, one per sample.</summary>
    /// <param name="data">X (n, m).</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="a">The destination, m of them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Probabilities(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<float> a) =>
        Probabilities(data, w, b, a, SimdPaths.Best);

    /// <summary>
    /// Computes the cost <c>J = (1/m) Σ L(aᵢ, yᵢ)</c>, the mean cross-entropy, from logits computed
    /// in double precision and the stable form of the loss (<see cref="LogisticMath.Loss"/>).
    /// </summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <returns>J, in double precision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> does not have n elements.</exception>
    public static double Cost(FeatureMatrix data, ReadOnlySpan<float> w, float b) =>
        Cost<RuntimeKernel>(data, w, b);

    /// <summary>
    /// The cost J = (1/m) Σ L(zᵢ, yᵢ) with a model's own kernel: its double-precision forward pass
    /// gives each zᵢ and the loss is evaluated in double from z (see <see cref="LogisticMath.Loss"/>).
    /// </summary>
    /// <typeparam name="TKernel">The kernel, usually a generated model type.</typeparam>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) for one per processor.</param>
    /// <returns>J at (w, b).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> does not have n elements.</exception>
    public static double Cost<TKernel>(FeatureMatrix data, ReadOnlySpan<float> w, float b, int maxDegreeOfParallelism = -1)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        ShapeGuard.FeatureCount(w, data.FeatureCount);
        var wd = new double[w.Length];
        for (int j = 0; j < w.Length; j++)
        {
            wd[j] = w[j];
        }

        Span<double> total = stackalloc double[1];
        ChunkScheduler.Sum(
            data.SampleCount,
            maxDegreeOfParallelism,
            (Data: data, W: wd, B: (double)b),
            static (state, start, end, sum) => sum[0] = DoubleKernels.Accumulate<TKernel>(state.Data, state.W, state.B, default, start, end, PassOutputs.Loss, default, out _, default, fitIntercept: true),
            total);
        return total[0] / data.SampleCount;
    }

    /// <summary>
    /// The fused forward and backward pass: computes <c>dZ = σ(wᵀX + b) − Y</c> chunk by chunk, and
    /// from it <c>dw = X·dZᵀ/m</c> and <c>db = (1/m) Σ dZ</c>, reading X once.
    /// </summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="dw">Receives ∂J/∂w, n of them (overwritten).</param>
    /// <param name="db">Receives ∂J/∂b.</param>
    /// <returns>The cost J at (w, b).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> or <paramref name="dw"/> does not have n elements.</exception>
    public static double Gradients(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<double> dw, out double db) =>
        Gradients<RuntimeKernel>(data, w, b, dw, out db, maxDegreeOfParallelism: 1);

    /// <summary><see cref="Logits(FeatureMatrix, ReadOnlySpan{float}, float, Span{float})"/> on a chosen path.</summary>
    internal static void Logits(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<float> z, SimdPath path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ShapeGuard.FeatureCount(w, data.FeatureCount);
        ShapeGuard.SameLength(data.SampleCount, z.Length, nameof(z));
        FloatKernels.Logits(data, ref MemoryMarshal.GetReference(w), b, 0, data.SampleCount, ref MemoryMarshal.GetReference(z), path);
    }

    /// <summary><see cref="Probabilities(FeatureMatrix, ReadOnlySpan{float}, float, Span{float})"/> on a chosen path.</summary>
    internal static void Probabilities(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<float> a, SimdPath path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ShapeGuard.FeatureCount(w, data.FeatureCount);
        ShapeGuard.SameLength(data.SampleCount, a.Length, nameof(a));
        ref float wRef = ref MemoryMarshal.GetReference(w);
        ref float aRef = ref MemoryMarshal.GetReference(a);
        int m = data.SampleCount;
        for (int start = 0; start < m; start += ChunkScheduler.ChunkSize)
        {
            // The chunk's logits are still in L1 when the sigmoid overwrites them.
            int count = Math.Min(ChunkScheduler.ChunkSize, m - start);
            ref float chunk = ref Unsafe.Add(ref aRef, start);
            FloatKernels.Logits(data, ref wRef, b, start, count, ref chunk, path);
            FloatKernels.Sigmoid(ref chunk, ref chunk, count, path);
        }
    }

    /// <summary>
    /// The fused forward and backward pass with a model's specialised kernel, split over up to
    /// <paramref name="maxDegreeOfParallelism"/> threads: each thread accumulates its own contiguous
    /// range of chunks, and the partial sums are combined in range order, so the result depends only
    /// on the data, the parameters and the number of threads used.
    /// </summary>
    /// <typeparam name="TKernel">The kernel, usually a generated model type.</typeparam>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The weights, n of them.</param>
    /// <param name="b">The bias.</param>
    /// <param name="dw">Receives ∂J/∂w, n of them (overwritten).</param>
    /// <param name="db">Receives ∂J/∂b.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) for one per processor. Small data sets use fewer.</param>
    /// <returns>The cost J at (w, b).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> or <paramref name="dw"/> does not have n elements.</exception>
    public static double Gradients<TKernel>(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<double> dw, out double db, int maxDegreeOfParallelism = -1)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        double loss = GradientSums<TKernel>(data, w, b, dw, out db, maxDegreeOfParallelism);
        return ToMeans(data.SampleCount, loss, dw, ref db);
    }

    /// <summary>
    /// The sums behind <see cref="Gradients{TKernel}"/>: Σ dzᵢ·xᵢ into <paramref name="dw"/>
    /// (overwritten), Σ dzᵢ in <paramref name="db"/>, and Σ Lᵢ returned; the objective uses them as they are.
    /// </summary>
    internal static double GradientSums<TKernel>(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<double> dw, out double db, int maxDegreeOfParallelism)
        where TKernel : ILogisticKernel
    {
        // An empty range makes the kernel check the shapes against its own n, on this thread,
        // before any worker starts.
        TKernel.AccumulateGradients(data, w, b, 0, 0, dw, out _);
        dw.Clear();
        if (data.SampleCount <= ChunkScheduler.ShardSize)
        {
            // One shard sums straight into dw: nothing to allocate, nothing to combine.
            return TKernel.AccumulateGradients(data, w, b, 0, data.SampleCount, dw, out db);
        }

        // One shard's sums: dw (n), then Σ dz, then Σ L. Pooled, as the scheduler's partials are, so an
        // epoch allocates nothing once the pools are warm.
        int n = data.FeatureCount;
        double[] sums = ArrayPool<double>.Shared.Rent(n + 2);
        float[] weights = ArrayPool<float>.Shared.Rent(n);
        try
        {
            w.CopyTo(weights);
            ChunkScheduler.Sum(
                data.SampleCount,
                maxDegreeOfParallelism,
                (Data: data, W: weights, B: b),
                static (state, start, end, sum) =>
                {
                    int n = state.Data.FeatureCount;
                    sum[n + 1] = TKernel.AccumulateGradients(state.Data, state.W.AsSpan(0, n), state.B, start, end, sum[..n], out sum[n]);
                },
                sums.AsSpan(0, n + 2));
            sums.AsSpan(0, n).CopyTo(dw);
            db = sums[n];
            return sums[n + 1];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(weights);
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <summary>Turns the sums of a pass over m samples into the notes' means: dw/m and db/m in place, and returns J = Σ L/m.</summary>
    private static double ToMeans(int sampleCount, double lossSum, Span<double> dw, ref double db)
    {
        double inverseM = 1d / sampleCount;
        for (int j = 0; j < dw.Length; j++)
        {
            dw[j] *= inverseM;
        }

        db *= inverseM;
        return lossSum * inverseM;
    }

    /// <summary><see cref="Gradients(FeatureMatrix, ReadOnlySpan{float}, float, Span{double}, out double)"/> on a chosen path, on one thread.</summary>
    internal static double Gradients(FeatureMatrix data, ReadOnlySpan<float> w, float b, Span<double> dw, out double db, SimdPath path)
    {
        ArgumentNullException.ThrowIfNull(data);
        KernelSupport.CheckKernelArguments(data, data.FeatureCount, w, dw, 0, data.SampleCount);
        dw.Clear();
        double cost = AccumulateGradients(data, w, b, 0, data.SampleCount, dw, out db, path);
        return ToMeans(data.SampleCount, cost, dw, ref db);
    }

    /// <summary>
    /// The kernel for any feature count, with the feature loop at run time: what
    /// <see cref="ILogisticKernel"/> does for a <see cref="FeatureMatrix"/> without a generated model.
    /// </summary>
    [SkipLocalsInit]
    internal static double AccumulateGradients(FeatureMatrix data, ReadOnlySpan<float> w, float b, int start, int end, Span<double> dw, out double db, SimdPath path)
    {
        int n = data.FeatureCount;
        Span<float> buffer = stackalloc float[ChunkScheduler.ChunkSize];
        ref float dz = ref MemoryMarshal.GetReference(buffer);
        ref float wRef = ref MemoryMarshal.GetReference(w);
        ref float y = ref MemoryMarshal.GetReference(data.Labels);
        ref float x = ref data.Origin;
        nint stride = data.Stride;

        double cost = 0d, dbSum = 0d;
        for (int chunk = start; chunk < end; chunk += ChunkScheduler.ChunkSize)
        {
            int count = Math.Min(ChunkScheduler.ChunkSize, end - chunk);

            // Pass A: logits, then residuals dz = a − y and losses, in the L1-resident buffer.
            FloatKernels.Logits(data, ref wRef, b, chunk, count, ref dz, path);
            (double loss, double residual) = FloatKernels.Residuals(ref dz, ref Unsafe.Add(ref y, chunk), count, path);
            cost += loss;
            dbSum += residual;

            // Pass B: dw_j += X[j, chunk] · dz, while the chunk of X is still in cache (the generated
            // kernels' backward pass: four feature rows share each load of dz).
            FloatKernels.Backward(ref Unsafe.Add(ref x, chunk), stride, n, ref dz, count, dw, path);
        }

        db = dbSum;
        return cost;
    }
}

/// <summary>
/// The runtime's own <see cref="ILogisticKernel"/>, for a <see cref="FeatureMatrix"/> of any feature
/// count (the feature loop runs at run time rather than being unrolled).
/// </summary>
public sealed class RuntimeKernel : ILogisticKernel
{
    private RuntimeKernel()
    {
    }

    /// <inheritdoc />
    public static double AccumulateGradients(FeatureMatrix data, ReadOnlySpan<float> w, float b, int start, int end, Span<double> dw, out double db)
    {
        KernelSupport.CheckKernelArguments(data, data.FeatureCount, w, dw, start, end);
        return LogisticKernels.AccumulateGradients(data, w, b, start, end, dw, out db, SimdPaths.Best);
    }

    /// <inheritdoc />
    public static void PreciseLogits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> logits)
    {
        KernelSupport.CheckPreciseArguments(data, data.FeatureCount, w, start, logits);
        DoubleKernels.Logits(data, w, b, start, logits);
    }
}
