using System;

namespace LogRegGen.Optimization;

/// <summary>
/// Standardization, (x_j − μ_j)/s_j per feature: the statistics, the standardized copy gradient
/// descent's float kernel needs, and the fold from standardized parameters back to raw ones that the
/// objective applies on every evaluation and the trainer once at the end.
/// </summary>
internal static class FeatureScaling
{
    /// <summary>
    /// The scaling a <c>Train</c> uses: μ and s of every feature when <see cref="TrainingOptions.Standardize"/>
    /// is set (centred only with an intercept), else μ = 0 and s = 1.
    /// </summary>
    public static (float[] Means, float[] Scales) ForTraining(FeatureMatrix data, TrainingOptions options)
    {
        var means = new float[data.FeatureCount];
        var scales = new float[data.FeatureCount];
        if (options.Standardize)
        {
            Compute(data, means, scales, center: options.FitIntercept, options.MaxDegreeOfParallelism);
        }
        else
        {
            scales.AsSpan().Fill(1f);
        }

        return (means, scales);
    }

    /// <summary>
    /// Computes, per feature, the mean μ_j (0 when not <paramref name="center"/>ing, for a model without
    /// intercept) and the population standard deviation s_j (1 when it is 0), in double by one pass over X
    /// on up to <paramref name="threads"/> cores (shards combined in a fixed order): the sums of the
    /// deviations from a shift k_j and of their squares, μ = k + Σd/m and s² = Σd²/m − (Σd/m)², well
    /// conditioned because k_j is the mean of the first chunk's values. Rounded to the floats that the
    /// report exposes: training and folding back both use exactly these.
    /// </summary>
    public static void Compute(FeatureMatrix matrix, Span<float> means, Span<float> scales, bool center, int threads)
    {
        int n = matrix.FeatureCount, m = matrix.SampleCount;
        double[] shifts, sums;
        if (matrix.LayoutMoments is { } laid)
        {
            // Summed while the rows were laid out, shard by shard, exactly as below (X unchanged since).
            (shifts, sums) = laid;
        }
        else
        {
            shifts = Shifts(matrix);
            sums = new double[2 * n];
            ChunkScheduler.Sum(m, threads, (Matrix: matrix, Shifts: shifts), static (state, start, end, partial) => ShardMoments(state.Matrix, state.Shifts, start, end, partial), sums);
        }

        for (int j = 0; j < n; j++)
        {
            double meanDeviation = sums[j] / m;
            double exactMean = shifts[j] + meanDeviation;
            float scale = (float)Math.Sqrt(Math.Max(0d, (sums[n + j] / m) - (meanDeviation * meanDeviation)));

            // A constant feature (or a spread too small for a float) is only centred.
            means[j] = center ? (float)exactMean : 0f;
            scales[j] = scale == 0f ? 1f : scale;
        }
    }

    /// <summary>The shifts k_j of <see cref="Compute"/>: the mean of each feature's first chunk of values.</summary>
    internal static double[] Shifts(FeatureMatrix matrix)
    {
        int n = matrix.FeatureCount, m = matrix.SampleCount;
        var shifts = new double[n];
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<float> head = matrix.Row(j)[..Math.Min(m, ChunkScheduler.ChunkSize)];
            shifts[j] = head.IsEmpty ? 0d : FloatKernels.Sum(head) / head.Length;
        }

        return shifts;
    }

    /// <summary>
    /// The sums of <see cref="Compute"/> over the samples [start, end), one shard: Σ(x − k) of each feature in
    /// <paramref name="partial"/>[j] and Σ(x − k)² in [n + j].
    /// </summary>
    internal static void ShardMoments(FeatureMatrix matrix, double[] shifts, int start, int end, Span<double> partial)
    {
        using var lanes = new RentedMomentLanes(shifts.Length);
        int rest = AddMoments(matrix, shifts, start, end, lanes.Lanes);
        FinishMoments(matrix, shifts, rest, end, lanes.Lanes, partial);
    }

    /// <summary>
    /// One shard's running sums, one <see cref="FloatKernels.MomentLanes"/> per feature, cleared, from the shared
    /// pool and returned to it when disposed: for <see cref="ShardMoments"/>, and for a layout worker that carries
    /// them from run to run (<see cref="FeatureMatrix.FromRows{TRow}"/>).
    /// </summary>
    internal readonly ref struct RentedMomentLanes
    {
        private readonly FloatKernels.MomentLanes[] _rented;

        /// <summary>Rents and clears the sums of <paramref name="featureCount"/> features.</summary>
        /// <param name="featureCount">n.</param>
        public RentedMomentLanes(int featureCount)
        {
            _rented = System.Buffers.ArrayPool<FloatKernels.MomentLanes>.Shared.Rent(featureCount);
            Lanes = _rented.AsSpan(0, featureCount);
            Lanes.Clear();
        }

        /// <summary>The n running sums.</summary>
        public Span<FloatKernels.MomentLanes> Lanes { get; }

        /// <summary>Returns the sums to the pool.</summary>
        public void Dispose() => System.Buffers.ArrayPool<FloatKernels.MomentLanes>.Shared.Return(_rented);
    }

    /// <summary>
    /// Adds the samples [start, end) of every feature to a shard's running sums (<see cref="ShardMoments"/> in
    /// pieces, as <see cref="FeatureMatrix.FromRows{TRow}"/> lays a shard out): pieces added in order, each but
    /// the last a whole number of eight samples, then <see cref="FinishMoments"/> give the bits of one call, two
    /// feature rows at a time (the same sums as one at a time, more of them in flight).
    /// </summary>
    /// <returns>The first sample not added (the shard's last few, for <see cref="FinishMoments"/>).</returns>
    internal static int AddMoments(FeatureMatrix matrix, double[] shifts, int start, int end, Span<FloatKernels.MomentLanes> lanes)
    {
        int n = shifts.Length, done = end - start;
        int j = 0;
        for (; j + 1 < n; j += 2)
        {
            done = FloatKernels.AddShiftedMoments(matrix.Row(j)[start..end], shifts[j], ref lanes[j], matrix.Row(j + 1)[start..end], shifts[j + 1], ref lanes[j + 1]);
        }

        if (j < n)
        {
            done = FloatKernels.AddShiftedMoments(matrix.Row(j)[start..end], shifts[j], ref lanes[j]);
        }

        return start + done;
    }

    /// <summary>A shard's sums (<see cref="ShardMoments"/>) from its running sums and its samples [rest, end) not yet added.</summary>
    internal static void FinishMoments(FeatureMatrix matrix, double[] shifts, int rest, int end, ReadOnlySpan<FloatKernels.MomentLanes> lanes, Span<double> partial)
    {
        int n = shifts.Length;
        for (int j = 0; j < n; j++)
        {
            (partial[j], partial[n + j]) = FloatKernels.FinishShiftedMoments(matrix.Row(j)[rest..end], shifts[j], in lanes[j]);
        }
    }

    /// <summary>Replaces each feature x_j by (x_j − μ_j)/s_j in place.</summary>
    public static void Apply(FeatureMatrix matrix, ReadOnlySpan<float> means, ReadOnlySpan<float> scales)
    {
        for (int j = 0; j < matrix.FeatureCount; j++)
        {
            Span<float> row = matrix.Feature(j);
            float mean = means[j], scale = scales[j];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = (row[i] - mean) / scale;
            }
        }
    }

    /// <summary>
    /// The raw parameters that the standardized θ stands for: w_j = θ_j/s_j and
    /// b = θ_b − Σ w_j·μ_j (θ_b = 0 without an intercept), since w_j (x_j − μ_j)/s_j = (θ_j/s_j) x_j − θ_j μ_j/s_j.
    /// </summary>
    /// <param name="theta">θ = (θ_w, θ_b), the bias last when <paramref name="fitIntercept"/>.</param>
    /// <param name="fitIntercept">Whether θ ends with θ_b.</param>
    /// <param name="means">μ, n of them.</param>
    /// <param name="scales">s, n of them.</param>
    /// <param name="w">Receives the n raw weights.</param>
    /// <returns>The raw bias b.</returns>
    public static double ToRaw(ReadOnlySpan<double> theta, bool fitIntercept, ReadOnlySpan<double> means, ReadOnlySpan<double> scales, Span<double> w)
    {
        int n = w.Length;
        double b = fitIntercept ? theta[n] : 0d;
        for (int j = 0; j < n; j++)
        {
            w[j] = theta[j] / scales[j];
            b -= w[j] * means[j];
        }

        return b;
    }
}
