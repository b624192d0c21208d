using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LogRegGen;

/// <summary>
/// The double-precision passes behind Newton's method and L-BFGS (and the cost of a batch): per
/// chunk of samples a model's generated, n-unrolled <see cref="ILogisticKernel.PreciseLogits"/>
/// gives z in double, then σ(z), the loss and the curvature are evaluated in double, and X is read
/// again, while in cache, for Xᵀ·r and Xᵀ·diag(h)·X. Every pass runs on <see cref="ChunkScheduler"/>.
/// </summary>
/// <remarks>
/// Why double: the exact solvers drive the gradient to ~1e-8 and, with weak regularization and
/// correlated features, the optimum moves by (Hessian)⁻¹ times any error in the gradient. The float
/// kernels that gradient descent uses carry ~1e-7 relative error in z, which would move such an
/// optimum far more than scikit-learn's tolerance. X stays float; only the arithmetic is double.
/// Sums, not means: these are the terms of F = Σᵢ sᵢ·Lᵢ (the penalty is the objective's).
/// The loss is <see cref="LogisticMath.Loss"/>'s accurate form, from the same exponential as σ.
/// </remarks>
internal static class DoubleKernels
{
    private const int ChunkSize = ChunkScheduler.ChunkSize;

    /// <summary>
    /// Σᵢ sᵢ·L(zᵢ, yᵢ) over the samples [start, end); adds Σᵢ sᵢ(pᵢ − yᵢ)·xᵢ to <paramref name="dw"/>
    /// and returns Σᵢ sᵢ(pᵢ − yᵢ) in <paramref name="db"/>.
    /// </summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="w">The n weights.</param>
    /// <param name="b">The bias.</param>
    /// <param name="s">One weight per sample of the whole data, or empty for all 1.</param>
    /// <param name="first">The first sample.</param>
    /// <param name="end">One past the last sample.</param>
    /// <param name="dw">The n sums that this range adds to.</param>
    /// <param name="db">Σᵢ sᵢ(pᵢ − yᵢ) over the range.</param>
    /// <returns>Σᵢ sᵢ·Lᵢ over the range.</returns>
    [SkipLocalsInit]
    public static double Gradients<TKernel>(FeatureMatrix data, ReadOnlySpan<double> w, double b, ReadOnlySpan<double> s, int first, int end, Span<double> dw, out double db)
        where TKernel : ILogisticKernel
    {
        int n = data.FeatureCount;
        Span<double> r = stackalloc double[ChunkSize];
        ReadOnlySpan<float> y = data.Labels;
        double loss = 0d, dbSum = 0d;
        for (int start = first; start < end; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, end - start);
            Span<double> z = r[..count];
            TKernel.PreciseLogits(data, w, b, start, z);
            for (int i = 0; i < count; i++)
            {
                double weight = s.IsEmpty ? 1d : s[start + i];
                double zi = z[i], yi = y[start + i];
                double e = Math.Exp(-Math.Abs(zi));
                loss += weight * LogisticMath.LossFromExp(zi, yi, e);
                double residual = weight * (LogisticMath.SigmoidFromExp(zi, e) - yi);
                z[i] = residual;
                dbSum += residual;
            }

            for (int j = 0; j < n; j++)
            {
                dw[j] += Dot(data.Feature(j).Slice(start, count), z);
            }
        }

        db = dbSum;
        return loss;
    }

    /// <summary>Σᵢ L(zᵢ, yᵢ) over the samples [start, end), unweighted.</summary>
    [SkipLocalsInit]
    public static double Loss<TKernel>(FeatureMatrix data, ReadOnlySpan<double> w, double b, int first, int end)
        where TKernel : ILogisticKernel
    {
        Span<double> buffer = stackalloc double[ChunkSize];
        ReadOnlySpan<float> y = data.Labels;
        double loss = 0d;
        for (int start = first; start < end; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, end - start);
            Span<double> z = buffer[..count];
            TKernel.PreciseLogits(data, w, b, start, z);
            for (int i = 0; i < count; i++)
            {
                loss += LogisticMath.Loss(z[i], y[start + i]);
            }
        }

        return loss;
    }

    /// <summary>
    /// Adds the lower triangle and the intercept column of Σᵢ hᵢ·xᵢxᵢᵀ over the samples [start, end)
    /// to <paramref name="hessian"/> (d × d, row-major, d = n plus 1 with the intercept, whose row and
    /// column come last), with hᵢ = sᵢ·pᵢ(1 − pᵢ). <see cref="Mirror"/> completes the matrix.
    /// </summary>
    public static void Hessian<TKernel>(FeatureMatrix data, ReadOnlySpan<double> w, double b, ReadOnlySpan<double> s, int first, int end, Span<double> hessian, bool fitIntercept)
        where TKernel : ILogisticKernel
    {
        int n = data.FeatureCount, d = n + (fitIntercept ? 1 : 0);

        // Per chunk, X widened to double once (xd, n rows of ChunkSize) and u_j = h ⊙ x_j; then the
        // lower triangle of Σ u_j·x_k in 2 × 4 tiles, so each load serves several products.
        double[] widened = new double[n * ChunkSize];
        double[] scaled = new double[n * ChunkSize];
        Span<double> h = stackalloc double[ChunkSize];
        for (int start = first; start < end; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, end - start);
            Span<double> z = h[..count];
            TKernel.PreciseLogits(data, w, b, start, z);
            double hbb = 0d;
            for (int i = 0; i < count; i++)
            {
                double e = Math.Exp(-Math.Abs(z[i]));
                double curvature = e / ((1d + e) * (1d + e)); // p(1 − p), symmetric in z
                z[i] = s.IsEmpty ? curvature : s[start + i] * curvature;
                hbb += z[i];
            }

            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> xj = data.Feature(j).Slice(start, count);
                Span<double> xdj = widened.AsSpan(j * ChunkSize, count);
                Span<double> u = scaled.AsSpan(j * ChunkSize, count);
                double hjb = 0d;
                for (int i = 0; i < count; i++)
                {
                    xdj[i] = xj[i];
                    u[i] = z[i] * xdj[i];
                    hjb += u[i];
                }

                if (fitIntercept)
                {
                    hessian[(j * d) + n] += hjb;
                }
            }

            if (fitIntercept)
            {
                hessian[(n * d) + n] += hbb;
            }

            LowerTriangle(widened, scaled, n, count, hessian, d);
        }
    }

    /// <summary>H[j, k] += Σᵢ u_j[i]·x_k[i] for k ≤ j, over <paramref name="count"/> samples of rows ChunkSize apart.</summary>
    private static void LowerTriangle(double[] x, double[] u, int n, int count, Span<double> hessian, int d)
    {
        int vectorEnd = Vector256.IsHardwareAccelerated ? count & ~3 : 0;
        Span<double> sums = stackalloc double[8];
        for (int j = 0; j < n; j += 2)
        {
            bool pair = j + 1 < n;
            int rows = pair ? j + 2 : j + 1; // the k that row j + 1 needs (row j needs one fewer)
            for (int k = 0; k < rows; k += 4)
            {
                int width = Math.Min(4, rows - k);
                Tile(x, u, j, pair, k, width, vectorEnd, sums);
                for (int i = vectorEnd; i < count; i++)
                {
                    for (int c = 0; c < width; c++)
                    {
                        double xk = x[((k + c) * ChunkSize) + i];
                        sums[c] += u[(j * ChunkSize) + i] * xk;
                        if (pair)
                        {
                            sums[4 + c] += u[((j + 1) * ChunkSize) + i] * xk;
                        }
                    }
                }

                for (int c = 0; c < width; c++)
                {
                    if (k + c <= j)
                    {
                        hessian[(j * d) + k + c] += sums[c];
                    }

                    if (pair)
                    {
                        hessian[((j + 1) * d) + k + c] += sums[4 + c];
                    }
                }
            }
        }
    }

    /// <summary>
    /// The vector part of one tile: rows u_j (and u_{j+1}) against up to four rows x_k…x_{k+3},
    /// four samples per step; writes the eight sums (unused ones stay 0).
    /// </summary>
    private static void Tile(double[] x, double[] u, int j, bool pair, int k, int width, int vectorEnd, Span<double> sums)
    {
        sums.Clear();
        if (vectorEnd == 0)
        {
            return;
        }

        ref double u0 = ref u[j * ChunkSize];
        ref double u1 = ref u[(pair ? j + 1 : j) * ChunkSize];
        ref double x0 = ref x[k * ChunkSize];
        ref double x1 = ref x[(k + Math.Min(1, width - 1)) * ChunkSize];
        ref double x2 = ref x[(k + Math.Min(2, width - 1)) * ChunkSize];
        ref double x3 = ref x[(k + Math.Min(3, width - 1)) * ChunkSize];
        Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int i = 0; i < vectorEnd; i += 4)
        {
            Vector256<double> v0 = Vector256.LoadUnsafe(ref u0, (nuint)i);
            Vector256<double> v1 = Vector256.LoadUnsafe(ref u1, (nuint)i);
            Vector256<double> c0 = Vector256.LoadUnsafe(ref x0, (nuint)i);
            Vector256<double> c1 = Vector256.LoadUnsafe(ref x1, (nuint)i);
            Vector256<double> c2 = Vector256.LoadUnsafe(ref x2, (nuint)i);
            Vector256<double> c3 = Vector256.LoadUnsafe(ref x3, (nuint)i);
            a0 = SimdMath.MultiplyAdd(v0, c0, a0);
            a1 = SimdMath.MultiplyAdd(v0, c1, a1);
            a2 = SimdMath.MultiplyAdd(v0, c2, a2);
            a3 = SimdMath.MultiplyAdd(v0, c3, a3);
            b0 = SimdMath.MultiplyAdd(v1, c0, b0);
            b1 = SimdMath.MultiplyAdd(v1, c1, b1);
            b2 = SimdMath.MultiplyAdd(v1, c2, b2);
            b3 = SimdMath.MultiplyAdd(v1, c3, b3);
        }

        // Columns past the tile's width repeat its last row; their sums are dropped by the caller.
        sums[0] = Vector256.Sum(a0);
        sums[1] = width > 1 ? Vector256.Sum(a1) : 0d;
        sums[2] = width > 2 ? Vector256.Sum(a2) : 0d;
        sums[3] = width > 3 ? Vector256.Sum(a3) : 0d;
        if (pair)
        {
            sums[4] = Vector256.Sum(b0);
            sums[5] = width > 1 ? Vector256.Sum(b1) : 0d;
            sums[6] = width > 2 ? Vector256.Sum(b2) : 0d;
            sums[7] = width > 3 ? Vector256.Sum(b3) : 0d;
        }
    }

    /// <summary>Copies the lower triangle of the feature block, and the intercept column, to the upper triangle and the intercept row.</summary>
    public static void Mirror(Span<double> hessian, int n, bool fitIntercept)
    {
        int d = n + (fitIntercept ? 1 : 0);
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < j; k++)
            {
                hessian[(k * d) + j] = hessian[(j * d) + k];
            }

            if (fitIntercept)
            {
                hessian[(n * d) + j] = hessian[(j * d) + n];
            }
        }
    }

    /// <summary>z = b + Σ_j w_j·x_j over any feature count, for <see cref="RuntimeKernel"/>.</summary>
    public static void Logits(FeatureMatrix data, ReadOnlySpan<double> w, double b, int start, Span<double> z)
    {
        z.Fill(b);
        for (int j = 0; j < data.FeatureCount; j++)
        {
            ReadOnlySpan<float> x = data.Feature(j).Slice(start, z.Length);
            double wj = w[j];
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> vw = Vector256.Create(wj);
                ref double zr = ref MemoryMarshal.GetReference(z);
                ref float xr = ref MemoryMarshal.GetReference(x);
                for (; i <= z.Length - 4; i += 4)
                {
                    Vector256<double> acc = Vector256.LoadUnsafe(ref zr, (nuint)i);
                    Vector256.StoreUnsafe(SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref xr, i)), vw, acc), ref zr, (nuint)i);
                }
            }

            for (; i < z.Length; i++)
            {
                z[i] = SimdMath.MultiplyAdd(x[i], wj, z[i]);
            }
        }
    }

    /// <summary>Σᵢ xᵢ·rᵢ in double, the floats widened exactly.</summary>
    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<double> r)
    {
        int i = 0;
        double sum = 0d;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            ref float xr = ref MemoryMarshal.GetReference(x);
            ref double rr = ref MemoryMarshal.GetReference(r);
            Vector256<double> a = Vector256<double>.Zero, c = Vector256<double>.Zero;
            for (; i <= x.Length - 8; i += 8)
            {
                a = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref xr, i)), Vector256.LoadUnsafe(ref rr, (nuint)i), a);
                c = SimdMath.MultiplyAdd(SimdMath.Widen(ref Unsafe.Add(ref xr, i + 4)), Vector256.LoadUnsafe(ref rr, (nuint)(i + 4)), c);
            }

            sum = Vector256.Sum(a + c);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i] * r[i];
        }

        return sum;
    }
}
