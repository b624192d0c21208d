using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>One row of <see cref="CoefficientStatistics"/>: a weight or the intercept, on the raw feature scale.</summary>
/// <param name="Name">The feature's name, or <c>intercept</c>.</param>
/// <param name="Estimate">The maximum-likelihood estimate.</param>
/// <param name="StandardError">Its standard error: the square root of the diagonal of the inverse observed information.</param>
/// <param name="Z">Estimate / standard error.</param>
/// <param name="PValue">The two-sided p-value of z under a standard normal.</param>
/// <param name="Lower">The lower end of the confidence interval (Wald).</param>
/// <param name="Upper">The upper end of the confidence interval.</param>
public readonly record struct CoefficientRow(string Name, double Estimate, double StandardError, double Z, double PValue, double Lower, double Upper);

/// <summary>
/// What an unpenalized binary logistic regression says about each weight, in the manner of
/// statsmodels' <c>Logit(...).fit().summary()</c>: estimates with standard errors, z, p-values and
/// Wald confidence intervals, and the fit's log-likelihood, null log-likelihood, McFadden's pseudo-R²,
/// AIC and BIC. A generated model's <c>Explain(rows)</c> computes it.
/// </summary>
/// <remarks>
/// The statistics are those of the maximum-likelihood fit: <see cref="Compute"/> refines the model's
/// weights by Newton's method in double precision on the raw features (the estimate does not depend
/// on standardization), and refuses weights that are not that optimum — those of a penalized fit, whose
/// standard errors would not mean what these do. The covariance is the inverse of the observed
/// information Xᵀ diag(p(1 − p)) X at the optimum (X with a column of ones for the intercept).
/// </remarks>
public sealed class CoefficientStatistics
{
    private CoefficientStatistics(IReadOnlyList<CoefficientRow> rows, double level, int sampleCount, double logLikelihood, double nullLogLikelihood, int iterations)
    {
        Rows = rows;
        Level = level;
        SampleCount = sampleCount;
        LogLikelihood = logLikelihood;
        NullLogLikelihood = nullLogLikelihood;
        Iterations = iterations;
    }

    /// <summary>The features in the model's order, then the intercept.</summary>
    public IReadOnlyList<CoefficientRow> Rows { get; }

    /// <summary>The confidence level of the intervals, such as 0.95.</summary>
    public double Level { get; }

    /// <summary>The number of samples m.</summary>
    public int SampleCount { get; }

    /// <summary>ℓ, the log-likelihood at the optimum: −m·J.</summary>
    public double LogLikelihood { get; }

    /// <summary>ℓ₀, the log-likelihood of the intercept-only model.</summary>
    public double NullLogLikelihood { get; }

    /// <summary>McFadden's pseudo-R²: 1 − ℓ/ℓ₀.</summary>
    public double PseudoRSquared => 1 - (LogLikelihood / NullLogLikelihood);

    /// <summary>Akaike's information criterion: 2k − 2ℓ, k = n + 1 parameters.</summary>
    public double Aic => (2d * Rows.Count) - (2 * LogLikelihood);

    /// <summary>The Bayesian information criterion: k·ln m − 2ℓ.</summary>
    public double Bic => (Rows.Count * Math.Log(SampleCount)) - (2 * LogLikelihood);

    /// <summary>The Newton steps the refinement took from the model's weights.</summary>
    public int Iterations { get; }

    /// <summary>
    /// The statistics of the unpenalized maximum-likelihood fit of <paramref name="data"/>, starting from
    /// <paramref name="weights"/> and <paramref name="bias"/> (a trained model's).
    /// </summary>
    /// <param name="data">The samples, raw (not standardized), labels 0 or 1.</param>
    /// <param name="weights">The model's weights, one per feature.</param>
    /// <param name="bias">The model's intercept.</param>
    /// <param name="featureNames">The features' names, for the table.</param>
    /// <param name="level">The confidence level, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    /// <exception cref="ArgumentException">The weights or names do not match the features.</exception>
    /// <exception cref="InvalidOperationException">
    /// The weights are not the unpenalized optimum (a penalized model); or the information matrix is
    /// singular: a constant feature, a feature that is (nearly) a combination of others, or classes
    /// separated perfectly, so that the likelihood has no finite maximum. The message names the cause.
    /// </exception>
    public static CoefficientStatistics Compute(FeatureMatrix data, ReadOnlySpan<float> weights, float bias, IReadOnlyList<string> featureNames, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level is in (0, 1), such as 0.95.");
        }

        int n = data.FeatureCount, m = data.SampleCount, k = n + 1;
        ShapeGuard.SameLength(n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(n, featureNames.Count, nameof(featureNames));
        data.Validate(featureNames);

        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<float> column = data.Feature(j);
            if (column.IndexOfAnyExcept(column[0]) < 0)
            {
                throw new InvalidOperationException($"Feature '{featureNames[j]}' is constant ({column[0].ToString(CultureInfo.InvariantCulture)} in every sample), so its weight and the intercept cannot be told apart: leave it out ([Ignore]) to get statistics.");
            }
        }

        // A duplicated or derived feature makes X (with its column of ones) rank-deficient, whatever the weights.
        double[] gram = Gram(data);
        if (Factor(gram, k, out int dependent) is null)
        {
            string name = dependent < n ? $"feature '{featureNames[dependent]}'" : "the intercept's column of ones";
            throw new InvalidOperationException(
                $"The information matrix is singular: {name} is (nearly) a linear combination of the features before it (a duplicated or derived feature), so its weight cannot be estimated apart from theirs. Leave one of them out to get statistics.");
        }

        var theta = new double[k];
        for (int j = 0; j < n; j++)
        {
            theta[j] = weights[j];
        }

        theta[n] = bias;
        double modelLikelihood = Evaluate(data, theta, null, null);

        // Newton's method in double on the raw features, from the model's weights.
        var gradient = new double[k];
        var hessian = new double[k * k];
        var step = new double[k];
        double likelihood = modelLikelihood;
        int iterations = 0;
        bool converged = false;
        for (; iterations < 100 && !converged; iterations++)
        {
            likelihood = Evaluate(data, theta, gradient, hessian);
            if (Factor(hessian, k, out _) is not { } scale)
            {
                // X has full rank (checked above): the weights have run off towards a separation.
                throw Separated();
            }

            Solve(hessian, scale, k, gradient, step);
            converged = true;
            for (int j = 0; j < k; j++)
            {
                theta[j] += step[j];
                converged &= Math.Abs(step[j]) <= 1e-10 * (1 + Math.Abs(theta[j]));
            }
        }

        likelihood = Evaluate(data, theta, gradient, hessian);
        if (!converged || likelihood > -1e-9 * m)
        {
            throw Separated();
        }

        if (modelLikelihood < likelihood - (1e-6 * Math.Abs(likelihood)) - 1e-9)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"These weights are not the unpenalized optimum of these rows (log-likelihood {modelLikelihood:G8} against {likelihood:G8} at the optimum): standard errors and p-values describe the unpenalized fit. Train with C = null and L2 = 0 (no penalty) to explain a model."));
        }

        double[] covariance = Invert(hessian, Factor(hessian, k, out _) ?? throw Separated(), k);
        double quantile = NormalDistribution.Quantile(0.5 + (level / 2));
        var rows = new CoefficientRow[k];
        for (int j = 0; j < k; j++)
        {
            double estimate = theta[j];
            double error = Math.Sqrt(covariance[(j * k) + j]);
            double z = estimate / error;
            rows[j] = new CoefficientRow(j < n ? featureNames[j] : "intercept", estimate, error, z, NormalDistribution.TwoSidedPValue(z), estimate - (quantile * error), estimate + (quantile * error));
        }

        double positives = 0;
        ReadOnlySpan<float> labels = data.Labels;
        for (int i = 0; i < m; i++)
        {
            positives += labels[i];
        }

        double rate = positives / m;
        double nullLikelihood = (positives * Math.Log(rate)) + ((m - positives) * Math.Log(1 - rate));
        return new CoefficientStatistics(rows, level, m, likelihood, nullLikelihood, iterations);
    }

    /// <summary>A table in the manner of statsmodels' summary.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        int width = 9;
        foreach (CoefficientRow row in Rows)
        {
            width = Math.Max(width, row.Name.Length);
        }

        string lower = ((1 - Level) / 2).ToString("0.###", c), upper = (1 - ((1 - Level) / 2)).ToString("0.###", c);
        text.Append(c, $"Logistic regression, maximum likelihood: {SampleCount} samples, log-likelihood {LogLikelihood:F4}, null {NullLogLikelihood:F4}, pseudo-R² {PseudoRSquared:F4}, AIC {Aic:F2}, BIC {Bic:F2}").AppendLine();
        text.Append(c, $"{"".PadRight(width)} {"coef",12} {"std err",11} {"z",9} {"P>|z|",9} {"[" + lower,11} {upper + "]",11}").AppendLine();
        foreach (CoefficientRow row in Rows)
        {
            text.Append(c, $"{row.Name.PadRight(width)} {row.Estimate,12:G6} {row.StandardError,11:G5} {row.Z,9:F3} {row.PValue,9:F3} {row.Lower,11:G5} {row.Upper,11:G5}").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>ℓ(θ); with <paramref name="gradient"/>, the Newton step's right side ∇ℓ and the information Xᵀ W X.</summary>
    private static double Evaluate(FeatureMatrix data, double[] theta, double[]? gradient, double[]? hessian)
    {
        int n = data.FeatureCount, m = data.SampleCount, k = n + 1;
        if (gradient is not null)
        {
            Array.Clear(gradient);
            Array.Clear(hessian!);
        }

        ReadOnlySpan<float> labels = data.Labels;
        double[] row = new double[k];
        double likelihood = 0;
        for (int i = 0; i < m; i++)
        {
            ReadSample(data, i, row);
            double z = 0;
            for (int j = 0; j < k; j++)
            {
                z += theta[j] * row[j];
            }

            double y = labels[i];
            // log σ(z) and log(1 − σ(z)) without overflow: minus the loss of label 1 and of label 0.
            double logP = -LogisticMath.Loss(z, 1), logQ = -LogisticMath.Loss(z, 0);
            likelihood += (y * logP) + ((1 - y) * logQ);
            if (gradient is null)
            {
                continue;
            }

            double p = Math.Exp(logP), r = y - p;
            for (int a = 0; a < k; a++)
            {
                gradient[a] += r * row[a];
            }

            AddOuterProduct(hessian!, row, p * Math.Exp(logQ));
        }

        return likelihood;
    }

    /// <summary>Sample <paramref name="i"/>'s features, then a 1 for the intercept, into <paramref name="row"/>.</summary>
    private static void ReadSample(FeatureMatrix data, int i, double[] row)
    {
        int n = data.FeatureCount;
        nint stride = data.Stride;
        ref float x = ref Unsafe.Add(ref data.Origin, i);
        for (int j = 0; j < n; j++)
        {
            row[j] = Unsafe.Add(ref x, j * stride);
        }

        row[n] = 1;
    }

    /// <summary>The lower triangle of <paramref name="matrix"/> += <paramref name="weight"/> · row rowᵀ.</summary>
    private static void AddOuterProduct(double[] matrix, double[] row, double weight)
    {
        int k = row.Length;
        for (int a = 0; a < k; a++)
        {
            double wa = weight * row[a];
            for (int b = 0; b <= a; b++)
            {
                matrix[(a * k) + b] += wa * row[b];
            }
        }
    }

    private static InvalidOperationException Separated() => new(
        "The classes are separated (perfectly or almost) by a combination of the features: the likelihood has no finite maximum, the weights grow without bound, and standard errors do not exist. Leave out the features that separate them, or use a penalized model without statistics.");

    /// <summary>The lower triangle of Xᵀ X for X with a column of ones.</summary>
    private static double[] Gram(FeatureMatrix data)
    {
        int k = data.FeatureCount + 1;
        var gram = new double[k * k];
        var row = new double[k];
        for (int i = 0; i < data.SampleCount; i++)
        {
            ReadSample(data, i, row);
            AddOuterProduct(gram, row, 1);
        }

        return gram;
    }

    /// <summary>
    /// Cholesky of the lower triangle of a symmetric positive definite matrix, in place (<see cref="CholeskySolver"/>,
    /// on the Jacobi-scaled matrix, so the test for a vanishing pivot does not depend on the features' units); the
    /// scale, or null when a pivot vanishes, the first such at <paramref name="singular"/>.
    /// </summary>
    private static double[]? Factor(double[] a, int k, out int singular)
    {
        var scale = new double[k];
        for (int j = 0; j < k; j++)
        {
            scale[j] = 1 / Math.Sqrt(a[(j * k) + j]);
        }

        for (int j = 0; j < k; j++)
        {
            for (int i = j; i < k; i++)
            {
                a[(i * k) + j] *= scale[i] * scale[j];
            }
        }

        return CholeskySolver.TryFactor(a, k, out singular, minimumPivot: 1e-12) ? scale : null;
    }

    /// <summary>Solves A x = b for A = D⁻¹ L Lᵀ D⁻¹, the factor and scale D of <see cref="Factor"/>.</summary>
    private static void Solve(double[] l, double[] scale, int k, double[] b, double[] x)
    {
        for (int i = 0; i < k; i++)
        {
            x[i] = b[i] * scale[i];
        }

        CholeskySolver.Solve(l, k, x);
        for (int i = 0; i < k; i++)
        {
            x[i] *= scale[i];
        }
    }

    /// <summary>The inverse of the factored matrix, column by column.</summary>
    private static double[] Invert(double[] l, double[] scale, int k)
    {
        var inverse = new double[k * k];
        var unit = new double[k];
        var column = new double[k];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            Solve(l, scale, k, unit, column);
            for (int i = 0; i < k; i++)
            {
                inverse[(i * k) + j] = column[i];
            }
        }

        return inverse;
    }
}
