using System;

namespace LogRegGen.Optimization;

/// <summary>
/// Limited-memory BFGS: the direction −H∇F comes from the two-loop recursion over the last
/// <see cref="Memory"/> steps sₖ = θₖ₊₁ − θₖ and gradient changes yₖ = ∇Fₖ₊₁ − ∇Fₖ, and each step
/// length from a strong-Wolfe line search (<see cref="WolfeLineSearch"/>). It needs only
/// gradients, O(m·d) each, so it also suits many features; this is scikit-learn's default solver.
/// </summary>
internal sealed class LbfgsSolver : IterativeSolver
{
    private int _memory = 10;

    /// <summary>The number of (s, y) pairs kept. Default 10, as scikit-learn.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Memory
    {
        get => _memory;
        set => _memory = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Memory), value, "The memory must be at least 1.");
    }

    /// <summary>
    /// Minimizes F from the given start. Stops when ‖∇F‖∞ ≤ <see cref="IterativeSolver.Tolerance"/>,
    /// after <see cref="IterativeSolver.MaxIterations"/> updates, or when even a steepest-descent
    /// line search cannot lower F.
    /// </summary>
    /// <param name="objective">F.</param>
    /// <param name="theta">The start on entry (e.g. zeros), the solution on return.</param>
    /// <returns>Why it stopped, the iteration count and F and ‖∇F‖∞ at the solution.</returns>
    /// <exception cref="ArgumentException"><paramref name="theta"/>'s length is not the objective's dimension.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public override SolverResult Minimize(ILogisticObjective objective, Span<double> theta)
    {
        CheckDimension(objective, theta);
        int d = objective.Dimension;
        var history = new History(Memory, d);
        var gradient = new double[d];
        var previousTheta = new double[d];
        var previousGradient = new double[d];
        var direction = new double[d];
        var lineSearch = new WolfeLineSearch(objective);

        double value = objective.ValueAndGradient(theta, gradient);
        int evaluations = 1;
        for (int iteration = 0; ; iteration++)
        {
            double norm = InfinityNorm(gradient);
            if (ShouldStop(iteration, value, norm, out SolverStopReason reason))
            {
                return new SolverResult(reason, iteration, value, norm, evaluations);
            }

            theta.CopyTo(previousTheta);
            gradient.CopyTo(previousGradient);
            bool moved = false;
            while (!moved)
            {
                bool steepest = history.Count == 0;
                history.Direction(gradient, direction);
                if (!steepest && !(Dot(gradient, direction) < 0d))
                {
                    history.Clear();
                    continue;
                }

                // Without curvature information, the first step has length 1 in θ (at most a unit step).
                double initialStep = steepest ? Math.Min(1d, 1d / Math.Sqrt(Dot(gradient, gradient))) : 1d;
                moved = lineSearch.Search(theta, gradient, ref value, direction, initialStep);
                evaluations += lineSearch.Evaluations;
                if (!moved && steepest)
                {
                    return new SolverResult(SolverStopReason.LineSearchFailed, iteration, value, norm, evaluations);
                }

                if (!moved)
                {
                    history.Clear();
                }
            }

            history.Push(theta, previousTheta, gradient, previousGradient);
        }
    }

    /// <summary>The ring buffer of (s, y, 1/yᵀs) and the two-loop recursion over it.</summary>
    private sealed class History
    {
        private readonly double[][] _s;
        private readonly double[][] _y;
        private readonly double[] _rho;
        private readonly double[] _alpha;
        private int _newest = -1;

        public History(int memory, int dimension)
        {
            _s = new double[memory][];
            _y = new double[memory][];
            for (int k = 0; k < memory; k++)
            {
                _s[k] = new double[dimension];
                _y[k] = new double[dimension];
            }

            _rho = new double[memory];
            _alpha = new double[memory];
        }

        public int Count { get; private set; }

        public void Clear()
        {
            Count = 0;
            _newest = -1;
        }

        /// <summary>Stores s = θ − θ₋ and y = g − g₋, unless yᵀs is not safely positive (then the pair would break positive definiteness).</summary>
        public void Push(ReadOnlySpan<double> theta, ReadOnlySpan<double> previousTheta, ReadOnlySpan<double> gradient, ReadOnlySpan<double> previousGradient)
        {
            int slot = (_newest + 1) % _s.Length;
            double[] s = _s[slot], y = _y[slot];
            for (int j = 0; j < s.Length; j++)
            {
                s[j] = theta[j] - previousTheta[j];
                y[j] = gradient[j] - previousGradient[j];
            }

            double ys = Dot(y, s);
            if (!(ys > 1e-10 * Math.Sqrt(Dot(y, y) * Dot(s, s))))
            {
                return;
            }

            _rho[slot] = 1d / ys;
            _newest = slot;
            Count = Math.Min(Count + 1, _s.Length);
        }

        /// <summary>Writes p = −H∇F by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I from the newest pair (−∇F when empty).</summary>
        public void Direction(ReadOnlySpan<double> gradient, Span<double> p)
        {
            for (int j = 0; j < p.Length; j++)
            {
                p[j] = -gradient[j];
            }

            if (Count == 0)
            {
                return;
            }

            int m = _s.Length;
            for (int k = 0; k < Count; k++)
            {
                int slot = (_newest - k + m) % m;
                _alpha[slot] = _rho[slot] * Dot(_s[slot], p);
                Axpy(-_alpha[slot], _y[slot], p);
            }

            double[] yNew = _y[_newest];
            double gamma = 1d / (_rho[_newest] * Dot(yNew, yNew));
            for (int j = 0; j < p.Length; j++)
            {
                p[j] *= gamma;
            }

            for (int k = Count - 1; k >= 0; k--)
            {
                int slot = (_newest - k + m) % m;
                double beta = _rho[slot] * Dot(_y[slot], p);
                Axpy(_alpha[slot] - beta, _s[slot], p);
            }
        }

        private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int j = 0; j < y.Length; j++)
            {
                y[j] += a * x[j];
            }
        }
    }
}
