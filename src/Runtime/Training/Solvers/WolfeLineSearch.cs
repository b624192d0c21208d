using System;

namespace LogRegGen.Optimization;

/// <summary>
/// A line search for the strong Wolfe conditions along a descent direction p from θ:
/// φ(α) = F(θ + αp) must satisfy φ(α) ≤ φ(0) + c₁αφ′(0) (sufficient decrease) and
/// |φ′(α)| ≤ c₂|φ′(0)| (curvature). It extrapolates until the conditions are met or a minimum is
/// bracketed, then narrows the bracket with safeguarded cubic interpolation (Nocedal and Wright,
/// Numerical Optimization, algorithms 3.5 and 3.6).
/// </summary>
internal sealed class WolfeLineSearch
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxEvaluations = 40;

    private readonly ILogisticObjective _objective;
    private readonly double[] _origin;
    private readonly double[] _originGradient;
    private readonly double[] _direction;
    private double _value0;
    private double _slope0;

    /// <summary>Creates a line search with its buffers for an objective.</summary>
    /// <param name="objective">F.</param>
    public WolfeLineSearch(ILogisticObjective objective)
    {
        _objective = objective;
        _origin = new double[objective.Dimension];
        _originGradient = new double[objective.Dimension];
        _direction = new double[objective.Dimension];
    }

    /// <summary>The number of value-and-gradient evaluations made by the last search.</summary>
    public int Evaluations { get; private set; }

    /// <summary>
    /// Searches along <paramref name="direction"/> from <paramref name="theta"/>. On success θ,
    /// its gradient and F are replaced by those at the accepted point.
    /// </summary>
    /// <param name="theta">θ on entry; the accepted point on success, unchanged on failure.</param>
    /// <param name="gradient">∇F(θ) on entry; the gradient at the accepted point on success, unchanged on failure.</param>
    /// <param name="value">F(θ) on entry; F at the accepted point on success.</param>
    /// <param name="direction">p, with ∇F(θ)ᵀp &lt; 0.</param>
    /// <param name="initialStep">The first α tried, positive.</param>
    /// <returns>True when a point with a lower F (normally meeting both conditions) was found.</returns>
    public bool Search(Span<double> theta, Span<double> gradient, ref double value, ReadOnlySpan<double> direction, double initialStep)
    {
        theta.CopyTo(_origin);
        gradient.CopyTo(_originGradient);
        direction.CopyTo(_direction);
        _value0 = value;
        _slope0 = IterativeSolver.Dot(gradient, direction);
        Evaluations = 0;
        if (!(_slope0 < 0d))
        {
            return false;
        }

        var previous = new Point(0d, value, _slope0);
        double alpha = initialStep;
        for (int i = 0; i < MaxEvaluations; i++)
        {
            Point current = Evaluate(alpha, theta, gradient);
            if (!SufficientDecrease(current) || (i > 0 && current.Value >= previous.Value))
            {
                return Zoom(previous, current, theta, gradient, ref value);
            }

            if (Curvature(current))
            {
                value = current.Value;
                return true;
            }

            if (current.Slope >= 0d)
            {
                return Zoom(current, previous, theta, gradient, ref value);
            }

            previous = current;
            alpha *= 2d;
        }

        return AcceptBest(previous, theta, gradient, ref value);
    }

    /// <summary>Interpolates the minimizer of the cubic through two points with values and slopes; NaN when it has none.</summary>
    internal static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db)
    {
        double d1 = da + db - (3d * (fa - fb) / (a - b));
        double discriminant = (d1 * d1) - (da * db);
        if (!(discriminant >= 0d))
        {
            return double.NaN;
        }

        double d2 = Math.CopySign(Math.Sqrt(discriminant), b - a);
        return b - ((b - a) * (db + d2 - d1) / (db - da + (2d * d2)));
    }

    /// <summary>Narrows [lo, hi] (lo satisfying sufficient decrease with the lower F) until a point meets both conditions.</summary>
    private bool Zoom(Point lo, Point hi, Span<double> theta, Span<double> gradient, ref double value)
    {
        while (Evaluations < MaxEvaluations)
        {
            double width = hi.Alpha - lo.Alpha;
            if (Math.Abs(width) <= 1e-16 * Math.Max(1d, Math.Abs(lo.Alpha)))
            {
                break;
            }

            double alpha = CubicMinimizer(lo.Alpha, lo.Value, lo.Slope, hi.Alpha, hi.Value, hi.Slope);
            double left = Math.Min(lo.Alpha, hi.Alpha) + (0.1d * Math.Abs(width));
            double right = Math.Max(lo.Alpha, hi.Alpha) - (0.1d * Math.Abs(width));
            if (!(alpha >= left && alpha <= right))
            {
                alpha = 0.5d * (lo.Alpha + hi.Alpha);
            }

            Point current = Evaluate(alpha, theta, gradient);
            if (!SufficientDecrease(current) || current.Value >= lo.Value)
            {
                hi = current;
                continue;
            }

            if (Curvature(current))
            {
                value = current.Value;
                return true;
            }

            if (current.Slope * width >= 0d)
            {
                hi = lo;
            }

            lo = current;
        }

        return AcceptBest(lo, theta, gradient, ref value);
    }

    /// <summary>Falls back to the best point seen if it lowers F; otherwise restores θ and fails.</summary>
    private bool AcceptBest(Point best, Span<double> theta, Span<double> gradient, ref double value)
    {
        if (best.Alpha > 0d && best.Value < _value0)
        {
            value = Evaluate(best.Alpha, theta, gradient).Value;
            return true;
        }

        _origin.CopyTo(theta);
        _originGradient.CopyTo(gradient);
        return false;
    }

    private bool SufficientDecrease(Point p) =>
        p.Value <= _value0 + (C1 * p.Alpha * _slope0) + NewtonSolver.RoundingAllowance(_value0);

    private bool Curvature(Point p) => Math.Abs(p.Slope) <= -C2 * _slope0;

    /// <summary>Evaluates φ(α) and φ′(α), leaving θ + αp in <paramref name="theta"/> and its gradient in <paramref name="gradient"/>.</summary>
    private Point Evaluate(double alpha, Span<double> theta, Span<double> gradient)
    {
        NewtonSolver.Axpy(_origin, alpha, _direction, theta);
        double f = _objective.ValueAndGradient(theta, gradient);
        Evaluations++;
        double slope = IterativeSolver.Dot(gradient, _direction);
        return double.IsFinite(f) ? new Point(alpha, f, slope) : new Point(alpha, double.PositiveInfinity, double.PositiveInfinity);
    }

    /// <summary>One trial: α, φ(α), φ′(α).</summary>
    private readonly record struct Point(double Alpha, double Value, double Slope);
}
