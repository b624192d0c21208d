using System;

namespace LogRegGen;

/// <summary>
/// The standard normal distribution's CDF Φ and quantile Φ⁻¹ in double precision, for the p-values and
/// confidence intervals of <see cref="CoefficientStatistics"/>.
/// </summary>
/// <remarks>
/// Φ comes from the complementary error function, computed with W. J. Cody's rational Chebyshev
/// approximations (relative error below 1e-15 over the whole range, so tail probabilities such as
/// Φ(−30) ≈ 4.9e−198 keep their digits). Φ⁻¹ starts from P. J. Acklam's rational approximation
/// (relative error 1.15e−9) and takes one Halley step on Φ, which brings it to double precision.
/// </remarks>
public static class NormalDistribution
{
    private const double SqrtHalf = 0.70710678118654752440;

    /// <summary>Φ(x) = P(Z ≤ x) for a standard normal Z.</summary>
    public static double Cdf(double x) => double.IsNaN(x) ? double.NaN : 0.5 * Erfc(-x * SqrtHalf);

    /// <summary>1 − Φ(x) = P(Z &gt; x), accurate where Φ(x) is close to 1.</summary>
    public static double Survival(double x) => double.IsNaN(x) ? double.NaN : 0.5 * Erfc(x * SqrtHalf);

    /// <summary>The two-sided p-value of a z-score: P(|Z| ≥ |z|).</summary>
    public static double TwoSidedPValue(double z) => double.IsNaN(z) ? double.NaN : Erfc(Math.Abs(z) * SqrtHalf);

    /// <summary>Φ⁻¹(p): the x with Φ(x) = p.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public static double Quantile(double p)
    {
        if (!(p >= 0d && p <= 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability is in [0, 1].");
        }

        if (p == 0d)
        {
            return double.NegativeInfinity;
        }

        if (p == 1d)
        {
            return double.PositiveInfinity;
        }

        // Acklam's approximation, by region.
        const double Low = 0.02425, High = 1 - Low;
        double x;
        if (p < Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
        }
        else if (p <= High)
        {
            double q = p - 0.5, r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
        }

        // One Halley step on f(x) = Φ(x) − p (the error is measured on the tail that keeps its digits).
        double error = x < 0 ? Cdf(x) - p : (1 - p) - Survival(x);
        double u = error * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    /// <summary>erfc(x) by Cody's rational approximations on [0, 0.5), [0.5, 4) and [4, ∞) (and the reflection for x &lt; 0).</summary>
    internal static double Erfc(double x)
    {
        double ax = Math.Abs(x);
        double result;
        if (ax < 0.5)
        {
            // erfc = 1 − erf, erf(x) = x · P(x²)/Q(x²).
            double t = x * x;
            double top = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947;
            double bottom = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
            return 1 - (x * top / bottom);
        }

        if (ax < 4)
        {
            double top = (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax + 66.1191906371416295) * ax + 298.635138197400131) * ax + 881.952221241769090) * ax + 1712.04761263407058) * ax + 2051.07837782607147) * ax + 1230.33935479799725;
            double bottom = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax + 4362.61909014324716) * ax + 3439.36767414372164) * ax + 1230.33935480374942;
            result = Scaled(ax) * top / bottom;
        }
        else
        {
            double z = 1 / (ax * ax);
            double top = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
            double bottom = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z + 2.33520497626869185e-3;
            result = Scaled(ax) * (0.564189583547756287 - (z * top / bottom)) / ax;
        }

        return x < 0 ? 2 - result : result;
    }

    /// <summary>exp(−x²) with x² split into a part exact in double and a remainder, so large x keep their digits.</summary>
    private static double Scaled(double x)
    {
        double high = Math.Truncate(x * 16) / 16;
        double low = (x - high) * (x + high);
        return Math.Exp(-high * high) * Math.Exp(-low);
    }
}
