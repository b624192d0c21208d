using System;
using LogRegGen.Optimization;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class OptimizationCholeskyTests
{
    // A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = LLᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]:
    //   l00 = √4 = 2; l10 = 12/2 = 6; l20 = −16/2 = −8;
    //   l11 = √(37 − 6²) = 1; l21 = (−43 − (−8)(6))/1 = 5; l22 = √(98 − 64 − 25) = 3.
    private static readonly double[] A = { 4, 12, -16, 12, 37, -43, -16, -43, 98 };

    [Fact]
    public void Factor_gives_the_known_lower_triangle()
    {
        double[] m = (double[])A.Clone();
        CholeskySolver.Factor(m, 3);
        Assert.Equal(new double[] { 2, 0, 0, 6, 1, 0, -8, 5, 3 }, m);
    }

    [Fact]
    public void Solve_recovers_x_from_Ax()
    {
        // x = (1, 2, 3): Ax = (4 + 24 − 48, 12 + 74 − 129, −16 − 86 + 294) = (−20, −43, 192).
        double[] m = (double[])A.Clone();
        CholeskySolver.Factor(m, 3);
        double[] b = { -20, -43, 192 };
        CholeskySolver.Solve(m, 3, b);
        Assert.Equal(1d, b[0], 1e-12);
        Assert.Equal(2d, b[1], 1e-12);
        Assert.Equal(3d, b[2], 1e-12);
    }

    [Fact]
    public void Random_spd_matrix_round_trips()
    {
        // B = MᵀM + I is SPD; solve Bx = B·x₀ and compare with x₀.
        const int d = 12;
        var random = new Random(7);
        var mm = new double[d * d];
        for (int i = 0; i < mm.Length; i++)
        {
            mm[i] = random.NextDouble() - 0.5;
        }

        var b = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double sum = i == j ? 1 : 0;
                for (int k = 0; k < d; k++)
                {
                    sum += mm[(k * d) + i] * mm[(k * d) + j];
                }

                b[(i * d) + j] = sum;
            }
        }

        var x0 = new double[d];
        var rhs = new double[d];
        for (int i = 0; i < d; i++)
        {
            x0[i] = i - 5.5;
        }

        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                rhs[i] += b[(i * d) + j] * x0[j];
            }
        }

        Assert.True(CholeskySolver.TryFactor(b, d, out int failed));
        Assert.Equal(-1, failed);
        CholeskySolver.Solve(b, d, rhs);
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(x0[i], rhs[i], 1e-10);
        }
    }

    [Fact]
    public void Indefinite_matrix_fails_at_the_named_pivot()
    {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1: pivot 1 is 1 − 2² = −3.
        double[] m = { 1, 2, 2, 1 };
        Assert.False(CholeskySolver.TryFactor(m, 2, out int pivot));
        Assert.Equal(1, pivot);

        var error = Assert.Throws<NotPositiveDefiniteException>(() => CholeskySolver.Factor(new double[] { 1, 2, 2, 1 }, 2));
        Assert.Equal(1, error.Pivot);
        Assert.Contains("not positive definite", error.Message);
        Assert.Contains("pivot 1", error.Message);
    }

    [Fact]
    public void Jitter_rescues_a_singular_psd_matrix()
    {
        // [[1, 1], [1, 1]] is singular (eigenvalues 2 and 0); a shift of 1e−12 or more makes it SPD.
        double[] m = { 1, 1, 1, 1 };
        double jitter = CholeskySolver.FactorWithJitter(m, 2, new double[4]);
        Assert.InRange(jitter, 1e-12, 1e-6);
        Assert.Equal(0d, m[1]);
        Assert.Equal(Math.Sqrt(1 + jitter), m[0], 1e-15);
    }

    [Fact]
    public void Jitter_is_zero_for_an_spd_matrix()
    {
        double[] m = (double[])A.Clone();
        Assert.Equal(0d, CholeskySolver.FactorWithJitter(m, 3, new double[9]));
        Assert.Equal(3d, m[8], 1e-15);
    }

    [Fact]
    public void Jitter_gives_up_on_a_clearly_indefinite_matrix()
    {
        // The eigenvalue −1 would need a shift above 1, far beyond 1e−2 × max diagonal (= 1).
        Assert.Throws<NotPositiveDefiniteException>(() => CholeskySolver.FactorWithJitter(new double[] { 1, 2, 2, 1 }, 2, new double[4]));
    }

    [Fact]
    public void Wrong_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CholeskySolver.Factor(new double[3], 2));
        Assert.Throws<ArgumentException>(() => CholeskySolver.Solve(new double[] { 1, 0, 0, 1 }, 2, new double[3]));
    }
}
