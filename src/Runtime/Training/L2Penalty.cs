using System;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>
/// Maps the user-facing regularization settings to the L2 strength λ of the sum-scale objective
/// F(θ) = Σᵢ sᵢ·Lᵢ + (λ/2)‖w‖² (see <see cref="ILogisticObjective"/>). The bias is never penalized.
/// </summary>
internal static class L2Penalty
{
    /// <summary>
    /// scikit-learn's parametrization: minimize C·Σᵢ sᵢ·Lᵢ + ½‖w‖². Dividing by C gives F with
    /// λ = 1/C, which has the same minimizer.
    /// </summary>
    /// <param name="c">The inverse regularization strength C, positive; <see cref="double.PositiveInfinity"/> means no penalty.</param>
    /// <returns>λ = 1/C (0 for C = ∞).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="c"/> is not positive (or is NaN).</exception>
    public static double FromC(double c)
    {
        if (OptionRules.Check(nameof(OptionRules.C), c) is { } rule)
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, rule);
        }

        return 1d / c;
    }

    /// <summary>
    /// scikit-learn's elastic net, C·Σᵢ sᵢ·Lᵢ + ((1 − ρ)/2)‖w‖² + ρ‖w‖₁, divided by C: the L2 strength
    /// λ = (1 − ρ)/C and the L1 strength α = ρ/C of the sum-scale objective.
    /// </summary>
    /// <param name="options">The validated settings.</param>
    /// <param name="totalWeight">S, for the mean-scale L2 option.</param>
    /// <returns>λ and α (α = 0 without <see cref="TrainingOptions.L1Ratio"/>).</returns>
    public static (double L2, double L1) From(TrainingOptions options, double totalWeight)
    {
        if (options.C is not double c)
        {
            return (FromMeanScale(options.L2, totalWeight), 0d);
        }

        double inverse = FromC(c);
        return options.L1Ratio > 0d ? ((1d - options.L1Ratio) * inverse, options.L1Ratio * inverse) : (inverse, 0d);
    }

    /// <summary>
    /// The notes' mean scale: minimize J(w, b) + (L2/2)‖w‖² with J = (1/S)·Σᵢ sᵢ·Lᵢ the (weighted)
    /// mean cross-entropy and S = Σᵢ sᵢ. Multiplying by S gives F with λ = L2·S.
    /// </summary>
    /// <param name="l2">The strength L2 on the mean scale, finite and at least 0.</param>
    /// <param name="totalWeight">S, the sum of the sample weights (m when unweighted), positive.</param>
    /// <returns>λ = L2·S.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double FromMeanScale(double l2, double totalWeight)
    {
        if (OptionRules.Check(nameof(OptionRules.L2), l2) is { } rule)
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, rule);
        }

        if (!(totalWeight > 0d && double.IsFinite(totalWeight)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(totalWeight),
                totalWeight,
                string.Create(CultureInfo.InvariantCulture, $"The total sample weight must be finite and positive but is {totalWeight}."));
        }

        return l2 * totalWeight;
    }
}
