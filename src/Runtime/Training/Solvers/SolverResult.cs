namespace LogRegGen.Optimization;

/// <summary>Why a solver returned.</summary>
internal enum SolverStopReason
{
    /// <summary>‖∇F‖∞ fell to the tolerance or below.</summary>
    Converged,

    /// <summary>The maximum number of iterations (epochs, for SGD) was performed first.</summary>
    MaxIterations,

    /// <summary>
    /// The line search found no step that lowers F: the parameters are the best found, normally
    /// with F at its minimum to within rounding but a tolerance below what rounding allows.
    /// </summary>
    LineSearchFailed,
}

/// <summary>The outcome of a solver run; the parameters themselves are written to the caller's span.</summary>
/// <param name="Reason">Why the solver stopped.</param>
/// <param name="Iterations">The number of updates of θ performed (scikit-learn's <c>n_iter_</c>; epochs for SGD).</param>
/// <param name="Value">F at the returned parameters.</param>
/// <param name="GradientNorm">‖∇F‖∞ at the returned parameters.</param>
/// <param name="Evaluations">The number of value-and-gradient evaluations (full passes; SGD counts its end-of-epoch passes).</param>
internal readonly record struct SolverResult(SolverStopReason Reason, int Iterations, double Value, double GradientNorm, int Evaluations)
{
    /// <summary>True when the gradient tolerance was met.</summary>
    public bool Converged => Reason == SolverStopReason.Converged;
}

/// <summary>Progress of a solver, reported after each iteration (and once before the first).</summary>
/// <param name="Iteration">The number of updates performed so far.</param>
/// <param name="Value">F at the current parameters.</param>
/// <param name="GradientNorm">‖∇F‖∞ at the current parameters.</param>
internal readonly record struct SolverProgress(int Iteration, double Value, double GradientNorm);
