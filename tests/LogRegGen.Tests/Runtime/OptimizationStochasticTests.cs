using System;
using System.Collections.Generic;
using LogRegGen.Optimization;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class OptimizationStochasticTests
{
    private static DenseLogisticObjective Problem() =>
        OptimizationObjectiveTests.RandomObjective(31, 200, 3, 2.0, true, true, out _, out _, out _);

    private static StochasticGradientSolver Solver(int seed) => new()
    {
        LearningRate = 0.5,
        Decay = 0.05,
        BatchSize = 16,
        Seed = seed,
        MaxIterations = 300,
        Tolerance = 0,
    };

    [Fact]
    public void Sgd_converges_near_the_newton_optimum()
    {
        DenseLogisticObjective objective = Problem();
        var optimum = new double[objective.Dimension];
        new NewtonSolver { Tolerance = 1e-10 }.Minimize(objective, optimum);

        var theta = new double[objective.Dimension];
        SolverResult result = Solver(seed: 5).Minimize(objective, theta);
        Assert.Equal((SolverStopReason.MaxIterations, 300), (result.Reason, result.Iterations));
        for (int j = 0; j < theta.Length; j++)
        {
            Assert.Equal(optimum[j], theta[j], 0.02);
        }

        // The mean-scale gradient ∇F/S is small at the end.
        Assert.True(result.GradientNorm / objective.TotalWeight < 2e-3, $"mean-scale gradient {result.GradientNorm / objective.TotalWeight:E3}");
    }

    [Fact]
    public void Same_seed_gives_identical_results_and_another_seed_differs()
    {
        DenseLogisticObjective objective = Problem();
        var a = new double[objective.Dimension];
        var b = new double[objective.Dimension];
        var c = new double[objective.Dimension];
        Solver(seed: 5).Minimize(objective, a);
        Solver(seed: 5).Minimize(objective, b);
        Solver(seed: 6).Minimize(objective, c);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Sgd_stops_on_the_gradient_tolerance_and_reports_each_epoch()
    {
        DenseLogisticObjective objective = Problem();
        var reports = new List<SolverProgress>();
        var solver = new StochasticGradientSolver
        {
            LearningRate = 2,
            BatchSize = 200, // one full batch per epoch: plain gradient descent on J.
            MaxIterations = 100000,
            Tolerance = 1e-3,
            Progress = new OptimizationSolverTests.SynchronousProgress(reports.Add),
        };
        SolverResult result = solver.Minimize(objective, new double[objective.Dimension]);
        Assert.Equal(SolverStopReason.Converged, result.Reason);
        Assert.True(result.GradientNorm <= 1e-3);
        Assert.Equal(result.Iterations + 1, reports.Count);
    }

    [Fact]
    public void Full_batch_epoch_is_one_gradient_descent_step_on_the_mean_cost()
    {
        // θ₁ = θ₀ − α·∇F(θ₀)/S with α = 0.3, from θ₀ = 0.
        DenseLogisticObjective objective = Problem();
        var expected = new double[objective.Dimension];
        objective.ValueAndGradient(new double[objective.Dimension], expected);
        for (int j = 0; j < expected.Length; j++)
        {
            expected[j] *= -0.3 / objective.TotalWeight;
        }

        var theta = new double[objective.Dimension];
        new StochasticGradientSolver { LearningRate = 0.3, BatchSize = 1000, MaxIterations = 1, Tolerance = 0 }.Minimize(objective, theta);
        for (int j = 0; j < theta.Length; j++)
        {
            Assert.Equal(expected[j], theta[j], 1e-14);
        }
    }

    [Fact]
    public void Divergence_is_reported_clearly()
    {
        // λ = 1e300 makes each step multiply w by about −1e300·α/S: F overflows within an epoch or two.
        DenseLogisticObjective objective = OptimizationObjectiveTests.RandomObjective(32, 50, 2, 1e300, true, false, out _, out _, out _);
        var solver = new StochasticGradientSolver { LearningRate = 1e3, MaxIterations = 50, Tolerance = 0 };
        Assert.Throws<ArithmeticException>(() => solver.Minimize(objective, new double[objective.Dimension]));
    }
}
