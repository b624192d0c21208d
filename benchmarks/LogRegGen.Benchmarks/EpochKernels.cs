using System;
using System.Text;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LogRegGen.Benchmarks;

/// <summary>
/// The two hand-written epochs the generated model is compared with. An epoch is the forward and
/// backward pass of batch gradient descent at fixed (w, b): z = wᵀx + b, a = σ(z),
/// J = mean cross-entropy, dz = a − y, dw = X·dZᵀ/m, db = mean dz.
/// </summary>
public static class EpochKernels
{
    /// <summary>
    /// The samples per block of <see cref="TensorPrimitivesEpoch"/>: 4096 floats (16 KiB) per
    /// buffer, so z and its scratch stay in L1/L2 while the n features of the block are read.
    /// </summary>
    public const int TensorBlock = 4096;

    /// <summary>
    /// The notes' for-loop: one sample at a time over the sample-major matrix, scalar code,
    /// σ(z) = 1/(1 + e^−z) with <see cref="MathF.Exp"/>. The sums are kept in double, as anyone
    /// summing a million terms should; that costs a scalar loop nothing.
    /// </summary>
    /// <param name="x">X sample-major, shape (m, n).</param>
    /// <param name="y">Y, length m.</param>
    /// <param name="w">w, length n.</param>
    /// <param name="b">b.</param>
    /// <param name="dw">Receives dw, length n.</param>
    /// <param name="db">Receives db.</param>
    /// <returns>J.</returns>
    public static double NaiveLoop(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> w, float b, Span<double> dw, out double db)
    {
        int n = w.Length;
        int m = y.Length;
        dw.Clear();
        double cost = 0;
        double dbSum = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> xi = x.Slice(i * n, n);
            float z = b;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * xi[j];
            }

            float a = 1f / (1f + MathF.Exp(-z));
            float yi = y[i];

            // L(a, y) = −y log a − (1 − y) log(1 − a), written from z so a saturated σ gives no
            // log(0): L = max(z, 0) − y z + log(1 + e^−|z|).
            cost += MathF.Max(z, 0f) - (yi * z) + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));

            float dz = a - yi;
            for (int j = 0; j < n; j++)
            {
                dw[j] += xi[j] * dz;
            }

            dbSum += dz;
        }

        double inverseM = 1.0 / m;
        for (int j = 0; j < n; j++)
        {
            dw[j] *= inverseM;
        }

        db = dbSum * inverseM;
        return cost * inverseM;
    }

    /// <summary>
    /// A competent vectorized epoch built from <see cref="TP"/> over the feature-major X (n, m),
    /// one block of <see cref="TensorBlock"/> samples at a time: z = b, then z += w_j X_j per
    /// feature (MultiplyAdd); J from z with Abs, Negate, Exp, LogP1, Sum, SumOfMagnitudes and Dot;
    /// a = Sigmoid(z); dz = a − y (Subtract); dw_j += Dot(X_j, dz); db += Sum(dz). Block sums are
    /// added into double totals.
    /// </summary>
    /// <param name="x">X feature-major, shape (n, m).</param>
    /// <param name="y">Y, length m.</param>
    /// <param name="w">w, length n.</param>
    /// <param name="b">b.</param>
    /// <param name="dw">Receives dw, length n.</param>
    /// <param name="db">Receives db.</param>
    /// <param name="z">Scratch, at least <see cref="TensorBlock"/> floats.</param>
    /// <param name="scratch">Scratch, at least <see cref="TensorBlock"/> floats.</param>
    /// <returns>J.</returns>
    public static double TensorPrimitivesEpoch(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        ReadOnlySpan<float> w,
        float b,
        Span<double> dw,
        out double db,
        Span<float> z,
        Span<float> scratch)
    {
        int n = w.Length;
        int m = y.Length;
        dw.Clear();
        double cost = 0;
        double dbSum = 0;
        for (int start = 0; start < m; start += TensorBlock)
        {
            int count = Math.Min(TensorBlock, m - start);
            Span<float> zb = z.Slice(0, count);
            Span<float> t = scratch.Slice(0, count);
            ReadOnlySpan<float> yb = y.Slice(start, count);

            // Forward: z = wᵀX + b.
            zb.Fill(b);
            for (int j = 0; j < n; j++)
            {
                TP.MultiplyAdd(x.Slice((j * m) + start, count), w[j], zb, zb);
            }

            // J: Σ [log(1 + e^−|z|) + max(z, 0) − y z], with Σ max(z, 0) = (Σ z + Σ |z|) / 2.
            TP.Abs(zb, t);
            TP.Negate(t, t);
            TP.Exp(t, t);
            TP.LogP1<float>(t, t);
            cost += (double)TP.Sum(t)
                + (0.5 * ((double)TP.Sum(zb) + TP.SumOfMagnitudes(zb)))
                - TP.Dot(yb, zb);

            // Backward: dz = σ(z) − y, dw += X dzᵀ, db += Σ dz.
            TP.Sigmoid(zb, zb);
            TP.Subtract(zb, yb, zb);
            for (int j = 0; j < n; j++)
            {
                dw[j] += TP.Dot(x.Slice((j * m) + start, count), zb);
            }

            dbSum += TP.Sum(zb);
        }

        double inverseM = 1.0 / m;
        for (int j = 0; j < n; j++)
        {
            dw[j] *= inverseM;
        }

        db = dbSum * inverseM;
        return cost * inverseM;
    }

    /// <summary>
    /// Throws unless <paramref name="actualDw"/>, <paramref name="actualDb"/> and
    /// <paramref name="actualCost"/> match the reference within <paramref name="relativeTolerance"/>,
    /// relative to max(|reference component|, largest |dw_j| and |db|), so components near zero
    /// are judged on the gradient's scale.
    /// </summary>
    /// <param name="name">The implementation checked, for the message.</param>
    /// <param name="referenceDw">Reference dw.</param>
    /// <param name="referenceDb">Reference db.</param>
    /// <param name="referenceCost">Reference J.</param>
    /// <param name="actualDw">dw to check.</param>
    /// <param name="actualDb">db to check.</param>
    /// <param name="actualCost">J to check.</param>
    /// <param name="relativeTolerance">The relative tolerance, e.g. 1e-3.</param>
    public static void CheckSame(
        string name,
        ReadOnlySpan<double> referenceDw,
        double referenceDb,
        double referenceCost,
        ReadOnlySpan<double> actualDw,
        double actualDb,
        double actualCost,
        double relativeTolerance)
    {
        double scale = Math.Abs(referenceDb);
        foreach (double g in referenceDw)
        {
            scale = Math.Max(scale, Math.Abs(g));
        }

        var problems = new StringBuilder();
        if (actualDw.Length != referenceDw.Length)
        {
            problems.Append($" dw has {actualDw.Length} components, expected {referenceDw.Length};");
        }
        else
        {
            for (int j = 0; j < referenceDw.Length; j++)
            {
                Compare($"dw[{j}]", referenceDw[j], actualDw[j], scale);
            }
        }

        Compare("db", referenceDb, actualDb, scale);
        Compare("J", referenceCost, actualCost, 0);
        if (problems.Length > 0)
        {
            throw new InvalidOperationException(
                $"Self-check failed: {name} disagrees with the naive loop beyond {relativeTolerance:g} relative:{problems}");
        }

        void Compare(string what, double expected, double actual, double floor)
        {
            double allowed = relativeTolerance * Math.Max(Math.Abs(expected), floor);
            if (!(Math.Abs(actual - expected) <= allowed))
            {
                problems.Append($" {what} = {actual:R}, expected {expected:R};");
            }
        }
    }
}
