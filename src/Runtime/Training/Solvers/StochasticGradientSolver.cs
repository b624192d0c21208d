using System;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>
/// Mini-batch stochastic gradient descent: each epoch shuffles the samples, with a seeded
/// generator, into a copy (<see cref="ILogisticObjective.Shuffled"/>, made once and rewritten each
/// epoch) whose consecutive ranges of <see cref="BatchSize"/> samples are the mini-batches, so every
/// batch runs on the model's kernels; it steps θ := θ − αₑ·ĝ/S for each batch, where ĝ is the batch's unbiased estimate
/// of ∇F, S the total sample weight and αₑ = α / (1 + decay·e) the learning rate of epoch e. Since
/// ∇F/S is the gradient of the notes' mean cost, α is on the same scale as the notes' learning
/// rate. After each epoch the full F and ∇F are evaluated for progress and the stopping rules.
/// </summary>
/// <remarks>The same seed, data and settings give bit-identical results.</remarks>
internal sealed class StochasticGradientSolver : StepSizeSolver
{
    private int _batchSize = 32;

    /// <summary>The number of samples per step (the last batch of an epoch may be smaller). Default 32.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set => _batchSize = OptionRules.Check(nameof(OptionRules.BatchSize), value) is { } rule
            ? throw new ArgumentOutOfRangeException(nameof(BatchSize), value, rule)
            : value;
    }

    /// <summary>The seed of the shuffles. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Runs up to <see cref="IterativeSolver.MaxIterations"/> epochs from the given start, stopping
    /// early when ‖∇F‖∞ ≤ <see cref="IterativeSolver.Tolerance"/> after an epoch.
    /// </summary>
    /// <param name="objective">F, with mini-batch estimates.</param>
    /// <param name="theta">The start on entry, the result on return.</param>
    /// <returns>Why it stopped, the number of epochs and F and ‖∇F‖∞ at the result.</returns>
    /// <exception cref="ArgumentException"><paramref name="theta"/>'s length is not the objective's dimension.</exception>
    /// <exception cref="ArithmeticException">F diverged (the learning rate is too large).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public override SolverResult Minimize(ILogisticObjective objective, Span<double> theta)
    {
        CheckDimension(objective, theta);
        var random = new Random(Seed);
        int m = objective.SampleCount;
        var gradient = new double[objective.Dimension];
        ILogisticObjective? shuffled = null;
        double value = objective.ValueAndGradient(theta, gradient);
        for (int epoch = 0; ; epoch++)
        {
            double norm = InfinityNorm(gradient);
            if (ShouldStop(epoch, value, norm, out SolverStopReason reason))
            {
                return new SolverResult(reason, epoch, value, norm, epoch + 1);
            }

            // A fresh order each epoch, written into the same copy: the batches are its ranges.
            shuffled = objective.Shuffled(random, shuffled);
            double step = StepSize(epoch) / objective.TotalWeight;
            for (int start = 0; start < m; start += BatchSize)
            {
                shuffled.BatchValueAndGradient(theta, start, Math.Min(start + BatchSize, m), gradient);
                for (int j = 0; j < theta.Length; j++)
                {
                    theta[j] -= step * gradient[j];
                }
            }

            value = objective.ValueAndGradient(theta, gradient);
        }
    }
}
