using System;

namespace LogRegGen.Optimization;

/// <summary>
/// Proximal Newton's method for F(θ) + α‖w‖₁ (an L1 or elastic-net penalty on the weights, never on an
/// intercept): each iteration takes F's gradient g and Hessian H in one pass over the data, minimizes the
/// quadratic model gᵀd + ½dᵀHd + α‖w + d‖₁ by cyclic coordinate descent (soft-thresholding each weight,
/// so a weight the penalty silences becomes exactly 0), and backtracks along d until the whole objective
/// decreases enough. This is the scheme of glmnet and of liblinear's newGLMNET: the data is read once per
/// outer iteration, the coordinate sweeps work on the d × d Hessian alone, and near the optimum the steps
/// are full Newton steps, so it converges in a handful of passes to the exact optimum with exact zeros.
/// </summary>
/// <remarks>
/// It stops when the minimum-norm subgradient is small: per weight, gⱼ + α·sign(wⱼ) where wⱼ ≠ 0 and
/// max(|gⱼ| − α, 0) where wⱼ = 0; per intercept, gⱼ. Its ∞-norm is compared with the tolerance on the
/// same sum scale as every other solver's gradient. With α = 0 it is Newton's method with an iterative
/// inner solve.
/// </remarks>
internal sealed class ProximalNewtonSolver : IterativeSolver
{
    /// <summary>Armijo's constant for the composite objective (liblinear and glmnet use 0.01 and 1e-4).</summary>
    private const double SufficientDecrease = 1e-4;

    /// <summary>The number of step halvings tried before giving up.</summary>
    private const int MaxBacktracks = 50;

    /// <summary>The most coordinate sweeps of one inner solve.</summary>
    private const int MaxSweeps = 10_000;

    /// <summary>An inner solve stops when no coordinate moves by more than this, relative to its size (or 1).</summary>
    private const double SweepTolerance = 1e-13;

    /// <summary>
    /// The most parameters (n + 1, or K·(n + 1)) proximal Newton takes: it keeps the d × d Hessian, computes it in
    /// every pass (O(m·d²)) and sweeps it coordinate by coordinate (d² a sweep), so past about a thousand
    /// parameters both the memory and the passes grow out of proportion to an L1 fit's use.
    /// </summary>
    public const int MaxDimension = 1024;

    /// <summary>Throws unless proximal Newton can take <paramref name="dimension"/> parameters.</summary>
    /// <exception cref="ArgumentException">There are more than <see cref="MaxDimension"/>.</exception>
    private static void CheckDimension(int dimension)
    {
        if (dimension > MaxDimension)
        {
            throw new ArgumentException(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"An L1 penalty is solved by proximal Newton, which keeps the d × d Hessian: at most {MaxDimension} parameters, but this model has {dimension} (n + 1 per class). Use L1Ratio = 0 for the L2 penalty, which L-BFGS solves at any size."),
                "options");
        }
    }

    /// <summary>
    /// The solver for F + α‖w‖₁ when θ is blocks of <paramref name="featureCount"/> weights, each followed by its
    /// intercept when one is fitted (one block for a binary model, K for a multinomial one): the weights carry the
    /// L1 term, the intercepts do not.
    /// </summary>
    /// <exception cref="ArgumentException">There are more than <see cref="MaxDimension"/> parameters.</exception>
    public static ProximalNewtonSolver ForWeights(double l1Strength, int dimension, int featureCount, bool fitIntercept)
    {
        CheckDimension(dimension);
        var penalized = new bool[dimension];
        int block = featureCount + (fitIntercept ? 1 : 0);
        for (int start = 0; start < dimension; start += block)
        {
            penalized.AsSpan(start, featureCount).Fill(true);
        }

        return new ProximalNewtonSolver(l1Strength, penalized);
    }

    /// <summary>Creates the solver for F + α Σ |θⱼ| over the penalized indices.</summary>
    /// <param name="l1Strength">α ≥ 0 on the sum scale.</param>
    /// <param name="penalized">Whether each parameter carries the L1 term (the weights do, intercepts do not).</param>
    private ProximalNewtonSolver(double l1Strength, bool[] penalized)
    {
        L1Strength = l1Strength;
        Penalized = penalized;
    }

    /// <summary>α, the L1 strength on the sum scale.</summary>
    public double L1Strength { get; }

    /// <summary>Whether each parameter carries the L1 term.</summary>
    public bool[] Penalized { get; }

    /// <inheritdoc />
    public override SolverResult Minimize(ILogisticObjective objective, Span<double> theta)
    {
        CheckDimension(objective, theta);
        int d = objective.Dimension;
        var gradient = new double[d];
        var hessian = new double[d * d];
        var target = new double[d];
        var moved = new double[d];
        var trial = new double[d];
        var trialGradient = new double[d];
        var trialHessian = new double[d * d];
        double smooth = objective.ValueGradientAndHessian(theta, gradient, hessian);
        double value = smooth + Penalty(theta);
        int evaluations = 1;
        for (int iteration = 0; ; iteration++)
        {
            double norm = SubgradientNorm(theta, gradient);
            if (ShouldStop(iteration, value, norm, out SolverStopReason reason))
            {
                return new SolverResult(reason, iteration, value, norm, evaluations);
            }

            // The quadratic model's minimizer, as the point u = θ + d it steps to (so that a weight it
            // zeroes is exactly 0 after a full step, not θⱼ + (−θⱼ) rounded).
            SolveModel(hessian, gradient, theta, target, moved);
            double decrease = 0d;
            for (int j = 0; j < d; j++)
            {
                decrease += gradient[j] * (target[j] - theta[j]);
            }

            decrease += Penalty(target) - Penalty(theta);
            if (!(decrease < 0d))
            {
                // The model predicts no decrease: θ is optimal to the model's precision.
                return new SolverResult(SolverStopReason.LineSearchFailed, iteration, value, norm, evaluations);
            }

            bool accepted = false;
            for (int halvings = 0; halvings <= MaxBacktracks && !accepted; halvings++)
            {
                double length = Math.ScaleB(1d, -halvings);
                for (int j = 0; j < d; j++)
                {
                    trial[j] = halvings == 0 ? target[j] : theta[j] + (length * (target[j] - theta[j]));
                }

                double trialSmooth = objective.ValueGradientAndHessian(trial, trialGradient, trialHessian);
                double trialValue = trialSmooth + Penalty(trial);
                evaluations++;
                if (trialValue <= value + (SufficientDecrease * length * decrease) + NewtonSolver.RoundingAllowance(value))
                {
                    trial.CopyTo(theta);
                    (gradient, trialGradient) = (trialGradient, gradient);
                    (hessian, trialHessian) = (trialHessian, hessian);
                    value = trialValue;
                    accepted = true;
                }
            }

            if (!accepted)
            {
                return new SolverResult(SolverStopReason.LineSearchFailed, iteration, value, norm, evaluations);
            }
        }
    }

    /// <summary>α Σ |θⱼ| over the penalized parameters.</summary>
    private double Penalty(ReadOnlySpan<double> theta)
    {
        double sum = 0d;
        for (int j = 0; j < theta.Length; j++)
        {
            sum += Penalized[j] ? Math.Abs(theta[j]) : 0d;
        }

        return L1Strength * sum;
    }

    /// <summary>The ∞-norm of the minimum-norm subgradient of F + α‖w‖₁ at θ.</summary>
    private double SubgradientNorm(ReadOnlySpan<double> theta, ReadOnlySpan<double> gradient)
    {
        double max = 0d;
        for (int j = 0; j < theta.Length; j++)
        {
            double g = gradient[j];
            double r = !Penalized[j] ? g
                : theta[j] > 0d ? g + L1Strength
                : theta[j] < 0d ? g - L1Strength
                : Math.Max(Math.Abs(g) - L1Strength, 0d);
            max = Math.Max(max, double.IsNaN(r) ? double.PositiveInfinity : Math.Abs(r));
        }

        return max;
    }

    /// <summary>
    /// Cyclic coordinate descent on gᵀ(u − θ) + ½(u − θ)ᵀH(u − θ) + α Σ_penalized |uⱼ| from u = θ: each
    /// coordinate minimizes exactly (a soft-threshold for a penalized one), and H(u − θ) is kept up to date
    /// column by column, so a sweep costs d². Sweeps until no coordinate moves.
    /// </summary>
    private void SolveModel(ReadOnlySpan<double> hessian, ReadOnlySpan<double> gradient, ReadOnlySpan<double> theta, Span<double> u, Span<double> hStep)
    {
        int d = theta.Length;
        theta.CopyTo(u);
        hStep.Clear();
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            bool still = true;
            for (int j = 0; j < d; j++)
            {
                double a = hessian[(j * d) + j];
                if (!(a > 0d))
                {
                    continue;
                }

                double slope = gradient[j] + hStep[j];
                double free = u[j] - (slope / a);
                double next = !Penalized[j] ? free
                    : free > L1Strength / a ? free - (L1Strength / a)
                    : free < -L1Strength / a ? free + (L1Strength / a)
                    : 0d;
                double delta = next - u[j];
                if (delta == 0d)
                {
                    continue;
                }

                u[j] = next;
                ReadOnlySpan<double> column = hessian.Slice(j * d, d);
                for (int k = 0; k < d; k++)
                {
                    hStep[k] += delta * column[k];
                }

                still &= Math.Abs(delta) <= SweepTolerance * Math.Max(1d, Math.Abs(next));
            }

            if (still)
            {
                return;
            }
        }
    }
}
