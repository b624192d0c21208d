using System;
using LogRegGen;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// Plain double-precision implementations of the notes' formulas, and random test data. The
/// kernels are checked against these.
/// </summary>
internal static class Reference
{
    public static double Sigmoid(double z) =>
        z >= 0 ? 1d / (1d + Math.Exp(-z)) : Math.Exp(z) / (1d + Math.Exp(z));

    /// <summary>The spacing of floats at |r| (subnormal spacing below float's normal range).</summary>
    public static double Ulp(double r)
    {
        int exponent = r == 0 ? -126 : Math.Max(Math.ILogB(Math.Abs(r)), -126);
        return Math.ScaleB(1d, exponent - 23);
    }

    public static double Logit(FeatureMatrix data, ReadOnlySpan<double> w, double b, int i)
    {
        double z = b;
        for (int j = 0; j < data.FeatureCount; j++)
        {
            z += w[j] * data.Values[(j * data.Stride) + i];
        }

        return z;
    }

    /// <summary>Cross-entropy from the definition −[y log a + (1 − y) log(1 − a)], in the log-sigmoid form that stays finite.</summary>
    public static double Loss(double z, double y)
    {
        // log σ(z) = −log(1 + e^−z); log(1 − σ(z)) = −log(1 + e^z); both via a stable softplus.
        static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));
        return (y * Softplus(-z)) + ((1 - y) * Softplus(z));
    }

    public static double Cost(FeatureMatrix data, ReadOnlySpan<double> w, double b)
    {
        double sum = 0;
        ReadOnlySpan<float> y = data.Labels;
        for (int i = 0; i < data.SampleCount; i++)
        {
            sum += Loss(Logit(data, w, b, i), y[i]);
        }

        return sum / data.SampleCount;
    }

    public static double Gradients(FeatureMatrix data, ReadOnlySpan<double> w, double b, Span<double> dw, out double db)
    {
        int n = data.FeatureCount, m = data.SampleCount;
        ReadOnlySpan<float> x = data.Values;
        ReadOnlySpan<float> y = data.Labels;
        dw.Clear();
        double cost = 0, dbSum = 0;
        for (int i = 0; i < m; i++)
        {
            double z = Logit(data, w, b, i);
            double dz = Sigmoid(z) - y[i];
            cost += Loss(z, y[i]);
            dbSum += dz;
            for (int j = 0; j < n; j++)
            {
                dw[j] += x[(j * data.Stride) + i] * dz;
            }
        }

        for (int j = 0; j < n; j++)
        {
            dw[j] /= m;
        }

        db = dbSum / m;
        return cost / m;
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// m samples of n features, feature j ~ N(offset_j, scale_j²), with labels drawn from a
    /// logistic model with weights <c>trueWeights</c> (so the data carry signal but are not separable).
    /// </summary>
    public static FeatureMatrix RandomData(int n, int m, int seed, double[]? trueWeights = null)
    {
        var random = new Random(seed);
        var data = new FeatureMatrix(n, m);
        trueWeights ??= RandomWeights(n, random);
        var offsets = new double[n];
        var scales = new double[n];
        for (int j = 0; j < n; j++)
        {
            offsets[j] = (random.NextDouble() * 2) - 1;
            scales[j] = 0.5 + random.NextDouble();
        }

        Span<float> x = data.Values;
        Span<float> y = data.Labels;
        for (int i = 0; i < m; i++)
        {
            double z = 0.3;
            for (int j = 0; j < n; j++)
            {
                float v = (float)(offsets[j] + (scales[j] * Normal(random)));
                x[(j * data.Stride) + i] = v;
                z += trueWeights[j] * v;
            }

            y[i] = random.NextDouble() < Sigmoid(z) ? 1f : 0f;
        }

        return data;
    }

    public static double[] RandomWeights(int n, Random random)
    {
        var w = new double[n];
        for (int j = 0; j < n; j++)
        {
            w[j] = ((random.NextDouble() * 2) - 1) * 2 / Math.Sqrt(n);
        }

        return w;
    }

    public static float[] RandomFloats(int length, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var result = new float[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = (float)(scale * Normal(random));
        }

        return result;
    }
}
