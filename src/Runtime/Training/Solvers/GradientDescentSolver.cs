using System;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>
/// The notes' batch gradient descent: each epoch computes F and ∇F over all m samples and steps
/// θ := θ − αₑ·∇F/S, where S is the total sample weight (so ∇F/S is the gradient of the mean cost
/// J plus the mean-scale penalty, the notes' dw and db) and αₑ = α / (1 + decay·e) the learning rate
/// of epoch e.
/// </summary>
/// <remarks>The same data, start and settings give bit-identical results.</remarks>
internal sealed class GradientDescentSolver : StepSizeSolver
{
    /// <summary>
    /// Runs up to <see cref="IterativeSolver.MaxIterations"/> epochs from the given start, stopping
    /// early when the Euclidean norm ‖∇F‖₂ ≤ <see cref="IterativeSolver.Tolerance"/> (the notes' ‖(dw, db)‖,
    /// on the sum scale; the other solvers use the largest component).
    /// </summary>
    /// <param name="objective">F.</param>
    /// <param name="theta">The start on entry, the result on return.</param>
    /// <returns>Why it stopped, the number of epochs and F and ‖∇F‖₂ at the result.</returns>
    /// <exception cref="ArgumentException"><paramref name="theta"/>'s length is not the objective's dimension.</exception>
    /// <exception cref="ArithmeticException">F diverged (the learning rate is too large).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public override SolverResult Minimize(ILogisticObjective objective, Span<double> theta)
    {
        CheckDimension(objective, theta);
        var gradient = new double[objective.Dimension];
        for (int epoch = 0; ; epoch++)
        {
            double value = objective.ValueAndGradient(theta, gradient);
            double norm = EuclideanNorm(gradient);
            if (ShouldStop(epoch, value, norm, out SolverStopReason reason))
            {
                return new SolverResult(reason, epoch, value, norm, epoch + 1);
            }

            double step = StepSize(epoch) / objective.TotalWeight;
            for (int j = 0; j < theta.Length; j++)
            {
                theta[j] -= step * gradient[j];
            }
        }
    }

    /// <summary>‖v‖₂ (NaN if any component is NaN).</summary>
    private static double EuclideanNorm(ReadOnlySpan<double> v) => Math.Sqrt(Dot(v, v));
}

/// <summary>The solvers that step by a learning rate: gradient descent and SGD.</summary>
internal abstract class StepSizeSolver : IterativeSolver
{
    private double _learningRate = 0.1;
    private double _decay;

    /// <summary>α, the learning rate of epoch 0 (mean-cost scale). Default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and positive.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptionRules.Check(nameof(OptionRules.LearningRate), value) is { } rule
            ? throw new ArgumentOutOfRangeException(nameof(LearningRate), value, rule)
            : value;
    }

    /// <summary>The decay in αₑ = α / (1 + decay·e); default 0, a constant rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Decay
    {
        get => _decay;
        set => _decay = OptionRules.Check(nameof(OptionRules.LearningRateDecay), value) is { } rule
            ? throw new ArgumentOutOfRangeException(nameof(Decay), value, rule)
            : value;
    }

    /// <inheritdoc />
    protected override string DivergenceAdvice => string.Create(CultureInfo.InvariantCulture, $"use a smaller LearningRate (it is {LearningRate})");

    /// <summary>αₑ = α / (1 + decay·e), the learning rate of epoch e.</summary>
    /// <param name="epoch">e.</param>
    /// <returns>αₑ.</returns>
    protected double StepSize(int epoch) => LearningRate / (1d + (Decay * epoch));
}
