using System;
using System.Linq;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>A data set in the reference's layout: <c>X[i][j]</c> is feature j of example i.</summary>
internal sealed record Dataset(float[][] X, float[] Y)
{
    public int Count => X.Length;

    public double[][] XAsDouble => X.Select(row => row.Select(v => (double)v).ToArray()).ToArray();

    public double[] YAsDouble => Y.Select(v => (double)v).ToArray();
}

/// <summary>Model parameters as plain arrays, so that one test can drive every generated model.</summary>
internal sealed record Parameters(float[] W, float B)
{
    public double[] WAsDouble => W.Select(v => (double)v).ToArray();
}

internal static class TestData
{
    /// <summary>A standard normal sample (Box–Muller) from a seeded generator.</summary>
    public static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// m examples of standard normal features, mapped through <paramref name="representable"/> so that
    /// the row type holds them exactly, with labels drawn from a logistic model with hidden weights (so
    /// that the data can be learned, but not perfectly).
    /// </summary>
    public static Dataset Random(int seed, int m, int n, Func<float[], float[]>? representable = null)
    {
        var random = new Random(seed);
        double[] trueW = Enumerable.Range(0, n).Select(_ => Normal(random) * 1.5 / Math.Sqrt(n)).ToArray();
        double trueB = Normal(random) * 0.5;

        float[][] x = new float[m][];
        float[] y = new float[m];
        for (int i = 0; i < m; i++)
        {
            float[] row = Enumerable.Range(0, n).Select(_ => (float)Normal(random)).ToArray();
            x[i] = representable is null ? row : representable(row);
            double p = ReferenceLogisticRegression.Probability(trueW, trueB, x[i].Select(v => (double)v).ToArray());
            y[i] = random.NextDouble() < p ? 1f : 0f;
        }

        return new Dataset(x, y);
    }

    /// <summary>Random parameters of the size the notes' initialization would produce after some training.</summary>
    public static Parameters RandomParameters(int seed, int n)
    {
        var random = new Random(seed);
        float[] w = Enumerable.Range(0, n).Select(_ => (float)(Normal(random) / Math.Sqrt(n))).ToArray();
        return new Parameters(w, (float)(Normal(random) * 0.5));
    }
}

/// <summary>Comparisons of float results with the double reference.</summary>
internal static class Tolerance
{
    /// <summary>The relative accuracy the float implementation must reach.</summary>
    public const double Relative = 1e-5;

    /// <summary>
    /// Asserts |actual − expected| ≤ 1e-5 · max(|expected|, scale). A pure relative test is meaningless
    /// for a component that is (nearly) zero because it is a small difference of larger terms — a
    /// gradient component, a logit — since float rounding of those terms leaves an error proportional to
    /// their size, not to the result. <paramref name="scale"/> is that size (for example the mean of
    /// |x_j dz| for dw_j); use 0 for quantities with no cancellation, such as the cost.
    /// </summary>
    public static void AssertClose(double expected, double actual, double scale, string what)
    {
        double allowed = Relative * Math.Max(Math.Abs(expected), scale);
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= allowed && !double.IsNaN(actual),
            $"{what}: expected {expected:R}, got {actual:R} (error {error:E3} > allowed {allowed:E3}).");
    }

    /// <summary>Σ|w_j x_j| + |b|: the size of the terms summed into a logit.</summary>
    public static double LogitScale(double[] w, double b, double[] x)
    {
        double sum = Math.Abs(b);
        for (int j = 0; j < w.Length; j++)
        {
            sum += Math.Abs(w[j] * x[j]);
        }

        return sum;
    }

    /// <summary>
    /// The scale for a probability a = σ(z): float rounding of the terms of z moves z by a multiple of
    /// their size T, which moves a by a(1 − a)·T times that, whatever the size of a itself.
    /// </summary>
    public static double ProbabilityScale(double a, double logitScale) => a * (1 - a) * logitScale;
}
