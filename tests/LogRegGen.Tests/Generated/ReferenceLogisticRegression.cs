using System;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The course notes' logistic regression, written as plainly as possible in double precision, one
/// example at a time, so that it can serve as the reference for the generated (float, SIMD) code.
/// </summary>
/// <remarks>
/// Notation: m examples, n features; <c>x[i][j]</c> is feature j of example i (the notes' x(i) is
/// column i of X); <c>y[i]</c> is 0 or 1.
/// <code>
/// z(i)  = wᵀx(i) + b
/// a(i)  = σ(z(i)) = 1 / (1 + e^(−z(i)))
/// L(i)  = −( y(i) log a(i) + (1 − y(i)) log(1 − a(i)) )
/// J     = (1/m) Σ L(i)
/// dz(i) = a(i) − y(i)
/// dw_j  = (1/m) Σ x_j(i) dz(i)
/// db    = (1/m) Σ dz(i)
/// </code>
/// </remarks>
internal static class ReferenceLogisticRegression
{
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public static double Logit(double[] w, double b, double[] x)
    {
        double z = b;
        for (int j = 0; j < w.Length; j++)
        {
            z += w[j] * x[j];
        }

        return z;
    }

    public static double Probability(double[] w, double b, double[] x) => Sigmoid(Logit(w, b, x));

    public static double Loss(double a, double y) => -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));

    public static double Cost(double[][] x, double[] y, double[] w, double b)
    {
        int m = x.Length;
        double j = 0;
        for (int i = 0; i < m; i++)
        {
            double a = Sigmoid(Logit(w, b, x[i]));
            j += Loss(a, y[i]);
        }

        return j / m;
    }

    /// <summary>One forward and backward pass over the m examples, as in the notes' for-loop version.</summary>
    public static Gradients ComputeGradients(double[][] x, double[] y, double[] w, double b)
    {
        int m = x.Length;
        int n = w.Length;
        double cost = 0;
        double[] dw = new double[n];
        double db = 0;

        for (int i = 0; i < m; i++)
        {
            double z = Logit(w, b, x[i]);
            double a = Sigmoid(z);
            cost += Loss(a, y[i]);
            double dz = a - y[i];
            for (int j = 0; j < n; j++)
            {
                dw[j] += x[i][j] * dz;
            }

            db += dz;
        }

        cost /= m;
        for (int j = 0; j < n; j++)
        {
            dw[j] /= m;
        }

        db /= m;
        return new Gradients(dw, db, cost);
    }

    /// <summary>
    /// The natural size of each gradient component: the mean of |x_j(i) dz(i)| (and of |dz(i)| for db).
    /// A component that is a small difference of large terms can only be compared to this scale.
    /// </summary>
    public static Gradients GradientScales(double[][] x, double[] y, double[] w, double b)
    {
        int m = x.Length;
        int n = w.Length;
        double[] sw = new double[n];
        double sb = 0;
        for (int i = 0; i < m; i++)
        {
            double dz = Math.Abs(Sigmoid(Logit(w, b, x[i])) - y[i]);
            for (int j = 0; j < n; j++)
            {
                sw[j] += Math.Abs(x[i][j]) * dz;
            }

            sb += dz;
        }

        for (int j = 0; j < n; j++)
        {
            sw[j] /= m;
        }

        return new Gradients(sw, sb / m, 0);
    }

    /// <summary>Batch gradient descent from w = 0, b = 0: w := w − α dw, b := b − α db.</summary>
    public static (double[] W, double B) Train(double[][] x, double[] y, double learningRate, int epochs)
    {
        double[] w = new double[x[0].Length];
        double b = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Gradients g = ComputeGradients(x, y, w, b);
            for (int j = 0; j < w.Length; j++)
            {
                w[j] -= learningRate * g.Dw[j];
            }

            b -= learningRate * g.Db;
        }

        return (w, b);
    }

    /// <summary>Per-feature mean and population standard deviation (1 where the deviation is 0).</summary>
    public static (double[] Mean, double[] Scale) Standardization(double[][] x)
    {
        int m = x.Length;
        int n = x[0].Length;
        double[] mean = new double[n];
        double[] scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < m; i++)
            {
                sum += x[i][j];
            }

            mean[j] = sum / m;
            double squares = 0;
            for (int i = 0; i < m; i++)
            {
                squares += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
            }

            double std = Math.Sqrt(squares / m);
            scale[j] = std == 0 ? 1 : std;
        }

        return (mean, scale);
    }

    /// <summary>
    /// Trains on standardized features, then folds the scaling into the parameters so that they apply
    /// to raw features: w_raw_j = w_j / s_j, b_raw = b − Σ w_j μ_j / s_j.
    /// </summary>
    public static (double[] W, double B) TrainStandardized(double[][] x, double[] y, double learningRate, int epochs)
    {
        (double[] mean, double[] scale) = Standardization(x);
        double[][] standardized = new double[x.Length][];
        for (int i = 0; i < x.Length; i++)
        {
            standardized[i] = new double[mean.Length];
            for (int j = 0; j < mean.Length; j++)
            {
                standardized[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }

        (double[] w, double b) = Train(standardized, y, learningRate, epochs);
        double[] rawW = new double[w.Length];
        double rawB = b;
        for (int j = 0; j < w.Length; j++)
        {
            rawW[j] = w[j] / scale[j];
            rawB -= w[j] * mean[j] / scale[j];
        }

        return (rawW, rawB);
    }

    internal sealed record Gradients(double[] Dw, double Db, double Cost);
}
