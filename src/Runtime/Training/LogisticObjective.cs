using System;
using System.Diagnostics;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>
/// The one training objective, F(θ) = Σᵢ sᵢ·L(zᵢ, yᵢ) + (λ/2)‖w‖² (see <see cref="ILogisticObjective"/>),
/// evaluated on a model's generated kernels: the double-precision forward pass
/// (<see cref="ILogisticKernel.PreciseLogits"/>, through <see cref="DoubleKernels"/>) for the value,
/// gradient, Hessian and mini-batch estimates, or, when <see cref="Precision"/> is
/// <see cref="ObjectivePrecision.Single"/> and every sample weighs 1, the fused single-precision pass
/// (<see cref="ILogisticKernel.AccumulateGradients"/>) for the value and gradient. Whole-data passes
/// run on every allowed core through <see cref="ChunkScheduler"/>, deterministically.
/// </summary>
/// <typeparam name="TKernel">The model's kernel (a generated model type, or <see cref="RuntimeKernel"/>).</typeparam>
internal sealed class LogisticObjective<TKernel> : ILogisticObjective, IPassTimings, ISubsampledObjective
    where TKernel : ILogisticKernel
{
    private readonly FeatureMatrix _data;
    private readonly double[] _sampleWeights;
    private readonly int _threads;
    private readonly double[] _w;
    private readonly double[] _sums;
    private readonly float[] _wSingle;
    private readonly double[] _theta;
    private readonly double[]? _means;
    private readonly double[]? _scales;
    private double _bias;
    private int[]? _order;
    private double[]? _fused;
    private long _gradientTicks, _hessianTicks;
    private readonly int _every = 1;

    /// <summary>
    /// Shards per range of a pass (<see cref="ChunkScheduler.Sum"/>): 1, or for a subsample of one in 8 or more,
    /// enough for <see cref="MinimumRangeSamples"/> summed samples (2 shards at one in 8, 4 at one in 16, 16 at
    /// one in 64), as a range costs a few microseconds (the range's slice of d² sums, its Hessian accumulator)
    /// whatever it sums: a sixty-fourth of a shard, alone, cost twice its samples' work at n = 64.
    /// </summary>
    private readonly int _shardsPerRange = 1;

    /// <summary>The fewest samples a subsampled pass sums per range (<see cref="_shardsPerRange"/>).</summary>
    private const int MinimumRangeSamples = 4_096;
    private readonly double _sampleScale = 1d;
    private readonly LogisticObjective<TKernel>? _parent;

    /// <summary>Creates the objective; the data, weights and classes are already validated by the caller.</summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="sampleWeights">One weight per sample (class weights multiplied in), or null for all 1.</param>
    /// <param name="totalWeight">S = Σᵢ sᵢ (m when <paramref name="sampleWeights"/> is null).</param>
    /// <param name="l2Strength">λ ≥ 0 on the sum scale (<see cref="L2Penalty"/>).</param>
    /// <param name="fitIntercept">Whether θ ends with the bias b.</param>
    /// <param name="threads">The most threads per whole-data pass (-1: one per processor).</param>
    /// <param name="precision">The arithmetic of <see cref="ValueAndGradient"/>.</param>
    /// <param name="means">With <paramref name="scales"/>: θ's weights are for the standardized features
    /// (xⱼ − μⱼ)/sⱼ while X holds the raw ones, so no standardized copy of X is needed; null for none.</param>
    /// <param name="scales">The sⱼ (positive), or null.</param>
    public LogisticObjective(FeatureMatrix data, double[]? sampleWeights, double totalWeight, double l2Strength, bool fitIntercept, int threads = -1, ObjectivePrecision precision = ObjectivePrecision.Double, double[]? means = null, double[]? scales = null)
    {
        _means = means;
        _scales = scales;
        _data = data;
        _sampleWeights = sampleWeights ?? Array.Empty<double>();
        _threads = threads;
        TotalWeight = totalWeight;
        L2Strength = l2Strength;
        FitIntercept = fitIntercept;
        FeatureCount = data.FeatureCount;
        Dimension = FeatureCount + (fitIntercept ? 1 : 0);
        Precision = sampleWeights is null ? precision : ObjectivePrecision.Double;
        _w = new double[FeatureCount];
        _sums = new double[FeatureCount + 2];
        _wSingle = new float[FeatureCount];
        _theta = new double[FeatureCount];
    }

    /// <summary>The subsampled copy of <paramref name="parent"/> (see <see cref="Subsampled"/>).</summary>
    private LogisticObjective(LogisticObjective<TKernel> parent, int every)
        : this(parent._data, parent._sampleWeights.Length == 0 ? null : parent._sampleWeights, parent.TotalWeight, parent.L2Strength, parent.FitIntercept, parent._threads, parent.Precision, parent._means, parent._scales)
    {
        _every = every;
        _parent = parent;
        _shardsPerRange = Math.Max(1, every * MinimumRangeSamples / ChunkScheduler.ShardSize);
        _sampleScale = SubsampleScale(SampleCount, every);
    }

    /// <summary>m / (the samples a subsample of one in <paramref name="every"/> uses), which scales its sums to all m.</summary>
    private static double SubsampleScale(int m, int every)
    {
        int used = 0;
        for (int start = 0; start < m; start += ChunkScheduler.ShardSize)
        {
            (int first, int end) = ChunkScheduler.Subsample(start, Math.Min(m, start + ChunkScheduler.ShardSize), every);
            used += end - first;
        }

        return (double)m / used;
    }

    /// <summary>n.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleCount => _data.SampleCount;

    /// <inheritdoc />
    public double TotalWeight { get; }

    /// <summary>The whole-data passes that computed the value and gradient so far (mini-batches not counted).</summary>
    public int GradientPasses { get; private set; }

    /// <summary>Their total wall-clock time.</summary>
    public TimeSpan GradientPassTime => Stopwatch.GetElapsedTime(0, _gradientTicks);

    /// <summary>The passes that computed the Hessian so far, alone or with the gradient.</summary>
    public int HessianPasses { get; private set; }

    /// <summary>Their total wall-clock time.</summary>
    public TimeSpan HessianPassTime => Stopwatch.GetElapsedTime(0, _hessianTicks);

    /// <summary>λ on the sum scale.</summary>
    public double L2Strength { get; }

    /// <summary>Whether θ ends with b.</summary>
    public bool FitIntercept { get; }

    /// <summary>
    /// The arithmetic of <see cref="ValueAndGradient"/>: <see cref="ObjectivePrecision.Single"/> only
    /// when asked for and every sample weighs 1 (the fused float kernel has no sample weights).
    /// </summary>
    public ObjectivePrecision Precision { get; }

    /// <inheritdoc />
    public bool IsSubsample => _every != 1;

    /// <inheritdoc />
    public ILogisticObjective Subsampled(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        return new LogisticObjective<TKernel>(this, every);
    }

    /// <summary>Scales a pass's data sums by m / (samples used), when subsampled.</summary>
    private void ScaleSums(Span<double> sums)
    {
        if (_every != 1)
        {
            for (int k = 0; k < sums.Length; k++)
            {
                sums[k] *= _sampleScale;
            }
        }
    }

    /// <summary>Adds a pass's time to the counters (a subsampled objective's to its parent's, uncounted).</summary>
    private void AddTime(long started, bool hessian)
    {
        long ticks = Stopwatch.GetTimestamp() - started;
        LogisticObjective<TKernel> owner = _parent ?? this;
        if (hessian)
        {
            owner._hessianTicks += ticks;
            HessianPasses++;
        }
        else
        {
            owner._gradientTicks += ticks;
            GradientPasses++;
        }
    }

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        long started = Stopwatch.GetTimestamp();
        Split(theta);
        int n = FeatureCount;
        double loss, db;
        if (Precision == ObjectivePrecision.Single)
        {
            for (int j = 0; j < n; j++)
            {
                _wSingle[j] = (float)_w[j];
            }

            loss = LogisticKernels.GradientSums<TKernel>(_data, _wSingle, (float)_bias, _sums.AsSpan(0, n), out db, _threads);
        }
        else
        {
            ChunkScheduler.Sum(SampleCount, _threads, this, static (self, start, end, sum) => self.GradientSums(start, end, sum, self._every), _sums, _shardsPerRange);
            ScaleSums(_sums);
            loss = _sums[n + 1];
            db = _sums[n];
        }

        double value = Penalize(loss, db, gradient);
        AddTime(started, hessian: false);
        return value;
    }

    /// <inheritdoc />
    public double BatchValueAndGradient(ReadOnlySpan<double> theta, int start, int end, Span<double> gradient)
    {
        if (!(0 <= start && start < end && end <= SampleCount))
        {
            throw new ArgumentOutOfRangeException(
                nameof(end),
                string.Create(CultureInfo.InvariantCulture, $"Expected 0 <= start < end <= {SampleCount} but got start {start}, end {end}."));
        }

        Split(theta);
        int n = FeatureCount;
        Span<double> sums = _sums;
        sums.Clear();
        GradientSums(start, end, sums);

        // The batch stands for all m samples: scale its sums by m / |B|.
        double scale = (double)SampleCount / (end - start);
        for (int j = 0; j < sums.Length; j++)
        {
            sums[j] *= scale;
        }

        return Penalize(sums[n + 1], sums[n], gradient);
    }

    /// <inheritdoc />
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        long started = Stopwatch.GetTimestamp();
        Split(theta);
        ChunkScheduler.Sum(
            SampleCount,
            _threads,
            this,
            static (self, start, end, partial) =>
                DoubleKernels.Accumulate<TKernel>(self._data, self._w, self._bias, self._sampleWeights, start, end, PassOutputs.Hessian, default, out _, partial, self.FitIntercept, self._every),
            hessian,
            _shardsPerRange);
        ScaleSums(hessian);
        FinishHessian(hessian);
        AddTime(started, hessian: true);
    }

    /// <summary>Completes the summed lower triangle: mirrors it, moves it to the standardized weights, adds λ on the diagonal.</summary>
    private void FinishHessian(Span<double> hessian)
    {
        DoubleKernels.Mirror(hessian, FeatureCount, FitIntercept);
        if (_scales is not null)
        {
            ToStandardized(hessian);
        }

        for (int j = 0; j < FeatureCount; j++)
        {
            hessian[(j * Dimension) + j] += L2Strength;
        }
    }

    /// <inheritdoc />
    public double ValueGradientAndHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian) =>
        GradientAndHessianPass(theta, gradient, hessian, hessianEvery: 1);

    /// <inheritdoc />
    public double ValueGradientAndSubsampledHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        if (IsSubsample)
        {
            throw new InvalidOperationException("A subsampled objective has no subsample of its own.");
        }

        return GradientAndHessianPass(theta, gradient, hessian, every);
    }

    /// <summary>
    /// F and ∇F at θ, and in the same pass the Hessian: of the same samples (<paramref name="hessianEvery"/> 1), or of
    /// the subsample of one in <paramref name="hessianEvery"/>, scaled as that subsample's own pass scales it.
    /// </summary>
    private double GradientAndHessianPass(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, int hessianEvery)
    {
        long started = Stopwatch.GetTimestamp();
        Split(theta);
        int n = FeatureCount, d = Dimension;

        // One range's sums: dw (n), Σ r, Σ L, then the d × d Hessian.
        double[] sums = _fused ??= new double[n + 2 + (d * d)];
        ChunkScheduler.Sum(
            SampleCount,
            _threads,
            (Self: this, HessianEvery: hessianEvery),
            static (state, start, end, partial) =>
            {
                LogisticObjective<TKernel> self = state.Self;
                int n = self.FeatureCount;
                partial[n + 1] = DoubleKernels.Accumulate<TKernel>(
                    self._data, self._w, self._bias, self._sampleWeights, start, end, PassOutputs.Gradient | PassOutputs.Hessian, partial[..n], out partial[n], partial[(n + 2)..], self.FitIntercept, self._every, state.HessianEvery);
            },
            sums,
            _shardsPerRange);
        ScaleSums(sums);
        sums.AsSpan(0, n).CopyTo(_sums);
        double value = Penalize(sums[n + 1], sums[n], gradient);
        sums.AsSpan(n + 2, d * d).CopyTo(hessian);
        if (hessianEvery != 1)
        {
            double scale = SubsampleScale(SampleCount, hessianEvery);
            for (int k = 0; k < d * d; k++)
            {
                hessian[k] *= scale;
            }
        }

        FinishHessian(hessian);
        AddTime(started, hessian: true);
        return value;
    }

    /// <inheritdoc />
    public ILogisticObjective Shuffled(Random random, ILogisticObjective? reuse)
    {
        int m = SampleCount, n = FeatureCount;
        LogisticObjective<TKernel> target = reuse is LogisticObjective<TKernel> previous && previous != this && previous._data != _data && previous.SampleCount == m && previous.FeatureCount == n
            ? previous
            : new LogisticObjective<TKernel>(new FeatureMatrix(n, m), _sampleWeights.Length == 0 ? null : new double[m], TotalWeight, L2Strength, FitIntercept, _threads, Precision, _means, _scales);
        int[] order = target._order ??= new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        _data.CopyPermuted(order, target._data);
        if (_sampleWeights.Length != 0)
        {
            for (int i = 0; i < m; i++)
            {
                target._sampleWeights[i] = _sampleWeights[order[i]];
            }
        }

        return target;
    }

    /// <summary>Adds the samples [start, end) (with <paramref name="every"/> above 1, their shards' subsamples) to <paramref name="sums"/>: Σ sᵢ(pᵢ − yᵢ)xᵢ (n), Σ sᵢ(pᵢ − yᵢ), Σ sᵢLᵢ.</summary>
    private void GradientSums(int start, int end, Span<double> sums, int every = 1)
    {
        int n = FeatureCount;
        sums[n + 1] += DoubleKernels.Accumulate<TKernel>(_data, _w, _bias, _sampleWeights, start, end, PassOutputs.Gradient, sums[..n], out double db, default, FitIntercept, every);
        sums[n] += db;
    }

    /// <summary>
    /// Adds the penalty to the loss sums and writes ∇F = (Σ rᵢxᵢ + λw, Σ rᵢ); with standardization,
    /// ∂F/∂θⱼ = (Σ rᵢxᵢⱼ − μⱼ·Σ rᵢ)/sⱼ + λθⱼ by the chain rule through wⱼ = θⱼ/sⱼ and b = θ_b − Σ wⱼμⱼ.
    /// </summary>
    private double Penalize(double loss, double db, Span<double> gradient)
    {
        double penalty = 0d;
        for (int j = 0; j < FeatureCount; j++)
        {
            double raw = _scales is null ? _sums[j] : (_sums[j] - (_means![j] * db)) / _scales[j];
            gradient[j] = raw + (L2Strength * _theta[j]);
            penalty += _theta[j] * _theta[j];
        }

        if (FitIntercept)
        {
            gradient[FeatureCount] = db;
        }

        return loss + (0.5d * L2Strength * penalty);
    }

    /// <summary>
    /// Turns the Hessian in the raw weights (w, b) into the Hessian in the standardized ones:
    /// H'ⱼₖ = (Hⱼₖ − μⱼH_kb − μₖH_jb + μⱼμₖH_bb)/(sⱼsₖ), H'ⱼb = (H_jb − μⱼH_bb)/sⱼ, H'bb = H_bb
    /// (without an intercept the means are 0 and only the scaling remains).
    /// </summary>
    private void ToStandardized(Span<double> hessian)
    {
        int n = FeatureCount, d = Dimension;
        double[] mu = _means!, sd = _scales!;
        if (FitIntercept)
        {
            double hbb = hessian[(n * d) + n];
            for (int j = 0; j < n; j++)
            {
                double hjb = hessian[(j * d) + n];
                for (int k = 0; k <= j; k++)
                {
                    double hkb = hessian[(k * d) + n];
                    double value = (hessian[(j * d) + k] - (mu[j] * hkb) - (mu[k] * hjb) + (mu[j] * mu[k] * hbb)) / (sd[j] * sd[k]);
                    hessian[(j * d) + k] = value;
                    hessian[(k * d) + j] = value;
                }
            }

            for (int j = 0; j < n; j++)
            {
                double value = (hessian[(j * d) + n] - (mu[j] * hbb)) / sd[j];
                hessian[(j * d) + n] = value;
                hessian[(n * d) + j] = value;
            }
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    hessian[(j * d) + k] /= sd[j] * sd[k];
                }
            }
        }
    }

    /// <summary>
    /// Copies θ and the raw parameters it stands for out of θ: w and b (0 without an intercept), with
    /// the standardization folded in (wⱼ = θⱼ/sⱼ, b = θ_b − Σ wⱼμⱼ) when there is one.
    /// </summary>
    private void Split(ReadOnlySpan<double> theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {Dimension} parameters but got {theta.Length}."), nameof(theta));
        }

        theta[..FeatureCount].CopyTo(_theta);
        if (_scales is null)
        {
            theta[..FeatureCount].CopyTo(_w);
            _bias = FitIntercept ? theta[FeatureCount] : 0d;
            return;
        }

        _bias = FeatureScaling.ToRaw(theta, FitIntercept, _means, _scales, _w);
    }
}

/// <summary>The arithmetic of an objective's whole-data value and gradient.</summary>
internal enum ObjectivePrecision
{
    /// <summary>Logits, σ and the loss in double (X read as float and widened exactly): what the exact solvers need.</summary>
    Double,

    /// <summary>The fused float kernel with sums in double: the notes' gradient descent, twice the SIMD width.</summary>
    Single,
}
