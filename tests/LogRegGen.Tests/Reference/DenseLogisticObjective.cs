using System;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>
/// The tests' reference implementation of the regularized, weighted cross-entropy
/// F(θ) = Σᵢ sᵢ·L(zᵢ, yᵢ) + (λ/2)‖w‖², zᵢ = wᵀx⁽ⁱ⁾ + b, in plain double-precision loops over a
/// feature-major copy of X (shape (n, m), as in the notes).
/// </summary>
/// <remarks>
/// <para>θ = [w₀, …, wₙ₋₁, b] when the intercept is fitted and [w₀, …, wₙ₋₁] (b = 0) when not. The
/// bias is never penalized. Class weights are folded into the sample weights by the caller (see
/// <see cref="ClassWeights.Apply"/>); λ comes from <see cref="L2Penalty"/>.</para>
/// <para>With pᵢ = σ(zᵢ), rᵢ = sᵢ(pᵢ − yᵢ) and hᵢ = sᵢpᵢ(1 − pᵢ): ∂F/∂wⱼ = Σᵢ rᵢxⱼᵢ + λwⱼ,
/// ∂F/∂b = Σᵢ rᵢ, ∂²F/∂wⱼ∂wₖ = Σᵢ hᵢxⱼᵢxₖᵢ + λδⱼₖ, ∂²F/∂wⱼ∂b = Σᵢ hᵢxⱼᵢ, ∂²F/∂b² = Σᵢ hᵢ.</para>
/// <para>An instance keeps per-sample scratch buffers: use it from one thread at a time.</para>
/// </remarks>
internal sealed class DenseLogisticObjective : ILogisticObjective
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _s;
    private readonly double[] _z;
    private readonly double[] _r;

    private DenseLogisticObjective(double[] x, int featureCount, double[] y, double[] s, double l2Strength, bool fitIntercept)
    {
        if (!(l2Strength >= 0d && double.IsFinite(l2Strength)))
        {
            throw new ArgumentOutOfRangeException(nameof(l2Strength), l2Strength, "The L2 strength λ must be finite and at least 0.");
        }

        _x = x;
        _y = y;
        _s = s;
        FeatureCount = featureCount;
        SampleCount = y.Length;
        L2Strength = l2Strength;
        FitIntercept = fitIntercept;
        Dimension = featureCount + (fitIntercept ? 1 : 0);
        _z = new double[SampleCount];
        _r = new double[SampleCount];
        TotalWeight = CheckWeightsAndClasses(y, s);
    }

    /// <summary>The number of features n.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc />
    public int SampleCount { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>λ, the L2 strength on w (sum scale).</summary>
    public double L2Strength { get; }

    /// <summary>Whether θ ends with the bias b.</summary>
    public bool FitIntercept { get; }

    /// <inheritdoc />
    public double TotalWeight { get; }

    /// <summary>Builds the objective from X given one row per sample, as scikit-learn's X of shape (m, n).</summary>
    /// <param name="x">The samples: x[i, j] is feature j of sample i.</param>
    /// <param name="labels">The labels, one per sample, each 0 or 1.</param>
    /// <param name="sampleWeights">The weights sᵢ ≥ 0, one per sample (class weights already multiplied in); empty for all 1.</param>
    /// <param name="l2Strength">λ ≥ 0 (see <see cref="L2Penalty"/>).</param>
    /// <param name="fitIntercept">Whether to fit the bias b.</param>
    /// <returns>The objective, over a copy of the data.</returns>
    /// <exception cref="ArgumentException">The data are empty or the lengths disagree.</exception>
    /// <exception cref="LogisticDataException">A feature is NaN or infinite, a label is not 0 or 1, a weight is negative
    /// or not finite, or only one class has positive weight; the message names the row and column.</exception>
    public static DenseLogisticObjective FromRows(double[,] x, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, double l2Strength, bool fitIntercept)
    {
        ArgumentNullException.ThrowIfNull(x);
        int m = x.GetLength(0), n = x.GetLength(1);
        CheckShape(n, m, labels.Length, sampleWeights.Length);
        var features = new double[n * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                features[(j * m) + i] = Finite(x[i, j], i, j);
            }
        }

        return new DenseLogisticObjective(features, n, Labels(labels), Weights(sampleWeights, m), l2Strength, fitIntercept);
    }

    /// <summary>Builds the objective from X given feature-major, as the notes' X of shape (n, m).</summary>
    /// <param name="x">All m values of feature 0, then feature 1, …; length n·m.</param>
    /// <param name="featureCount">n.</param>
    /// <param name="labels">The labels, one per sample, each 0 or 1.</param>
    /// <param name="sampleWeights">The weights sᵢ ≥ 0, one per sample; empty for all 1.</param>
    /// <param name="l2Strength">λ ≥ 0.</param>
    /// <param name="fitIntercept">Whether to fit the bias b.</param>
    /// <returns>The objective, over a double-precision copy of the data.</returns>
    /// <exception cref="ArgumentException">The data are empty or the lengths disagree.</exception>
    /// <exception cref="LogisticDataException">The data are unusable; the message names the row and column.</exception>
    public static DenseLogisticObjective FromFeatureMajor(ReadOnlySpan<float> x, int featureCount, ReadOnlySpan<float> labels, ReadOnlySpan<double> sampleWeights, double l2Strength, bool fitIntercept)
    {
        int m = labels.Length;
        CheckShape(featureCount, m, labels.Length, sampleWeights.Length);
        if (x.Length != (long)featureCount * m)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {(long)featureCount * m} values for X of shape ({featureCount}, {m}) but got {x.Length}."),
                nameof(x));
        }

        var features = new double[x.Length];
        for (int j = 0; j < featureCount; j++)
        {
            for (int i = 0; i < m; i++)
            {
                features[(j * m) + i] = Finite(x[(j * m) + i], i, j);
            }
        }

        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = ShapeGuard.Label(labels[i], i, "label");
        }

        return new DenseLogisticObjective(features, featureCount, y, Weights(sampleWeights, m), l2Strength, fitIntercept);
    }

    /// <summary>Builds the objective from a <see cref="FeatureMatrix"/> (its X and Y).</summary>
    /// <param name="data">The training data.</param>
    /// <param name="sampleWeights">The weights sᵢ ≥ 0, one per sample; empty for all 1.</param>
    /// <param name="l2Strength">λ ≥ 0.</param>
    /// <param name="fitIntercept">Whether to fit the bias b.</param>
    /// <returns>The objective, over a double-precision copy of the data.</returns>
    /// <exception cref="LogisticDataException">The data are unusable; the message names the row and column.</exception>
    public static DenseLogisticObjective FromMatrix(FeatureMatrix data, ReadOnlySpan<double> sampleWeights, double l2Strength, bool fitIntercept)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.FeatureCount, m = data.SampleCount;
        var packed = new float[n * m];
        for (int j = 0; j < n; j++)
        {
            data.Feature(j).CopyTo(packed.AsSpan(j * m, m));
        }

        return FromFeatureMajor(packed, n, data.Labels, sampleWeights, l2Strength, fitIntercept);
    }

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckLengths(theta, gradient);
        int m = SampleCount;
        double b = Bias(theta);
        Logits(theta, b);
        double loss = 0d, biasGradient = 0d;
        for (int i = 0; i < m; i++)
        {
            double z = _z[i], s = _s[i];
            loss += s * Loss(z, _y[i]);
            double r = s * (Sigmoid(z) - _y[i]);
            _r[i] = r;
            biasGradient += r;
        }

        for (int j = 0; j < FeatureCount; j++)
        {
            ReadOnlySpan<double> row = _x.AsSpan(j * m, m);
            gradient[j] = IterativeSolver.Dot(row, _r) + (L2Strength * theta[j]);
        }

        if (FitIntercept)
        {
            gradient[FeatureCount] = biasGradient;
        }

        return loss + Penalty(theta);
    }

    /// <inheritdoc />
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        int d = Dimension, n = FeatureCount, m = SampleCount;
        if (theta.Length != d || hessian.Length != d * d)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected θ of length {d} and a Hessian of {d * d} values but got {theta.Length} and {hessian.Length}."));
        }

        Logits(theta, Bias(theta));
        double hbb = 0d;
        for (int i = 0; i < m; i++)
        {
            double p = Sigmoid(_z[i]);
            _r[i] = _s[i] * p * (1d - p);
            hbb += _r[i];
        }

        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> xj = _x.AsSpan(j * m, m);
            for (int k = 0; k <= j; k++)
            {
                ReadOnlySpan<double> xk = _x.AsSpan(k * m, m);
                double sum = 0d;
                for (int i = 0; i < m; i++)
                {
                    sum += _r[i] * xj[i] * xk[i];
                }

                hessian[(j * d) + k] = sum;
                hessian[(k * d) + j] = sum;
            }

            hessian[(j * d) + j] += L2Strength;
            if (FitIntercept)
            {
                double hjb = IterativeSolver.Dot(xj, _r);
                hessian[(j * d) + n] = hjb;
                hessian[(n * d) + j] = hjb;
            }
        }

        if (FitIntercept)
        {
            hessian[(n * d) + n] = hbb;
        }
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
        int m = SampleCount, n = FeatureCount;
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        var x = new double[n * m];
        var y = new double[m];
        var s = new double[m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                x[(j * m) + i] = _x[(j * m) + order[i]];
            }

            y[i] = _y[order[i]];
            s[i] = _s[order[i]];
        }

        return new DenseLogisticObjective(x, n, y, s, L2Strength, FitIntercept);
    }

    /// <inheritdoc />
    public double BatchValueAndGradient(ReadOnlySpan<double> theta, int start, int end, Span<double> gradient)
    {
        CheckLengths(theta, gradient);
        if (!(0 <= start && start < end && end <= SampleCount))
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A mini-batch needs at least one sample, inside the data.");
        }

        int m = SampleCount, n = FeatureCount;
        double scale = (double)m / (end - start);
        double b = Bias(theta);
        gradient.Clear();
        double loss = 0d;
        for (int i = start; i < end; i++)
        {
            double z = b;
            for (int j = 0; j < n; j++)
            {
                z += theta[j] * _x[(j * m) + i];
            }

            loss += _s[i] * Loss(z, _y[i]);
            double r = _s[i] * (Sigmoid(z) - _y[i]);
            for (int j = 0; j < n; j++)
            {
                gradient[j] += r * _x[(j * m) + i];
            }

            if (FitIntercept)
            {
                gradient[n] += r;
            }
        }

        for (int j = 0; j < Dimension; j++)
        {
            gradient[j] *= scale;
        }

        for (int j = 0; j < n; j++)
        {
            gradient[j] += L2Strength * theta[j];
        }

        return (scale * loss) + Penalty(theta);
    }

    /// <summary>σ(z), evaluated without overflow for either sign of z.</summary>
    internal static double Sigmoid(double z)
    {
        if (z >= 0d)
        {
            return 1d / (1d + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1d + e);
    }

    /// <summary>The cross-entropy L = log(1 + eᶻ) − y·z = −y log σ(z) − (1 − y) log(1 − σ(z)), finite for any z.</summary>
    internal static double Loss(double z, double y)
    {
        double softplus = z > 0d ? z + Math.Log(1d + Math.Exp(-z)) : Math.Log(1d + Math.Exp(z));
        return softplus - (y * z);
    }

    private double Bias(ReadOnlySpan<double> theta) => FitIntercept ? theta[FeatureCount] : 0d;

    private double Penalty(ReadOnlySpan<double> theta)
    {
        ReadOnlySpan<double> w = theta[..FeatureCount];
        return 0.5d * L2Strength * IterativeSolver.Dot(w, w);
    }

    /// <summary>Fills the scratch z with zᵢ = b + Σⱼ wⱼxⱼᵢ, streaming X one feature row at a time.</summary>
    private void Logits(ReadOnlySpan<double> theta, double b)
    {
        int m = SampleCount;
        Span<double> z = _z;
        z.Fill(b);
        for (int j = 0; j < FeatureCount; j++)
        {
            double w = theta[j];
            ReadOnlySpan<double> row = _x.AsSpan(j * m, m);
            for (int i = 0; i < m; i++)
            {
                z[i] += w * row[i];
            }
        }
    }

    private void CheckLengths(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (theta.Length != Dimension || gradient.Length != Dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected θ and the gradient of length {Dimension} but got {theta.Length} and {gradient.Length}."));
        }
    }

    private static void CheckShape(int featureCount, int sampleCount, int labelCount, int weightCount)
    {
        if (featureCount < 1)
        {
            throw new ArgumentException("Expected at least one feature but got none.", "x");
        }

        ShapeGuard.NotEmpty(sampleCount, "x");
        ShapeGuard.SameLength(sampleCount, labelCount, "labels");
        if (weightCount != 0)
        {
            ShapeGuard.SameLength(sampleCount, weightCount, "sampleWeights");
        }
    }

    private static double Finite(double value, int row, int feature)
    {
        if (!double.IsFinite(value))
        {
            throw new LogisticDataException(
                string.Create(CultureInfo.InvariantCulture, $"Row {row}: feature {feature} is {value}; features must be finite numbers."),
                row,
                feature.ToString(CultureInfo.InvariantCulture));
        }

        return value;
    }

    private static double[] Labels(ReadOnlySpan<double> labels)
    {
        var y = new double[labels.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = ShapeGuard.Label(labels[i], i, "label");
        }

        return y;
    }

    private static double[] Weights(ReadOnlySpan<double> sampleWeights, int m)
    {
        var s = new double[m];
        if (sampleWeights.IsEmpty)
        {
            s.AsSpan().Fill(1d);
            return s;
        }

        for (int i = 0; i < m; i++)
        {
            s[i] = ShapeGuard.SampleWeight(sampleWeights[i], i);
        }

        return s;
    }

    /// <summary>Checks that both classes carry positive weight, as a finite optimum needs; returns Σᵢ sᵢ.</summary>
    private static double CheckWeightsAndClasses(ReadOnlySpan<double> y, ReadOnlySpan<double> s)
    {
        double negative = 0d, positive = 0d;
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] == 1d)
            {
                positive += s[i];
            }
            else
            {
                negative += s[i];
            }
        }

        if (!(positive > 0d && negative > 0d))
        {
            string missing = positive > 0d ? "0" : "1";
            throw new LogisticDataException(
                string.Create(CultureInfo.InvariantCulture, $"Column 'label': no row of class {missing} has a positive weight (of {y.Length} rows); training needs samples of both classes, 0 and 1."),
                row: null,
                "label");
        }

        return positive + negative;
    }
}
