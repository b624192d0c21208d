using System;

namespace LogRegGen.Benchmarks;

/// <summary>
/// A reproducible binary classification problem: m samples of n float features whose labels come
/// from a known linear model plus logistic noise, so logistic regression is the right model and
/// its optimum lies near the true parameters.
/// </summary>
/// <remarks>
/// <para>
/// Feature j is x_j = μ_j + σ_j u_j with u_j ~ N(0, 1), a per-feature offset μ_j in [-2, 2] and
/// a scale σ_j in [0.5, 5], so the raw features have different scales (as real measurements do)
/// and standardization matters for gradient descent.
/// </para>
/// <para>
/// The true logit is t = (3/√n) Σ β_j u_j + 0.3 with β_j ~ N(0, 1), so its spread stays near 3
/// whatever n is, and the label is y = 1 when t + ε &gt; 0 with ε drawn from the standard
/// logistic distribution, i.e. P(y = 1 | x) = σ(t). In raw-feature terms the true weights are
/// w_j = (3/√n) β_j / σ_j and the true bias is b = 0.3 − Σ w_j μ_j.
/// </para>
/// </remarks>
public sealed class SyntheticData
{
    /// <summary>The seed every benchmark uses, so all solvers see the same data.</summary>
    public const int DefaultSeed = 20_240_611;

    private SyntheticData(int featureCount, int sampleCount)
    {
        FeatureCount = featureCount;
        SampleCount = sampleCount;
        SampleMajor = new float[checked(featureCount * sampleCount)];
        FeatureMajor = new float[checked(featureCount * sampleCount)];
        Labels = new float[sampleCount];
        TrueWeights = new float[featureCount];
    }

    /// <summary>The number of features n.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of samples m.</summary>
    public int SampleCount { get; }

    /// <summary>The samples row by row, shape (m, n): sample i is <c>[i*n, (i+1)*n)</c>.</summary>
    public float[] SampleMajor { get; }

    /// <summary>The notes' layout X, shape (n, m): feature j is <c>[j*m, (j+1)*m)</c>.</summary>
    public float[] FeatureMajor { get; }

    /// <summary>The labels Y, shape (1, m), each 0 or 1.</summary>
    public float[] Labels { get; }

    /// <summary>The weights of the model that generated the labels, for raw features.</summary>
    public float[] TrueWeights { get; }

    /// <summary>The bias of the model that generated the labels, for raw features.</summary>
    public float TrueBias { get; private set; }

    /// <summary>The fraction of samples with label 1.</summary>
    public double PositiveRate
    {
        get
        {
            double positives = 0;
            foreach (float y in Labels)
            {
                positives += y;
            }

            return positives / SampleCount;
        }
    }

    /// <summary>Feature j of the feature-major matrix (length m).</summary>
    /// <param name="feature">The feature index j.</param>
    /// <returns>Row j of X.</returns>
    public ReadOnlySpan<float> Feature(int feature) => FeatureMajor.AsSpan(feature * SampleCount, SampleCount);

    /// <summary>Sample i of the sample-major matrix (length n).</summary>
    /// <param name="sample">The sample index i.</param>
    /// <returns>Column i of X.</returns>
    public ReadOnlySpan<float> Sample(int sample) => SampleMajor.AsSpan(sample * FeatureCount, FeatureCount);

    /// <summary>Creates the data set for (n, m) from <paramref name="seed"/>; the same arguments give the same data.</summary>
    /// <param name="featureCount">The number of features n.</param>
    /// <param name="sampleCount">The number of samples m.</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <returns>The data set.</returns>
    public static SyntheticData Create(int featureCount, int sampleCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);

        var data = new SyntheticData(featureCount, sampleCount);
        var random = new Random(seed);

        int n = featureCount;
        var offsets = new double[n];
        var scales = new double[n];
        var beta = new double[n];
        double signal = 3.0 / Math.Sqrt(n);
        const double trueStandardizedBias = 0.3;
        double bias = trueStandardizedBias;
        for (int j = 0; j < n; j++)
        {
            offsets[j] = -2.0 + (4.0 * random.NextDouble());
            scales[j] = 0.5 + (4.5 * random.NextDouble());
            beta[j] = NextGaussian(random);
            double w = signal * beta[j] / scales[j];
            data.TrueWeights[j] = (float)w;
            bias -= w * offsets[j];
        }

        data.TrueBias = (float)bias;

        var u = new double[n];
        for (int i = 0; i < sampleCount; i++)
        {
            double t = trueStandardizedBias;
            for (int j = 0; j < n; j++)
            {
                u[j] = NextGaussian(random);
                t += signal * beta[j] * u[j];
            }

            // Standard logistic noise: ε = log(p / (1 − p)) for p uniform in (0, 1).
            double p = (random.NextDouble() * (1 - 2e-12)) + 1e-12;
            double noise = Math.Log(p / (1 - p));
            float label = t + noise > 0 ? 1f : 0f;
            data.Labels[i] = label;

            for (int j = 0; j < n; j++)
            {
                float x = (float)(offsets[j] + (scales[j] * u[j]));
                data.SampleMajor[(i * n) + j] = x;
                data.FeatureMajor[(j * sampleCount) + i] = x;
            }
        }

        return data;
    }

    /// <summary>The rows as the record type the generator built a model for.</summary>
    /// <typeparam name="TRow">A row type with exactly <see cref="FeatureCount"/> float features.</typeparam>
    /// <returns>One row per sample.</returns>
    public TRow[] ToRows<TRow>()
        where TRow : struct, ISyntheticRow<TRow>
    {
        if (TRow.FeatureCount != FeatureCount)
        {
            throw new InvalidOperationException(
                $"{typeof(TRow).Name} has {TRow.FeatureCount} features but the data has {FeatureCount}.");
        }

        var rows = new TRow[SampleCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = TRow.Create(Sample(i), Labels[i] != 0f);
        }

        return rows;
    }

    /// <summary>Writes x{n}.f32 (the rows, sample-major, little-endian float32) and y{n}.f32 (the labels) to <paramref name="directory"/>.</summary>
    /// <param name="directory">Created if missing.</param>
    public void Export(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(directory, $"x{FeatureCount}.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(SampleMajor.AsSpan()).ToArray());
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(directory, $"y{FeatureCount}.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(Labels.AsSpan()).ToArray());
        Console.WriteLine($"Wrote {SampleCount} samples of {FeatureCount} features to {directory}.");
    }

    /// <summary>Mean cross-entropy (natural log) of <paramref name="probabilities"/> against the labels, clipped at 1e-15 like common toolkits.</summary>
    /// <param name="probabilities">One probability per sample.</param>
    /// <returns>The log loss in nats.</returns>
    public double LogLoss(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length != SampleCount)
        {
            throw new ArgumentException($"Expected {SampleCount} probabilities but got {probabilities.Length}.", nameof(probabilities));
        }

        const double Epsilon = 1e-15;
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            sum -= Labels[i] != 0f ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / probabilities.Length;
    }

    /// <summary>The log loss of the parameters that generated the labels: where a good optimum should land.</summary>
    /// <returns>The log loss in nats.</returns>
    public double TrueModelLogLoss()
    {
        var probabilities = new float[SampleCount];
        for (int i = 0; i < SampleCount; i++)
        {
            ReadOnlySpan<float> x = Sample(i);
            double z = TrueBias;
            for (int j = 0; j < FeatureCount; j++)
            {
                z += TrueWeights[j] * (double)x[j];
            }

            probabilities[i] = (float)(1.0 / (1.0 + Math.Exp(-z)));
        }

        return LogLoss(probabilities);
    }

    private static double NextGaussian(Random random)
    {
        // Box–Muller; one of the pair is enough here.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
