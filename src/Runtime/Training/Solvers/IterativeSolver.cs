using System;
using System.Globalization;
using System.Threading;

namespace LogRegGen.Optimization;

/// <summary>What every solver is: a minimizer of the objective, with the stopping rules, progress reporting and cancellation they share.</summary>
internal abstract class IterativeSolver
{
    private double _tolerance = 1e-4;
    private int _maxIterations = 100;

    /// <summary>
    /// Stop when ‖∇F‖∞ is at most this, as scikit-learn's <c>tol</c> for lbfgs (on the same sum
    /// scale in version 1.2). Default 1e-4; 0 never stops early.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or NaN.</exception>
    public double Tolerance
    {
        get => _tolerance;
        set => _tolerance = value >= 0d
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Tolerance), value, "The tolerance must be at least 0.");
    }

    /// <summary>The maximum number of iterations (epochs, for SGD). Default 100, as scikit-learn's <c>max_iter</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxIterations
    {
        get => _maxIterations;
        set => _maxIterations = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "The maximum number of iterations must be at least 0.");
    }

    /// <summary>Receives the iteration, F and ‖∇F‖∞ before the first update and after each one; null for none.</summary>
    public IProgress<SolverProgress>? Progress { get; set; }

    /// <summary>Checked once per iteration; cancelling makes the solver throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Minimizes F from the given start, within the stopping rules above.</summary>
    /// <param name="objective">F.</param>
    /// <param name="theta">The start on entry (e.g. zeros), the result on return.</param>
    /// <returns>Why it stopped, the number of updates and F and the gradient norm at the result.</returns>
    /// <exception cref="ArgumentException"><paramref name="theta"/>'s length is not the objective's dimension.</exception>
    /// <exception cref="ArithmeticException">F or its gradient stopped being finite.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public abstract SolverResult Minimize(ILogisticObjective objective, Span<double> theta);

    /// <summary>What the message of a diverged run advises.</summary>
    protected virtual string DivergenceAdvice => "check the data";

    /// <summary>The largest absolute component, ‖v‖∞ (NaN if any component is NaN).</summary>
    /// <param name="v">The vector.</param>
    /// <returns>max |vᵢ|.</returns>
    internal static double InfinityNorm(ReadOnlySpan<double> v)
    {
        double max = 0d;
        foreach (double x in v)
        {
            double a = Math.Abs(x);
            if (!(a <= max))
            {
                max = a;
                if (double.IsNaN(a))
                {
                    return a;
                }
            }
        }

        return max;
    }

    /// <summary>The dot product Σ aᵢbᵢ.</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector, as long as the first.</param>
    /// <returns>aᵀb.</returns>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0d;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Checks that θ has the objective's dimension.</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="theta">The parameters.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    protected static void CheckDimension(ILogisticObjective objective, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (theta.Length != objective.Dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {objective.Dimension} parameters but got {theta.Length}."),
                nameof(theta));
        }
    }

    /// <summary>
    /// Reports progress, checks for cancellation and applies the stopping rules, in that order.
    /// </summary>
    /// <param name="iteration">The number of updates performed so far.</param>
    /// <param name="value">F at the current parameters.</param>
    /// <param name="gradientNorm">‖∇F‖∞ at the current parameters.</param>
    /// <param name="reason">The reason to stop, when the method returns true.</param>
    /// <returns>True when the solver should stop.</returns>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <exception cref="ArithmeticException">F or its gradient is not finite.</exception>
    protected bool ShouldStop(int iteration, double value, double gradientNorm, out SolverStopReason reason)
    {
        Progress?.Report(new SolverProgress(iteration, value, gradientNorm));
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
        {
            throw new ArithmeticException(string.Create(
                CultureInfo.InvariantCulture,
                $"The objective became {value} with gradient norm {gradientNorm} after {iteration} iterations; {DivergenceAdvice}."));
        }

        if (gradientNorm <= Tolerance)
        {
            reason = SolverStopReason.Converged;
            return true;
        }

        if (iteration >= MaxIterations)
        {
            reason = SolverStopReason.MaxIterations;
            return true;
        }

        CancellationToken.ThrowIfCancellationRequested();
        reason = default;
        return false;
    }
}
