using System;

namespace LogRegGen.Optimization;

/// <summary>
/// Damped Newton's method (IRLS, for logistic regression): each iteration solves ∇²F·p = −∇F
/// with a Cholesky factorization and backtracks along p until F decreases enough (Armijo). For
/// the convex cross-entropy it converges quadratically near the optimum, in a handful of
/// iterations; each costs one Hessian, O(m·d²), and a d³/3 factorization, so it suits small and
/// medium numbers of features.
/// </summary>
internal sealed class NewtonSolver : IterativeSolver
{
    /// <summary>Armijo's sufficient-decrease constant.</summary>
    private const double SufficientDecrease = 1e-4;

    /// <summary>The number of step halvings tried before giving up.</summary>
    private const int MaxBacktracks = 50;

    /// <summary>
    /// Up to this many parameters, each full-step trial point is evaluated with its Hessian in the
    /// same pass over the data (<see cref="ILogisticObjective.ValueGradientAndHessian"/>): the Hessian
    /// then shares the pass's logits and its read of X, and an accepted full step — the usual case —
    /// saves a whole gradient pass per iteration. The price is a Hessian that is never used, at the
    /// final point and at rejected trials. With float products (<see cref="HessianAccumulator"/>) the
    /// Hessian's own work at n = 64 is about twice a gradient pass's, so over a typical six iterations the
    /// saved passes outweigh the one unused Hessian well past that n; past about 128 the Hessian's n²
    /// work dominates and the separate passes win.
    /// </summary>
    internal const int FusedDimensionLimit = 129;

    /// <summary>How far below the tolerance the predicted next gradient norm must be for its pass to skip the Hessian.</summary>
    private const double ConvergenceMargin = 0.25;

    /// <summary>The relative rise of F accepted as rounding noise in the line search.</summary>
    private const double RelativeRounding = 1e-13;

    /// <summary>
    /// Minimizes F from the given start. Stops when ‖∇F‖∞ ≤ <see cref="IterativeSolver.Tolerance"/>,
    /// after <see cref="IterativeSolver.MaxIterations"/> updates, or when no step lowers F.
    /// </summary>
    /// <param name="objective">F.</param>
    /// <param name="theta">The start on entry (e.g. zeros), the solution on return.</param>
    /// <returns>Why it stopped, the iteration count and F and ‖∇F‖∞ at the solution.</returns>
    /// <exception cref="ArgumentException"><paramref name="theta"/>'s length is not the objective's dimension.</exception>
    /// <exception cref="NotPositiveDefiniteException">The Hessian is far from positive definite.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public override SolverResult Minimize(ILogisticObjective objective, Span<double> theta)
    {
        // Taken (and cleared) on entry, whichever way this call ends.
        double[]? given = FrozenHessian;
        int refreshEvery = RefreshEvery;
        FrozenHessian = null;
        RefreshEvery = 0;
        CheckDimension(objective, theta);
        int d = objective.Dimension;
        LastHessianIsSet = false;
        CorrectedHessian = null;
        bool fuse = d <= FusedDimensionLimit;
        var gradient = new double[d];
        var trialGradient = new double[d];
        var step = new double[d];
        var trial = new double[d];
        var hessian = new double[d * d];
        var trialHessian = new double[d * d];
        var scratch = new double[d * d];

        // A frozen Hessian steps every iteration while the gradient keeps shrinking fast: factored once, or, up to
        // FusedDimensionLimit parameters, again whenever it is refreshed (from a subsample of the whole data) or corrected.
        refreshEvery = d <= FusedDimensionLimit && objective is ISubsampledObjective { IsSubsample: false } ? refreshEvery : 0;
        double[]? frozen = null, approximation = null, previousGradient = null;
        if (given is not null)
        {
            approximation = (double[])given.Clone();
            frozen = (double[])given.Clone();
            previousGradient = new double[d];
            CholeskySolver.FactorWithJitter(frozen, d, scratch);
        }

        double value = fuse && frozen is null ? objective.ValueGradientAndHessian(theta, gradient, hessian) : objective.ValueAndGradient(theta, gradient);
        bool haveHessian = fuse && frozen is null;
        int evaluations = 1;
        double previousNorm = double.NaN;
        for (int iteration = 0; ; iteration++)
        {
            double norm = InfinityNorm(gradient);
            if (ShouldStop(iteration, value, norm, out SolverStopReason reason))
            {
                // Still stepping with the approximation: it, corrected by the steps so far, is what this solve
                // knows of the Hessian at its solution.
                CorrectedHessian = frozen is not null && iteration > 0 ? approximation : null;
                return new SolverResult(reason, iteration, value, norm, evaluations);
            }

            if (frozen is not null && previousNorm > 0d && norm > FrozenRateLimit * previousNorm)
            {
                // Converging too slowly for an approximate Hessian: exact ones from here on.
                frozen = null;
                previousNorm = double.NaN;
            }

            if (frozen is not null)
            {
                previousNorm = norm;
                for (int j = 0; j < d; j++)
                {
                    step[j] = -gradient[j];
                }

                CholeskySolver.Solve(frozen, d, step);
                gradient.CopyTo(previousGradient!, 0);

                // The first step's full-step point gets its subsample's Hessian in the same pass as its gradient.
                if (TryStep(objective, theta, gradient, ref value, step, trial, trialGradient, refreshEvery > 0 ? trialHessian : default, ref evaluations, out int taken, refreshEvery))
                {
                    // Up to FusedDimensionLimit parameters, where refactoring costs next to nothing (d³/3), the
                    // approximation improves as the steps go: after the first, it is a larger subsample's Hessian at the
                    // new point, much nearer the optimum (RefreshEvery); after each later one, the step and the change of
                    // the gradient it made correct it (BFGS), so the steps converge faster than its own error allows.
                    bool improved = false;
                    if (refreshEvery > 0)
                    {
                        if (taken == 0)
                        {
                            trialHessian.CopyTo(approximation!, 0);
                        }
                        else
                        {
                            // A shortened step: the pass's Hessian was at the full step's point; one at the point taken.
                            ((ISubsampledObjective)objective).Subsampled(refreshEvery).Hessian(theta, approximation);
                        }

                        refreshEvery = 0;
                        improved = true;
                    }
                    else if (d <= FusedDimensionLimit)
                    {
                        improved = UpdateApproximation(approximation!, step, Math.ScaleB(1d, -taken), gradient, previousGradient!, trial);
                    }

                    if (improved)
                    {
                        approximation!.CopyTo(frozen, 0);
                        CholeskySolver.FactorWithJitter(frozen, d, scratch);
                    }

                    continue;
                }

                // A step the line search rejects: exact Hessians from here on, from the same point.
                frozen = null;
                previousNorm = double.NaN;
                continue;
            }

            // Quadratic convergence, ‖∇F‖ shrinking like C‖∇F‖² with C from the last full step: when the
            // next point is predicted to converge by a wide margin, its pass skips the Hessian it would not
            // use. A wrong prediction costs one separate Hessian pass in the next iteration, nothing else.
            bool predictConverged = haveHessian && previousNorm > 0d && norm / (previousNorm * previousNorm) * norm * norm <= ConvergenceMargin * Tolerance;
            previousNorm = norm;

            if (!haveHessian)
            {
                objective.Hessian(theta, hessian);
            }

            if (LastHessian is { } last)
            {
                hessian.AsSpan().CopyTo(last);
                LastHessianIsSet = true;
            }

            NewtonStep(hessian, gradient, scratch, step);

            // The full step is usually accepted: then its Hessian, from the same pass, serves the next iteration.
            bool fuseTrial = fuse && !predictConverged;
            if (!TryStep(objective, theta, gradient, ref value, step, trial, trialGradient, fuseTrial ? trialHessian : default, ref evaluations, out int halvings))
            {
                return new SolverResult(SolverStopReason.LineSearchFailed, iteration, value, norm, evaluations);
            }

            haveHessian = fuseTrial && halvings == 0;
            if (haveHessian)
            {
                (hessian, trialHessian) = (trialHessian, hessian);
            }
            else
            {
                previousNorm = double.NaN;
            }
        }
    }

    /// <summary>
    /// A Hessian to use for the first iterations instead of computing one per iteration (d × d, row-major;
    /// cleared when <see cref="Minimize"/> takes it): an approximation, such as a subsample's Hessian near the
    /// optimum, turns Newton's iterations into gradient passes that converge linearly at the approximation's
    /// relative error. It is factored once; up to <see cref="FusedDimensionLimit"/> parameters it is replaced
    /// by a subsample's Hessian after the first step (<see cref="RefreshEvery"/>) and corrected by BFGS after each later one, and
    /// refactored each time (d³/3 flops). Exact Hessians take over as soon as an iteration
    /// shrinks ‖∇F‖ by less than <see cref="FrozenRateLimit"/> or its step fails the line search.
    /// </summary>
    internal double[]? FrozenHessian { get; set; }

    /// <summary>
    /// Where <see cref="Minimize"/> keeps a copy of each exact Hessian it steps with (d × d, row-major), or null
    /// for no copy: after the solve, the Hessian at the point one step before its solution (see
    /// <see cref="LastHessianIsSet"/>), which a warm start uses instead of a pass of its own.
    /// </summary>
    internal double[]? LastHessian { get; set; }

    /// <summary>Whether <see cref="LastHessian"/> was written (false when no exact Newton step was taken).</summary>
    internal bool LastHessianIsSet { get; private set; }

    /// <summary>
    /// After a solve that stopped while still stepping with <see cref="FrozenHessian"/> (at least one step): that
    /// approximation as refreshed and BFGS-corrected by the steps up to <see cref="FusedDimensionLimit"/>
    /// parameters, unchanged above (d × d, row-major, not factored); else null.
    /// </summary>
    internal double[]? CorrectedHessian { get; private set; }

    /// <summary>
    /// The BFGS update of a Hessian approximation B (d × d, row-major) by a step s = <paramref name="length"/>·p
    /// that changed the gradient by y: B + y yᵀ/(yᵀs) − (Bs)(Bs)ᵀ/(sᵀBs), which makes B map s to y exactly.
    /// Skipped (false) unless both curvatures are clearly positive, as they are for a convex objective.
    /// </summary>
    /// <param name="b">B, updated in place.</param>
    /// <param name="step">p, the step's direction.</param>
    /// <param name="length">The fraction of p taken.</param>
    /// <param name="gradient">∇F after the step.</param>
    /// <param name="previousGradient">∇F before it.</param>
    /// <param name="scratch">d doubles for Bs.</param>
    /// <returns>Whether B changed.</returns>
    internal static bool UpdateApproximation(double[] b, ReadOnlySpan<double> step, double length, ReadOnlySpan<double> gradient, ReadOnlySpan<double> previousGradient, Span<double> scratch)
    {
        int d = step.Length;
        double ys = 0d, sbs = 0d, ss = 0d, yy = 0d;
        for (int i = 0; i < d; i++)
        {
            double bs = 0d;
            for (int j = 0; j < d; j++)
            {
                bs += b[(i * d) + j] * step[j];
            }

            double si = length * step[i], yi = gradient[i] - previousGradient[i];
            scratch[i] = length * bs;
            ys += yi * length * step[i];
            sbs += si * scratch[i];
            ss += si * length * step[i];
            yy += yi * yi;
        }

        // Clearly positive: above rounding noise relative to |s|·|y| (a tiny yᵀs would add a huge term).
        if (!(ys > CurvatureFloor * Math.Sqrt(ss * yy)) || !(sbs > 0d) || !double.IsFinite(ys) || !double.IsFinite(sbs))
        {
            return false;
        }

        for (int i = 0; i < d; i++)
        {
            double yi = gradient[i] - previousGradient[i];
            for (int j = 0; j < d; j++)
            {
                b[(i * d) + j] += (yi * (gradient[j] - previousGradient[j]) / ys) - (scratch[i] * scratch[j] / sbs);
            }
        }

        return true;
    }

    /// <summary>
    /// With <see cref="FrozenHessian"/>, up to <see cref="FusedDimensionLimit"/> parameters and an
    /// <see cref="ISubsampledObjective"/>: the approximation is replaced after the first step by the Hessian of the
    /// subsample of one in this many samples at the new point, computed in the pass that evaluates that point's
    /// gradient (<see cref="ISubsampledObjective.ValueGradientAndSubsampledHessian"/>; by a pass of its own should the
    /// line search shorten the step). 0 for never. Cleared when <see cref="Minimize"/> starts.
    /// </summary>
    internal int RefreshEvery { get; set; }

    /// <summary>The smallest yᵀs, relative to |s|·|y|, that a BFGS correction accepts.</summary>
    private const double CurvatureFloor = 1e-10;

    /// <summary>The largest ratio of successive gradient norms at which a frozen Hessian is kept.</summary>
    private const double FrozenRateLimit = 0.125;

    /// <summary>
    /// A backtracking line search along <paramref name="step"/> (Armijo): the full step, then halvings.
    /// The full step's pass also computes the Hessian into <paramref name="fullStepHessian"/> unless it is
    /// empty: all samples', or with <paramref name="hessianEvery"/> above 1 that subsample's
    /// (<see cref="ISubsampledObjective.ValueGradientAndSubsampledHessian"/>). On success θ, ∇F and
    /// <paramref name="value"/> move to the accepted point.
    /// </summary>
    /// <returns>Whether a point was accepted; <paramref name="halvings"/> says how far along the step.</returns>
    private static bool TryStep(ILogisticObjective objective, Span<double> theta, double[] gradient, ref double value, double[] step, double[] trial, double[] trialGradient, Span<double> fullStepHessian, ref int evaluations, out int halvings, int hessianEvery = 1)
    {
        double slope = Dot(gradient, step);
        for (halvings = 0; halvings <= MaxBacktracks; halvings++)
        {
            double length = Math.ScaleB(1d, -halvings);
            Axpy(theta, length, step, trial);
            double trialValue = halvings != 0 || fullStepHessian.IsEmpty ? objective.ValueAndGradient(trial, trialGradient)
                : hessianEvery == 1 ? objective.ValueGradientAndHessian(trial, trialGradient, fullStepHessian)
                : ((ISubsampledObjective)objective).ValueGradientAndSubsampledHessian(trial, trialGradient, fullStepHessian, hessianEvery);
            evaluations++;
            if (trialValue <= value + (SufficientDecrease * length * slope) + RoundingAllowance(value))
            {
                trial.CopyTo(theta);
                trialGradient.CopyTo(gradient, 0);
                value = trialValue;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How much F may rise through rounding alone: near the optimum the predicted decrease is below
    /// the rounding of F's sum, and a full Newton step must still be taken.
    /// </summary>
    /// <param name="value">F at the current parameters.</param>
    /// <returns>1e−13·|F|, a few hundred ulps: the rounding of a sum of many losses.</returns>
    internal static double RoundingAllowance(double value) => RelativeRounding * Math.Abs(value);

    /// <summary>Writes p = −(∇²F)⁻¹∇F, with a small diagonal shift if the Hessian is nearly singular; factors <paramref name="hessian"/> in place.</summary>
    private static void NewtonStep(Span<double> hessian, ReadOnlySpan<double> gradient, Span<double> scratch, Span<double> step)
    {
        int d = gradient.Length;
        CholeskySolver.FactorWithJitter(hessian, d, scratch);
        for (int j = 0; j < d; j++)
        {
            step[j] = -gradient[j];
        }

        CholeskySolver.Solve(hessian, d, step);
    }

    /// <summary>result = x + a·y.</summary>
    internal static void Axpy(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> y, Span<double> result)
    {
        for (int j = 0; j < x.Length; j++)
        {
            result[j] = x[j] + (a * y[j]);
        }
    }
}
