using System;
using System.Globalization;
using System.Linq;
using LogRegGen.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// Newton and L-BFGS on the breast-cancer data (standardized with the population std) against
/// scikit-learn 1.2.1's LogisticRegression(C, tol=1e-10, max_iter=100000), from
/// Reference/sklearn_breast_cancer.json (written by Reference/sklearn_reference.py).
/// </summary>
/// <remarks>
/// The issue's bound is: each coefficient and the intercept within 1e−3 relative or 1e−4 absolute.
/// scikit-learn's lbfgs does not reach its tol=1e−10: scipy's L-BFGS-B also stops when F falls by
/// less than ~2.2e−9 relative in an iteration, and scikit-learn 1.2 keeps that rule. For C = 1,
/// balanced and the weighted fit its result still lies within the bound of the optimum, but for
/// C = 100 it stops up to 9e−3 away (‖∇F‖∞ = 2.2e−4 there). So every case is also checked,
/// tightly, against scikit-learn's newton-cholesky solver on the same problem, which reaches the
/// optimum; and the lbfgs check accepts, coefficient by coefficient, the issue's bound or the gap
/// between scikit-learn's own two solvers.
/// </remarks>
public sealed class OptimizationSklearnTests
{
    private const double RelativeBound = 1e-3;
    private const double AbsoluteBound = 1e-4;

    private readonly ITestOutputHelper _output;

    public OptimizationSklearnTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames() => new() { "C1", "C100", "BalancedC1", "Malignant2NoInterceptC1" };

    /// <summary>Cases where scikit-learn's lbfgs result is within the issue's bound of the optimum.</summary>
    public static TheoryData<string> StrictCaseNames() => new() { "C1", "BalancedC1", "Malignant2NoInterceptC1" };

    [Fact]
    public void Reference_json_used_the_same_standardization()
    {
        BreastCancer data = OptimizationTestData.Data;
        double[] means = OptimizationTestData.Doubles(OptimizationTestData.Reference.GetProperty("means"));
        double[] stds = OptimizationTestData.Doubles(OptimizationTestData.Reference.GetProperty("stds"));
        Assert.Equal(569, data.SampleCount);
        Assert.Equal(30, data.FeatureCount);
        for (int j = 0; j < data.FeatureCount; j++)
        {
            Assert.Equal(means[j], data.Means[j], 1e-12 * Math.Abs(means[j]));
            Assert.Equal(stds[j], data.Stds[j], 1e-12 * stds[j]);
        }

        Assert.Equal("1.2.1", OptimizationTestData.Reference.GetProperty("versions").GetProperty("sklearn").GetString());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Newton_reaches_sklearn_newton_cholesky(string name)
    {
        SklearnCase c = OptimizationTestData.Case(name);
        (double[] theta, SolverResult result) = Solve(c, new NewtonSolver { Tolerance = 1e-9, MaxIterations = 100 });
        Assert.Equal(SolverStopReason.Converged, result.Reason);
        Assert.InRange(result.Iterations, 1, 20);
        AssertWithin(c.NewtonCholeskyTheta, theta, relative: 1e-7, absolute: 1e-8, $"{name} Newton vs sklearn newton-cholesky");
        Report(c, "Newton", theta, result);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Lbfgs_reaches_sklearn_newton_cholesky(string name)
    {
        SklearnCase c = OptimizationTestData.Case(name);
        (double[] theta, SolverResult result) = Solve(c, new LbfgsSolver { Tolerance = 1e-8, MaxIterations = 1000 });
        Assert.Equal(SolverStopReason.Converged, result.Reason);
        AssertWithin(c.NewtonCholeskyTheta, theta, relative: 1e-6, absolute: 1e-7, $"{name} L-BFGS vs sklearn newton-cholesky");
        Report(c, "L-BFGS", theta, result);
    }

    [Theory]
    [MemberData(nameof(StrictCaseNames))]
    public void Newton_and_lbfgs_match_sklearn_lbfgs_within_the_issue_bound(string name)
    {
        SklearnCase c = OptimizationTestData.Case(name);
        (double[] newton, _) = Solve(c, new NewtonSolver { Tolerance = 1e-9 });
        (double[] lbfgs, _) = Solve(c, new LbfgsSolver { Tolerance = 1e-8, MaxIterations = 1000 });
        AssertWithin(c.LbfgsTheta, newton, RelativeBound, AbsoluteBound, $"{name} Newton vs sklearn lbfgs");
        AssertWithin(c.LbfgsTheta, lbfgs, RelativeBound, AbsoluteBound, $"{name} L-BFGS vs sklearn lbfgs");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Newton_is_as_close_to_sklearn_lbfgs_as_sklearns_own_solvers_are(string name)
    {
        SklearnCase c = OptimizationTestData.Case(name);
        (double[] theta, _) = Solve(c, new NewtonSolver { Tolerance = 1e-9 });
        double[] sklearn = c.LbfgsTheta, sklearnNewton = c.NewtonCholeskyTheta;
        for (int j = 0; j < theta.Length; j++)
        {
            double gap = Math.Abs(theta[j] - sklearn[j]);
            double bound = Math.Max(
                Math.Max(RelativeBound * Math.Abs(sklearn[j]), AbsoluteBound),
                (1.001 * Math.Abs(sklearnNewton[j] - sklearn[j])) + 1e-8);
            Assert.True(gap <= bound, $"{name} θ[{j}]: ours {theta[j]:R}, sklearn lbfgs {sklearn[j]:R}, gap {gap:E3} > {bound:E3}");
        }
    }

    [Fact]
    public void Sklearn_lbfgs_for_C100_is_outside_the_issue_bound_of_the_optimum()
    {
        // Documents why the C = 100 case is checked against newton-cholesky: scikit-learn's lbfgs
        // stopped early (see the remarks), so the strict bound cannot hold for any exact solver.
        SklearnCase c = OptimizationTestData.Case("C100");
        Assert.True(c.GradientInfNorm > 1e-5, $"sklearn lbfgs gradient {c.GradientInfNorm:E3}");
        double[] lbfgs = c.LbfgsTheta, newton = c.NewtonCholeskyTheta;
        Assert.Contains(
            Enumerable.Range(0, lbfgs.Length),
            j => Math.Abs(lbfgs[j] - newton[j]) > Math.Max(RelativeBound * Math.Abs(newton[j]), AbsoluteBound));
    }

    [Fact]
    public void Newton_solution_value_is_below_sklearns_on_the_same_objective()
    {
        // At scikit-learn's own point F is higher (it stopped early), never lower: ours is the minimum.
        foreach (SklearnCase c in OptimizationTestData.Cases())
        {
            DenseLogisticObjective objective = Objective(c);
            (double[] theta, SolverResult result) = Solve(c, new NewtonSolver { Tolerance = 1e-9 });
            double sklearnValue = objective.ValueAndGradient(c.LbfgsTheta, new double[objective.Dimension]);
            Assert.True(result.Value <= sklearnValue + 1e-12, $"{c.Name}: ours {result.Value:R}, sklearn {sklearnValue:R}");
            Assert.Equal(c.GradientInfNorm, IterativeSolverNorm(objective, c.LbfgsTheta), 1e-6 * Math.Max(1, c.GradientInfNorm));
            Assert.Equal(theta.Length, objective.Dimension);
        }
    }

    internal static DenseLogisticObjective Objective(SklearnCase c)
    {
        BreastCancer data = OptimizationTestData.Data;
        double lambda = L2Penalty.FromC(c.C ?? double.PositiveInfinity);
        return DenseLogisticObjective.FromRows(data.X, data.LabelsAsDouble, OptimizationTestData.WeightsFor(c, data.Labels), lambda, c.FitIntercept);
    }

    private static (double[] Theta, SolverResult Result) Solve(SklearnCase c, IterativeSolver solver)
    {
        DenseLogisticObjective objective = Objective(c);
        var theta = new double[objective.Dimension];
        SolverResult result = solver switch
        {
            NewtonSolver newton => newton.Minimize(objective, theta),
            LbfgsSolver lbfgs => lbfgs.Minimize(objective, theta),
            _ => throw new ArgumentException("unknown solver", nameof(solver)),
        };
        return (theta, result);
    }

    private static double IterativeSolverNorm(ILogisticObjective objective, double[] theta)
    {
        var gradient = new double[objective.Dimension];
        objective.ValueAndGradient(theta, gradient);
        return IterativeSolver.InfinityNorm(gradient);
    }

    private static void AssertWithin(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            double gap = Math.Abs(actual[j] - expected[j]);
            bool ok = gap <= absolute || gap <= relative * Math.Abs(expected[j]);
            Assert.True(ok, string.Create(CultureInfo.InvariantCulture, $"{what}: θ[{j}] expected {expected[j]:R} but got {actual[j]:R} (gap {gap:E3})"));
        }
    }

    private void Report(SklearnCase c, string solver, double[] theta, SolverResult result)
    {
        foreach ((string reference, double[] expected) in new[] { ("sklearn lbfgs", c.LbfgsTheta), ("sklearn newton-cholesky", c.NewtonCholeskyTheta) })
        {
            double maxAbs = 0, maxRel = 0;
            for (int j = 0; j < theta.Length; j++)
            {
                double gap = Math.Abs(theta[j] - expected[j]);
                maxAbs = Math.Max(maxAbs, gap);
                maxRel = Math.Max(maxRel, gap / Math.Abs(expected[j]));
            }

            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"AGREEMENT {c.Name} {solver} vs {reference}: max abs {maxAbs:E2}, max rel {maxRel:E2}; {result.Reason} after {result.Iterations} iterations ({result.Evaluations} evaluations), |grad|inf {result.GradientNorm:E2}; sklearn lbfgs n_iter {c.LbfgsIterations}, newton-cholesky n_iter {c.NewtonCholeskyIterations}"));
        }
    }
}
