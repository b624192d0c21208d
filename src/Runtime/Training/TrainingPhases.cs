using System;
using System.Globalization;

namespace LogRegGen;

/// <summary>
/// Where the time of one <c>Train</c> call went, phase by phase (wall-clock time on the calling
/// thread; a pass over the data that runs on several cores counts once).
/// </summary>
/// <param name="Validation">Checking the options, the shapes, every feature value, the labels and the weights.</param>
/// <param name="Standardization">Computing each feature's mean and scale (and, for gradient descent, writing the standardized copy of X).</param>
/// <param name="GradientPasses">Passes over the data that compute the cost and its gradient (with Newton's warm start on a
/// subsample, from 262,144 samples on, its gradient-only passes over a sixteenth of the samples too).</param>
/// <param name="GradientPassCount">How many such passes over all samples ran (line-search trials and SGD's mini-batches included, a trial that also
/// computes a Hessian counted as a Hessian pass instead; the warm start's are not counted).</param>
/// <param name="HessianPasses">Passes that compute the Hessian, alone or together with the gradient (Newton's method), the warm start's
/// passes over a sixteenth of the samples included, and the gradient pass of a warm-started Newton's first step, which also sums a
/// quarter of the samples' Hessian.</param>
/// <param name="HessianPassCount">How many such passes over all samples ran (the warm start's are not counted, so a warm-started Newton
/// that needs no exact Hessian shows 1 pass, its first step's full-length trial, and the warm start's time; should the line search
/// shorten that step, the quarter's Hessian at the point taken is a pass over a quarter, whose time counts and whose pass does not).</param>
/// <param name="Solver">The solver's own arithmetic outside those passes: Cholesky factorizations, directions, line-search bookkeeping.</param>
/// <param name="Total">The whole call, from the first check to the folded-back weights.</param>
public readonly record struct TrainingPhases(
    TimeSpan Validation,
    TimeSpan Standardization,
    TimeSpan GradientPasses,
    int GradientPassCount,
    TimeSpan HessianPasses,
    int HessianPassCount,
    TimeSpan Solver,
    TimeSpan Total)
{
    /// <summary>A one-line breakdown in milliseconds, e.g. "validation 4.1 ms, standardization 9.8 ms, 6 gradient passes 61.0 ms, …".</summary>
    /// <returns>The breakdown, formatted with the invariant culture.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"validation {Validation.TotalMilliseconds:F1} ms, standardization {Standardization.TotalMilliseconds:F1} ms, {GradientPassCount} gradient passes {GradientPasses.TotalMilliseconds:F1} ms, {HessianPassCount} Hessian passes {HessianPasses.TotalMilliseconds:F1} ms, solver {Solver.TotalMilliseconds:F1} ms, total {Total.TotalMilliseconds:F1} ms");
}
