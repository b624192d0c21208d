using System;
using System.Buffers;
using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace LogRegGen.Optimization;

/// <summary>
/// The multinomial (softmax) training objective with K classes, in scikit-learn's symmetric
/// parameterisation: F(θ) = Σᵢ sᵢ·Lᵢ + (λ/2)‖W‖², with zᵢ = W x⁽ⁱ⁾ + b (K logits), aᵢ = softmax(zᵢ)
/// and Lᵢ = log Σₖ e^{zᵢₖ} − zᵢ,yᵢ (computed as a log-sum-exp, so no logit overflows). The
/// intercepts are not penalized.
/// </summary>
/// <remarks>
/// θ holds one block per class, [Wₖ₀, …, Wₖ,ₙ₋₁, bₖ] (bₖ absent without an intercept), so the
/// dimension is K·(n + 1). The loss does not change when the same constant is added to every bₖ
/// (nor, without a penalty, the same vector to every Wₖ): the Hessian is singular along those
/// directions, and the gradient is orthogonal to them. <see cref="Hessian"/> adds curvature along
/// exactly those directions, which leaves Newton's step unchanged elsewhere and zero along them, so
/// the intercepts stay centred (Σₖ bₖ = 0) when they start at 0.
/// With standardization the weights are for (xⱼ − μⱼ)/sⱼ while X holds the raw values; every pass
/// folds the scaling in, as <see cref="LogisticObjective{TKernel}"/> does. The labels of the
/// matrix are class indices 0 … K − 1. Passes run in double on up to the allowed threads through
/// <see cref="ChunkScheduler"/>, deterministically.
/// </remarks>
internal sealed class MultinomialObjective : ILogisticObjective, IPassTimings
{
    private readonly FeatureMatrix _data;
    private readonly double[] _sampleWeights;
    private readonly int _threads;
    private readonly double[]? _means;
    private readonly double[]? _scales;
    private readonly double[] _wRaw;
    private readonly double[] _bRaw;
    private readonly double[] _sums;
    private long _gradientTicks, _hessianTicks;

    /// <summary>Creates the objective; the data (labels 0 … K − 1), weights and classes are already validated.</summary>
    public MultinomialObjective(FeatureMatrix data, int classCount, double[]? sampleWeights, double totalWeight, double l2Strength, bool fitIntercept, int threads = -1, double[]? means = null, double[]? scales = null)
    {
        _data = data;
        ClassCount = classCount;
        FeatureCount = data.FeatureCount;
        _sampleWeights = sampleWeights ?? Array.Empty<double>();
        TotalWeight = totalWeight;
        L2Strength = l2Strength;
        FitIntercept = fitIntercept;
        _threads = threads;
        _means = means;
        _scales = scales;
        BlockSize = FeatureCount + (fitIntercept ? 1 : 0);
        Dimension = classCount * BlockSize;
        _wRaw = new double[classCount * FeatureCount];
        _bRaw = new double[classCount];
        _sums = new double[1 + (classCount * (FeatureCount + 1))];
    }

    /// <summary>K.</summary>
    public int ClassCount { get; }

    /// <summary>n.</summary>
    public int FeatureCount { get; }

    /// <summary>The parameters per class: n, plus 1 with an intercept.</summary>
    public int BlockSize { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleCount => _data.SampleCount;

    /// <inheritdoc />
    public double TotalWeight { get; }

    /// <summary>λ on the sum scale.</summary>
    public double L2Strength { get; }

    /// <summary>Whether each block ends with the class's intercept.</summary>
    public bool FitIntercept { get; }

    /// <summary>The whole-data value-and-gradient passes so far.</summary>
    public int GradientPasses { get; private set; }

    /// <summary>Their total wall-clock time.</summary>
    public TimeSpan GradientPassTime => Stopwatch.GetElapsedTime(0, _gradientTicks);

    /// <summary>The whole-data Hessian passes so far.</summary>
    public int HessianPasses { get; private set; }

    /// <summary>Their total wall-clock time.</summary>
    public TimeSpan HessianPassTime => Stopwatch.GetElapsedTime(0, _hessianTicks);

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        long started = Stopwatch.GetTimestamp();
        SetRaw(theta);
        ChunkScheduler.Sum(SampleCount, _threads, this, static (self, start, end, partial) => self.GradientSums(start, end, partial), _sums);
        double value = FinishGradient(theta, _sums, gradient, scale: 1d);
        GradientPasses++;
        _gradientTicks += Stopwatch.GetTimestamp() - started;
        return value;
    }

    /// <inheritdoc />
    public double BatchValueAndGradient(ReadOnlySpan<double> theta, int start, int end, Span<double> gradient)
    {
        SetRaw(theta);
        Array.Clear(_sums);
        GradientSums(start, end, _sums);
        return FinishGradient(theta, _sums, gradient, scale: (double)SampleCount / (end - start));
    }

    /// <inheritdoc />
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        long started = Stopwatch.GetTimestamp();
        SetRaw(theta);
        int k = ClassCount, a = FeatureCount + 1;
        var sums = new double[k * k * a * a];
        ChunkScheduler.Sum(SampleCount, _threads, this, static (self, start, end, partial) => self.HessianSums(start, end, partial), sums);
        FinishHessian(sums, hessian);
        HessianPasses++;
        _hessianTicks += Stopwatch.GetTimestamp() - started;
    }

    /// <inheritdoc />
    public double ValueGradientAndHessian(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian)
    {
        double value = ValueAndGradient(theta, gradient);
        Hessian(theta, hessian);
        return value;
    }

    /// <inheritdoc />
    public ILogisticObjective Shuffled(Random random, ILogisticObjective? reuse)
    {
        int m = SampleCount;
        MultinomialObjective target = reuse is MultinomialObjective previous && previous != this && previous._data != _data && previous.SampleCount == m
            ? previous
            : new MultinomialObjective(new FeatureMatrix(FeatureCount, m), ClassCount, _sampleWeights.Length == 0 ? null : new double[m], TotalWeight, L2Strength, FitIntercept, _threads, _means, _scales);
        int[] order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        _data.CopyPermuted(order, target._data);
        for (int i = 0; i < target._sampleWeights.Length; i++)
        {
            target._sampleWeights[i] = _sampleWeights[order[i]];
        }

        return target;
    }

    /// <summary>
    /// The weights and intercepts for the raw features: W'ₖⱼ = Wₖⱼ/sⱼ and b'ₖ = bₖ − Σⱼ W'ₖⱼ μⱼ.
    /// </summary>
    internal static void ToRaw(ReadOnlySpan<double> theta, int classCount, int featureCount, bool fitIntercept, double[]? means, double[]? scales, Span<double> wRaw, Span<double> bRaw)
    {
        int block = featureCount + (fitIntercept ? 1 : 0);
        for (int k = 0; k < classCount; k++)
        {
            double b = fitIntercept ? theta[(k * block) + featureCount] : 0d;
            for (int j = 0; j < featureCount; j++)
            {
                double w = theta[(k * block) + j];
                if (scales is not null)
                {
                    w /= scales[j];
                    b -= w * means![j];
                }

                wRaw[(k * featureCount) + j] = w;
            }

            bRaw[k] = b;
        }
    }

    private void SetRaw(ReadOnlySpan<double> theta) =>
        ToRaw(theta, ClassCount, FeatureCount, FitIntercept, _means, _scales, _wRaw, _bRaw);

    /// <summary>
    /// Over samples [start, end): partial[0] += Σ sᵢLᵢ, and for each class k the raw sums
    /// Σ rᵢₖ xᵢⱼ (j &lt; n) and Σ rᵢₖ, with rᵢₖ = sᵢ(aᵢₖ − [yᵢ = k]). Chunk by chunk with 256-bit
    /// vectors where the hardware has them (<see cref="MultinomialGradientKernel"/>); the samples that
    /// do not fill a vector block, and hardware without them, take the per-sample loop.
    /// </summary>
    private void GradientSums(int start, int end, Span<double> partial)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            GradientSamples(start, end, partial);
            return;
        }

        const int chunkSize = MultinomialGradientKernel.ChunkSize;
        double[] buffer = ArrayPool<double>.Shared.Rent(MultinomialGradientKernel.BufferLength(FeatureCount, ClassCount));
        try
        {
            for (int chunk = start; chunk < end; chunk += chunkSize)
            {
                int count = Math.Min(chunkSize, end - chunk);
                int vectorCount = count - (count % MultinomialGradientKernel.SampleBlock);
                if (vectorCount > 0)
                {
                    MultinomialGradientKernel.Chunk(_data, chunk, vectorCount, _wRaw, _bRaw, _sampleWeights, buffer, partial);
                }

                GradientSamples(chunk + vectorCount, chunk + count, partial);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The per-sample loop of <see cref="GradientSums"/> over [start, end).</summary>
    private void GradientSamples(int start, int end, Span<double> partial)
    {
        int n = FeatureCount, k = ClassCount;
        Span<double> x = stackalloc double[n];
        Span<double> z = stackalloc double[k];
        ReadOnlySpan<float> labels = _data.Labels;
        for (int i = start; i < end; i++)
        {
            ReadSample(i, x);
            int y = (int)labels[i];
            double s = _sampleWeights.Length == 0 ? 1d : _sampleWeights[i];
            double logSum = Logits(x, z);
            partial[0] += s * (logSum - z[y]);
            for (int c = 0; c < k; c++)
            {
                double r = s * (Math.Exp(z[c] - logSum) - (c == y ? 1d : 0d));
                Span<double> g = partial.Slice(1 + (c * (n + 1)), n + 1);
                for (int j = 0; j < n; j++)
                {
                    g[j] += r * x[j];
                }

                g[n] += r;
            }
        }
    }

    /// <summary>
    /// Over samples [start, end): the raw Hessian blocks Σ sᵢ aᵢₚ(δₚq − aᵢq) x̃ x̃ᵀ with x̃ = [x; 1],
    /// block (p, q) at ((p·K) + q)·(n + 1)², row-major; only q ≥ p is summed.
    /// </summary>
    private void HessianSums(int start, int end, Span<double> partial)
    {
        int n = FeatureCount, k = ClassCount, a = n + 1;
        Span<double> x = stackalloc double[a];
        Span<double> z = stackalloc double[k];
        for (int i = start; i < end; i++)
        {
            ReadSample(i, x[..n]);
            x[n] = 1d;
            double s = _sampleWeights.Length == 0 ? 1d : _sampleWeights[i];
            double logSum = Logits(x[..n], z);
            for (int c = 0; c < k; c++)
            {
                z[c] = Math.Exp(z[c] - logSum);
            }

            for (int p = 0; p < k; p++)
            {
                for (int q = p; q < k; q++)
                {
                    double curvature = s * z[p] * ((p == q ? 1d : 0d) - z[q]);
                    Span<double> block = partial.Slice(((p * k) + q) * a * a, a * a);
                    for (int u = 0; u < a; u++)
                    {
                        double cu = curvature * x[u];
                        Span<double> row = block.Slice(u * a, a);
                        for (int v = u; v < a; v++)
                        {
                            row[v] += cu * x[v];
                        }
                    }
                }
            }
        }
    }

    private void ReadSample(int i, Span<double> x)
    {
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = _data[j, i];
        }
    }

    /// <summary>Writes the raw logits z = W'x + b' and returns log Σₖ e^{zₖ}, from the largest logit.</summary>
    private double Logits(ReadOnlySpan<double> x, Span<double> z)
    {
        int n = FeatureCount;
        double max = double.NegativeInfinity;
        for (int c = 0; c < z.Length; c++)
        {
            ReadOnlySpan<double> w = _wRaw.AsSpan(c * n, n);
            double sum = _bRaw[c];
            for (int j = 0; j < n; j++)
            {
                sum += w[j] * x[j];
            }

            z[c] = sum;
            max = Math.Max(max, sum);
        }

        double total = 0d;
        for (int c = 0; c < z.Length; c++)
        {
            total += Math.Exp(z[c] - max);
        }

        return max + Math.Log(total);
    }

    /// <summary>From the raw sums: F and ∇F for θ (the scaling folded in), each data term times <paramref name="scale"/>.</summary>
    private double FinishGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> sums, Span<double> gradient, double scale)
    {
        int n = FeatureCount, block = BlockSize;
        double penalty = 0d;
        for (int c = 0; c < ClassCount; c++)
        {
            ReadOnlySpan<double> g = sums.Slice(1 + (c * (n + 1)), n + 1);
            for (int j = 0; j < n; j++)
            {
                double raw = g[j];
                if (_scales is not null)
                {
                    raw = (raw - (_means![j] * g[n])) / _scales[j];
                }

                double w = theta[(c * block) + j];
                gradient[(c * block) + j] = (scale * raw) + (L2Strength * w);
                penalty += w * w;
            }

            if (FitIntercept)
            {
                gradient[(c * block) + n] = scale * g[n];
            }
        }

        return (scale * sums[0]) + (0.5 * L2Strength * penalty);
    }

    /// <summary>
    /// From the raw blocks: ∇²F for θ. Each block is transformed to the standardized features by
    /// x̃_std = A x̃ (A = [diag(1/s), −μ/s; 0, 1]), mirrored, the penalty added, and curvature put along
    /// the directions the loss does not see (see the remarks on the class).
    /// </summary>
    private void FinishHessian(double[] sums, Span<double> hessian)
    {
        int n = FeatureCount, k = ClassCount, a = n + 1, block = BlockSize, d = Dimension;
        var transformed = new double[a * a];
        for (int p = 0; p < k; p++)
        {
            for (int q = p; q < k; q++)
            {
                Span<double> raw = sums.AsSpan(((p * k) + q) * a * a, a * a);
                for (int u = 0; u < a; u++)
                {
                    for (int v = 0; v < u; v++)
                    {
                        raw[(u * a) + v] = raw[(v * a) + u];
                    }
                }

                Transform(raw, transformed);
                for (int u = 0; u < block; u++)
                {
                    for (int v = 0; v < block; v++)
                    {
                        double value = transformed[(u * a) + v];
                        hessian[(((p * block) + u) * d) + (q * block) + v] = value;
                        hessian[(((q * block) + v) * d) + (p * block) + u] = value;
                    }
                }
            }
        }

        double diagonalMean = 0d;
        for (int t = 0; t < d; t++)
        {
            diagonalMean += hessian[(t * d) + t];
        }

        diagonalMean = Math.Max(diagonalMean / d, double.Epsilon);
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < n; j++)
            {
                hessian[(((c * block) + j) * d) + (c * block) + j] += L2Strength;
            }
        }

        // Curvature along the common shift of the intercepts, and (without a penalty) of each
        // feature's weights over the classes: u uᵀ·ρ with uₖ = 1/√K on that parameter of every class.
        int directions = (FitIntercept ? 1 : 0) + (L2Strength == 0d ? n : 0);
        for (int t = 0; t < directions; t++)
        {
            int offset = FitIntercept && t == 0 ? n : (FitIntercept ? t - 1 : t);
            double share = diagonalMean / k;
            for (int p = 0; p < k; p++)
            {
                for (int q = 0; q < k; q++)
                {
                    hessian[(((p * block) + offset) * d) + (q * block) + offset] += share;
                }
            }
        }
    }

    /// <summary>M_std = A M Aᵀ for one (n + 1)² block, A = [diag(1/s), −μ/s; 0, 1]; a copy without scaling.</summary>
    private void Transform(ReadOnlySpan<double> raw, Span<double> result)
    {
        int n = FeatureCount, a = n + 1;
        if (_scales is null)
        {
            raw.CopyTo(result);
            return;
        }

        // Rows: (A M)ᵤ = (Mᵤ − μᵤ M_n)/sᵤ for u < n, M_n for u = n; then the same on the columns.
        Span<double> temp = a * a <= 1024 ? stackalloc double[a * a] : new double[a * a];
        for (int u = 0; u < a; u++)
        {
            for (int v = 0; v < a; v++)
            {
                double value = raw[(u * a) + v];
                temp[(u * a) + v] = u < n ? (value - (_means![u] * raw[(n * a) + v])) / _scales[u] : value;
            }
        }

        for (int u = 0; u < a; u++)
        {
            for (int v = 0; v < a; v++)
            {
                double value = temp[(u * a) + v];
                result[(u * a) + v] = v < n ? (value - (_means![v] * temp[(u * a) + n])) / _scales[v] : value;
            }
        }
    }
}
