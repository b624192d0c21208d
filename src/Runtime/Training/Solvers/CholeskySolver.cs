using System;
using System.Globalization;

namespace LogRegGen.Optimization;

/// <summary>The matrix given to <see cref="CholeskySolver"/> is not symmetric positive definite (to working precision).</summary>
internal sealed class NotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the pivot.</param>
    /// <param name="pivot">The zero-based index of the first non-positive pivot.</param>
    public NotPositiveDefiniteException(string message, int pivot)
        : base(message)
    {
        Pivot = pivot;
    }

    /// <summary>The zero-based index of the diagonal element where the factorization broke down.</summary>
    public int Pivot { get; }
}

/// <summary>
/// Cholesky factorization A = LLᵀ of a symmetric positive definite d × d matrix stored row-major,
/// and the solves with its factor, for Newton's method.
/// </summary>
internal static class CholeskySolver
{
    /// <summary>The first diagonal shift tried, relative to the largest diagonal element.</summary>
    private const double FirstJitter = 1e-12;

    /// <summary>The largest diagonal shift tried, relative to the largest diagonal element.</summary>
    private const double LastJitter = 1e-2;

    /// <summary>
    /// Factors A in place: on success the lower triangle holds L (A = LLᵀ) and the strict upper
    /// triangle is zero. Only the lower triangle of A is read.
    /// </summary>
    /// <param name="matrix">A, d × d row-major; overwritten with L (partly, on failure).</param>
    /// <param name="dimension">d.</param>
    /// <param name="failedPivot">The first pivot that was not above <paramref name="minimumPivot"/>, or −1 on success.</param>
    /// <param name="minimumPivot">The largest pivot (before its square root) still taken as zero: 0 tests positive
    /// definiteness; a caller that scales A to a unit diagonal can ask for more, to call a nearly singular A singular.</param>
    /// <returns>True when A is positive definite to working precision.</returns>
    public static bool TryFactor(Span<double> matrix, int dimension, out int failedPivot, double minimumPivot = 0d)
    {
        CheckSquare(matrix.Length, dimension);
        int d = dimension;
        for (int j = 0; j < d; j++)
        {
            Span<double> rowJ = matrix.Slice(j * d, d);
            double pivot = rowJ[j] - Dot(rowJ[..j], rowJ[..j]);
            if (!(pivot > minimumPivot) || !double.IsFinite(pivot))
            {
                failedPivot = j;
                return false;
            }

            double ljj = Math.Sqrt(pivot);
            rowJ[j] = ljj;
            rowJ[(j + 1)..].Clear();
            for (int i = j + 1; i < d; i++)
            {
                Span<double> rowI = matrix.Slice(i * d, d);
                rowI[j] = (rowI[j] - Dot(rowI[..j], rowJ[..j])) / ljj;
            }
        }

        failedPivot = -1;
        return true;
    }

    /// <summary>Factors A in place, as <see cref="TryFactor"/>, or throws.</summary>
    /// <param name="matrix">A, d × d row-major; overwritten with L.</param>
    /// <param name="dimension">d.</param>
    /// <exception cref="NotPositiveDefiniteException">A is not positive definite; the message names the pivot.</exception>
    public static void Factor(Span<double> matrix, int dimension)
    {
        if (!TryFactor(matrix, dimension, out int pivot))
        {
            throw new NotPositiveDefiniteException(
                string.Create(CultureInfo.InvariantCulture, $"The {dimension}×{dimension} matrix is not positive definite: the factorization broke down at pivot {pivot} (row and column {pivot})."),
                pivot);
        }
    }

    /// <summary>
    /// Factors A + τI in place with the smallest τ in {0, 1e−12·s, 1e−11·s, …, 1e−2·s} that works,
    /// where s is the largest diagonal element of A: a nearly singular Hessian (e.g. a constant
    /// feature with no penalty) still yields a usable descent direction.
    /// </summary>
    /// <param name="matrix">A, d × d row-major; overwritten with the factor of A + τI.</param>
    /// <param name="dimension">d.</param>
    /// <param name="scratch">A buffer of at least d × d values, for the copy of A between attempts.</param>
    /// <returns>τ, the shift that was added (0 when A itself factored).</returns>
    /// <exception cref="NotPositiveDefiniteException">No shift up to 1e−2·s made the matrix positive definite.</exception>
    public static double FactorWithJitter(Span<double> matrix, int dimension, Span<double> scratch)
    {
        CheckSquare(matrix.Length, dimension);
        int length = dimension * dimension;
        Span<double> original = scratch[..length];
        matrix[..length].CopyTo(original);
        if (TryFactor(matrix, dimension, out int pivot))
        {
            return 0d;
        }

        double scale = 0d;
        for (int j = 0; j < dimension; j++)
        {
            scale = Math.Max(scale, Math.Abs(original[(j * dimension) + j]));
        }

        if (!(scale > 0d) || !double.IsFinite(scale))
        {
            scale = 1d;
        }

        for (double relative = FirstJitter; relative <= LastJitter * 1.5; relative *= 10d)
        {
            double jitter = relative * scale;
            original.CopyTo(matrix);
            for (int j = 0; j < dimension; j++)
            {
                matrix[(j * dimension) + j] += jitter;
            }

            if (TryFactor(matrix, dimension, out pivot))
            {
                return jitter;
            }
        }

        throw new NotPositiveDefiniteException(
            string.Create(CultureInfo.InvariantCulture, $"The {dimension}×{dimension} matrix is not positive definite even after adding {LastJitter:E0} × {scale:G6} to its diagonal (pivot {pivot})."),
            pivot);
    }

    /// <summary>Solves LLᵀx = b in place, given the factor from <see cref="TryFactor"/>.</summary>
    /// <param name="factor">L, d × d row-major (lower triangle).</param>
    /// <param name="dimension">d.</param>
    /// <param name="rhs">b on entry, x on return; length d.</param>
    public static void Solve(ReadOnlySpan<double> factor, int dimension, Span<double> rhs)
    {
        CheckSquare(factor.Length, dimension);
        if (rhs.Length != dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected a right-hand side of length {dimension} but got {rhs.Length}."), nameof(rhs));
        }

        int d = dimension;

        // Forward: L y = b.
        for (int i = 0; i < d; i++)
        {
            ReadOnlySpan<double> rowI = factor.Slice(i * d, d);
            rhs[i] = (rhs[i] - Dot(rowI[..i], rhs[..i])) / rowI[i];
        }

        // Backward: Lᵀ x = y, reading L by columns.
        for (int i = d - 1; i >= 0; i--)
        {
            double sum = rhs[i];
            for (int k = i + 1; k < d; k++)
            {
                sum -= factor[(k * d) + i] * rhs[k];
            }

            rhs[i] = sum / factor[(i * d) + i];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => IterativeSolver.Dot(a, b);

    private static void CheckSquare(int length, int dimension)
    {
        if (dimension < 1 || length < (long)dimension * dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected a {dimension}×{dimension} matrix ({(long)dimension * dimension} values) but got {length} values."));
        }
    }
}
