using System;
using System.Collections.Generic;
using System.Threading;
using LogRegGen.Optimization;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class OptimizationSolverTests
{
    [Fact]
    public void Newton_and_lbfgs_agree_on_a_random_weighted_problem()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(21, 300, 6, 0.8, true, true, out _, out _, out _);
        var newton = new double[objective.Dimension];
        var lbfgs = new double[objective.Dimension];
        SolverResult n = new NewtonSolver { Tolerance = 1e-10 }.Minimize(objective, newton);
        SolverResult l = new LbfgsSolver { Tolerance = 1e-9, MaxIterations = 500 }.Minimize(objective, lbfgs);
        Assert.Equal(SolverStopReason.Converged, n.Reason);
        Assert.Equal(SolverStopReason.Converged, l.Reason);
        Assert.True(n.Converged);
        Assert.True(n.GradientNorm <= 1e-10);
        for (int j = 0; j < newton.Length; j++)
        {
            Assert.Equal(newton[j], lbfgs[j], 1e-8);
        }

        Assert.Equal(n.Value, l.Value, 1e-10);
    }

    [Theory]
    [InlineData(1.0)] // far from the Hessian: the first steps shrink ∇F too slowly and exact Hessians take over
    [InlineData(0.0)] // the exact Hessian at the start: steps with it alone converge
    public void A_frozen_hessian_reaches_the_same_optimum_good_or_bad(double identityWeight)
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(22, 400, 5, 0.5, true, false, out _, out _, out _);
        int d = objective.Dimension;
        var reference = new double[d];
        new NewtonSolver { Tolerance = 1e-10 }.Minimize(objective, reference);

        var frozen = new double[d * d];
        objective.Hessian(new double[d], frozen);
        for (int k = 0; k < frozen.Length; k++)
        {
            frozen[k] = ((1 - identityWeight) * frozen[k]) + (k % (d + 1) == 0 ? identityWeight * 1e4 : 0);
        }

        var theta = new double[d];
        var solver = new NewtonSolver { Tolerance = 1e-10, FrozenHessian = frozen };
        SolverResult result = solver.Minimize(objective, theta);
        Assert.Equal(SolverStopReason.Converged, result.Reason);
        Assert.Null(solver.FrozenHessian); // taken by the call
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(reference[j], theta[j], 1e-8);
        }
    }

    [Fact]
    public void The_last_hessian_kept_is_the_one_the_last_exact_step_used()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(23, 300, 5, 0.5, true, false, out _, out _, out _);
        int d = objective.Dimension;

        // One step from 0: the Hessian kept is the one at 0.
        var kept = new double[d * d];
        var solver = new NewtonSolver { Tolerance = 0, MaxIterations = 1, LastHessian = kept };
        solver.Minimize(objective, new double[d]);
        Assert.True(solver.LastHessianIsSet);
        var expected = new double[d * d];
        objective.Hessian(new double[d], expected);
        for (int k = 0; k < kept.Length; k++)
        {
            Assert.Equal(expected[k], kept[k], Math.Abs(expected[k]) * 1e-12);
        }

        // Two steps: the one at the first step's point, not the first.
        var theta = new double[d];
        new NewtonSolver { Tolerance = 0, MaxIterations = 1 }.Minimize(objective, theta);
        objective.Hessian(theta, expected);
        solver = new NewtonSolver { Tolerance = 0, MaxIterations = 2, LastHessian = kept };
        solver.Minimize(objective, new double[d]);
        for (int k = 0; k < kept.Length; k++)
        {
            Assert.Equal(expected[k], kept[k], Math.Abs(expected[k]) * 1e-12);
        }

        // Only steps with a frozen Hessian, or none at all: nothing kept.
        var frozen = (double[])expected.Clone();
        solver = new NewtonSolver { Tolerance = 0, MaxIterations = 1, LastHessian = kept, FrozenHessian = frozen };
        solver.Minimize(objective, new double[d]);
        Assert.False(solver.LastHessianIsSet);
        solver = new NewtonSolver { MaxIterations = 0, LastHessian = kept };
        solver.Minimize(objective, new double[d]);
        Assert.False(solver.LastHessianIsSet);
    }

    [Fact]
    public void The_corrected_hessian_is_the_frozen_one_after_its_steps_and_none_once_exact_ones_took_over()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(24, 400, 5, 0.5, true, false, out _, out _, out _);
        int d = objective.Dimension;
        var near = new double[d];
        new NewtonSolver { Tolerance = 1e-10 }.Minimize(objective, near);
        for (int j = 0; j < d; j++)
        {
            near[j] += 0.05 * (j % 2 == 0 ? 1 : -1);
        }

        var exact = new double[d * d];
        objective.Hessian(near, exact);

        // A good approximation (the Hessian at a start near the optimum): stepped with to the end and handed back
        // BFGS-corrected, no longer the original, and within the approximation's error of the Hessian there.
        var solver = new NewtonSolver { Tolerance = 1e-10, FrozenHessian = (double[])exact.Clone() };
        var theta = (double[])near.Clone();
        SolverResult result = solver.Minimize(objective, theta);
        Assert.Equal(SolverStopReason.Converged, result.Reason);
        Assert.NotNull(solver.CorrectedHessian);
        Assert.NotEqual(exact, solver.CorrectedHessian);
        var atSolution = new double[d * d];
        objective.Hessian(theta, atSolution);
        double gap = 0, scale = 0;
        for (int k = 0; k < atSolution.Length; k++)
        {
            gap = Math.Max(gap, Math.Abs(solver.CorrectedHessian![k] - atSolution[k]));
            scale = Math.Max(scale, Math.Abs(atSolution[k]));
        }

        Assert.True(gap < 0.5 * scale, $"corrected Hessian off by {gap} against entries up to {scale}");

        // A bad one (far from the Hessian): exact Hessians take over, and none is handed back; nor without any.
        var bad = new double[d * d];
        for (int k = 0; k < d; k++)
        {
            bad[k * (d + 1)] = 1e4;
        }

        solver = new NewtonSolver { Tolerance = 1e-10, FrozenHessian = bad };
        solver.Minimize(objective, (double[])near.Clone());
        Assert.Null(solver.CorrectedHessian);
        solver = new NewtonSolver { Tolerance = 1e-10 };
        solver.Minimize(objective, new double[d]);
        Assert.Null(solver.CorrectedHessian);
    }

    [Fact]
    public void Max_iterations_stops_with_that_reason_and_count()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(22, 100, 4, 0.1, true, false, out _, out _, out _);
        SolverResult newton = new NewtonSolver { Tolerance = 0, MaxIterations = 2 }.Minimize(objective, new double[objective.Dimension]);
        SolverResult lbfgs = new LbfgsSolver { Tolerance = 0, MaxIterations = 3 }.Minimize(objective, new double[objective.Dimension]);
        Assert.Equal((SolverStopReason.MaxIterations, 2), (newton.Reason, newton.Iterations));
        Assert.Equal((SolverStopReason.MaxIterations, 3), (lbfgs.Reason, lbfgs.Iterations));
        Assert.True(newton.GradientNorm > 0);
    }

    [Fact]
    public void Zero_iterations_returns_the_start()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(23, 20, 2, 1, true, false, out _, out _, out _);
        var theta = new double[objective.Dimension];
        SolverResult result = new NewtonSolver { MaxIterations = 0 }.Minimize(objective, theta);
        Assert.Equal((SolverStopReason.MaxIterations, 0), (result.Reason, result.Iterations));
        Assert.All(theta, t => Assert.Equal(0d, t));

        // F(0) = Σ log 2 with unit weights.
        Assert.Equal(20 * Math.Log(2), result.Value, 1e-12);
    }

    [Fact]
    public void Progress_reports_every_iteration_with_a_falling_value()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(24, 200, 5, 0.5, true, false, out _, out _, out _);
        var reports = new List<SolverProgress>();
        var progress = new SynchronousProgress(reports.Add);
        SolverResult result = new LbfgsSolver { Tolerance = 1e-8, MaxIterations = 200, Progress = progress }.Minimize(objective, new double[objective.Dimension]);
        Assert.Equal(result.Iterations + 1, reports.Count);
        for (int k = 0; k < reports.Count; k++)
        {
            Assert.Equal(k, reports[k].Iteration);
            if (k > 0)
            {
                Assert.True(reports[k].Value <= reports[k - 1].Value + 1e-12);
            }
        }

        Assert.Equal(result.Value, reports[^1].Value);
        Assert.Equal(result.GradientNorm, reports[^1].GradientNorm);
    }

    [Fact]
    public void Cancellation_throws()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(25, 50, 3, 1, true, false, out _, out _, out _);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => new NewtonSolver { CancellationToken = source.Token }.Minimize(objective, new double[objective.Dimension]));
        Assert.Throws<OperationCanceledException>(() => new LbfgsSolver { CancellationToken = source.Token }.Minimize(objective, new double[objective.Dimension]));
        Assert.Throws<OperationCanceledException>(() => new StochasticGradientSolver { CancellationToken = source.Token }.Minimize(objective, new double[objective.Dimension]));
    }

    [Fact]
    public void Wrong_parameter_length_and_settings_are_rejected()
    {
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(26, 20, 2, 1, false, false, out _, out _, out _);
        Assert.Equal(2, objective.Dimension);
        Assert.Throws<ArgumentException>(() => new NewtonSolver().Minimize(objective, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NewtonSolver { Tolerance = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsSolver { Memory = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticGradientSolver { LearningRate = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticGradientSolver { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticGradientSolver { Decay = -1 });
    }

    [Fact]
    public void Newton_handles_a_constant_feature_without_penalty_via_jitter()
    {
        // Feature 1 is constant 1, the same column as the intercept: the Hessian is singular, but
        // the diagonal shift still yields descent, and the split between w₁ and b is irrelevant.
        var random = new Random(27);
        var x = new double[80, 2];
        var y = new double[80];
        for (int i = 0; i < 80; i++)
        {
            x[i, 0] = random.NextDouble() - 0.5;
            x[i, 1] = 1;
            y[i] = random.NextDouble() < DenseLogisticObjective.Sigmoid(2 * x[i, 0]) ? 1 : 0;
        }

        var objective = DenseLogisticObjective.FromRows(x, y, default, 0, true);
        var theta = new double[3];
        SolverResult result = new NewtonSolver { Tolerance = 1e-8 }.Minimize(objective, theta);
        Assert.Equal(SolverStopReason.Converged, result.Reason);
    }

    [Fact]
    public void Cubic_interpolation_finds_the_minimum_of_a_cubic()
    {
        // φ(α) = (α − 1)² has φ(0) = 1, φ′(0) = −2, φ(3) = 4, φ′(3) = 4; the cubic through those is the parabola, minimum at 1.
        Assert.Equal(1d, WolfeLineSearch.CubicMinimizer(0, 1, -2, 3, 4, 4), 1e-12);
        Assert.Equal(1d, WolfeLineSearch.CubicMinimizer(3, 4, 4, 0, 1, -2), 1e-12);
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (unlike <see cref="Progress{T}"/>).</summary>
    internal sealed class SynchronousProgress : IProgress<SolverProgress>
    {
        private readonly Action<SolverProgress> _action;

        public SynchronousProgress(Action<SolverProgress> action) => _action = action;

        public void Report(SolverProgress value) => _action(value);
    }
}
