using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LogRegGen.Optimization;

namespace LogRegGen;

/// <summary>
/// The softmax model's formulas, which the generated multinomial models call: logits z = W x + b for
/// one sample, the softmax a = exp(z − max z) / Σ exp(z − max z), the arg-max class, and the mean
/// cross-entropy J = −(1/m) Σᵢ log a⁽ⁱ⁾_{y⁽ⁱ⁾} and its gradient over a feature-major batch.
/// </summary>
/// <remarks>
/// W is K rows of n weights, row-major, class by class (row k is class k's weight vector); b holds
/// the K intercepts. Every function checks the lengths it is given.
/// </remarks>
public static class MultinomialMath
{
    /// <summary>The samples a batch call lays out at a time: the stride of its feature-major blocks.</summary>
    public const int BlockSize = 32;

    /// <summary>
    /// z = W x + b for one sample: zₖ = bₖ + Σⱼ Wₖⱼ·xⱼ, summed in feature order with the multiply-adds
    /// fused where the hardware fuses them, exactly as the batch <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>
    /// computes each sample, so one row and a batch give the same bits.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The sample's n features.</param>
    /// <param name="logits">Receives the K logits.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Logits(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> logits)
    {
        int k = biases.Length, n = x.Length;
        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(k, logits.Length, nameof(logits));
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<float> w = weights.Slice(c * n, n);
            float z = biases[c];
            for (int j = 0; j < n; j++)
            {
                z = SimdMath.MultiplyAdd(w[j], x[j], z);
            }

            logits[c] = z;
        }
    }

    /// <summary>
    /// The logits of <paramref name="count"/> samples laid out feature-major: feature j of sample i is
    /// <c>x[j · stride + i]</c>. Row i of <paramref name="logits"/> (an (count, K) row-major block) gets that
    /// sample's K logits, each summed as the one-sample overload sums it, eight samples per vector.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The block, n rows of <paramref name="stride"/> samples (at least (n − 1)·stride + count values).</param>
    /// <param name="stride">The distance between two features of a sample; a multiple of 8, at least <paramref name="count"/>.</param>
    /// <param name="count">The samples in the block.</param>
    /// <param name="logits">Receives count × K logits.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Logits(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> logits) =>
        Block(weights, biases, x, stride, count, logits, softmax: false);

    /// <summary>
    /// The class probabilities softmax(W x + b) of <paramref name="count"/> samples laid out as for
    /// <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float})"/>,
    /// each equal to <see cref="Softmax"/> of that sample's <see cref="Logits(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>.
    /// </summary>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="x">The block, n rows of <paramref name="stride"/> samples.</param>
    /// <param name="stride">The distance between two features of a sample; a multiple of 8, at least <paramref name="count"/>.</param>
    /// <param name="count">The samples in the block.</param>
    /// <param name="probabilities">Receives count × K probabilities, row by row.</param>
    /// <exception cref="ArgumentException">A length does not fit the others.</exception>
    public static void Probabilities(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> probabilities) =>
        Block(weights, biases, x, stride, count, probabilities, softmax: true);

    private static void Block(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int count, Span<float> destination, bool softmax)
    {
        int k = biases.Length;
        int n = k == 0 ? 0 : weights.Length / k;
        if (k == 0 || stride <= 0 || stride % 8 != 0 || count < 0 || count > stride)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least one class, a stride that is a positive multiple of 8 and at most {stride} samples, but got {k} classes, stride {stride} and {count} samples."),
                nameof(stride));
        }

        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(count * k, destination.Length, nameof(destination));
        if (n > 0 && x.Length < ((n - 1) * stride) + count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected at least {((n - 1) * stride) + count} values in x ({n} features of stride {stride}) but got {x.Length}."),
                nameof(x));
        }

        if (count == 0)
        {
            return;
        }

        // z, class by class, the samples along the lanes.
        int lanes = (count + 7) & ~7;
        float[]? rented = null;
        Span<float> z = k * lanes <= 2048 ? stackalloc float[k * lanes] : (rented = System.Buffers.ArrayPool<float>.Shared.Rent(k * lanes)).AsSpan(0, k * lanes);
        try
        {
            if (Vector256.IsHardwareAccelerated && x.Length >= ((n - 1) * stride) + lanes)
            {
                Logits256(weights, biases, x, stride, n, lanes, z);
                if (softmax)
                {
                    Softmax256(z, k, lanes);
                }
            }
            else
            {
                for (int c = 0; c < k; c++)
                {
                    for (int i = 0; i < count; i++)
                    {
                        float sum = biases[c];
                        for (int j = 0; j < n; j++)
                        {
                            sum = SimdMath.MultiplyAdd(weights[(c * n) + j], x[(j * stride) + i], sum);
                        }

                        z[(c * lanes) + i] = sum;
                    }
                }

                if (softmax)
                {
                    for (int i = 0; i < count; i++)
                    {
                        SoftmaxStrided(z.Slice(i), k, lanes);
                    }
                }
            }

            for (int i = 0; i < count; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    destination[(i * k) + c] = z[(c * lanes) + i];
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private static void Logits256(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, int stride, int n, int lanes, Span<float> z)
    {
        int k = biases.Length;
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float z0 = ref MemoryMarshal.GetReference(z);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<float> w = weights.Slice(c * n, n);
            Vector256<float> b = Vector256.Create(biases[c]);
            int v = 0;

            // Four vectors (32 samples) per pass, so each broadcast weight feeds four multiply-adds.
            for (; v + 32 <= lanes; v += 32)
            {
                Vector256<float> a0 = b, a1 = b, a2 = b, a3 = b;
                for (int j = 0; j < n; j++)
                {
                    Vector256<float> wj = Vector256.Create(w[j]);
                    ref float row = ref Unsafe.Add(ref x0, (j * stride) + v);
                    a0 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row), a0);
                    a1 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, 8), a1);
                    a2 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, 16), a2);
                    a3 = SimdMath.MultiplyAdd(wj, Vector256.LoadUnsafe(ref row, 24), a3);
                }

                ref float out0 = ref Unsafe.Add(ref z0, (c * lanes) + v);
                a0.StoreUnsafe(ref out0);
                a1.StoreUnsafe(ref out0, 8);
                a2.StoreUnsafe(ref out0, 16);
                a3.StoreUnsafe(ref out0, 24);
            }

            for (; v < lanes; v += 8)
            {
                Vector256<float> a = b;
                for (int j = 0; j < n; j++)
                {
                    a = SimdMath.MultiplyAdd(Vector256.Create(w[j]), Vector256.LoadUnsafe(ref Unsafe.Add(ref x0, (j * stride) + v)), a);
                }

                a.StoreUnsafe(ref Unsafe.Add(ref z0, (c * lanes) + v));
            }
        }
    }

    /// <summary>The softmax of each lane (sample) over the K rows (classes) of <paramref name="z"/>, in place.</summary>
    private static void Softmax256(Span<float> z, int k, int lanes)
    {
        ref float z0 = ref MemoryMarshal.GetReference(z);
        for (int v = 0; v < lanes; v += 8)
        {
            ref float column = ref Unsafe.Add(ref z0, v);
            Vector256<float> max = Vector256.LoadUnsafe(ref column);
            for (int c = 1; c < k; c++)
            {
                max = Max(max, Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)));
            }

            Vector256<float> sum = Vector256<float>.Zero;
            for (int c = 0; c < k; c++)
            {
                Vector256<float> e = SimdMath.Exp(Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)) - max);
                e.StoreUnsafe(ref column, (nuint)(c * lanes));
                sum += e;
            }

            for (int c = 0; c < k; c++)
            {
                (Vector256.LoadUnsafe(ref column, (nuint)(c * lanes)) / sum).StoreUnsafe(ref column, (nuint)(c * lanes));
            }
        }
    }

    /// <summary>The softmax of K values <paramref name="stride"/> apart, in place: the scalar twin of <see cref="Softmax256"/>.</summary>
    private static void SoftmaxStrided(Span<float> z, int k, int stride)
    {
        float max = z[0];
        for (int c = 1; c < k; c++)
        {
            max = MaxOf(max, z[c * stride]);
        }

        float sum = 0f;
        for (int c = 0; c < k; c++)
        {
            float e = SimdMath.Exp(z[c * stride] - max);
            z[c * stride] = e;
            sum += e;
        }

        for (int c = 0; c < k; c++)
        {
            z[c * stride] /= sum;
        }
    }

    /// <summary>a &gt; b ? a : b, what <see cref="Max(Vector256{float}, Vector256{float})"/> does in each lane (maxps).</summary>
    private static float MaxOf(float a, float b) => a > b ? a : b;

    /// <summary>a &gt; b ? a : b in each lane (maxps; Vector256.Max would treat NaN and −0 otherwise on newer runtimes).</summary>
    private static Vector256<float> Max(Vector256<float> a, Vector256<float> b) =>
        System.Runtime.Intrinsics.X86.Avx.IsSupported ? System.Runtime.Intrinsics.X86.Avx.Max(a, b) : Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    /// <summary>
    /// The softmax of one sample's logits, computed stably (the largest logit is subtracted first, so
    /// logits of ±1e4 give probabilities 1 and less than 1e−37, never NaN), with the same operations as
    /// the batch <see cref="Probabilities"/> for each of its samples. <paramref name="probabilities"/>
    /// may be <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The K logits.</param>
    /// <param name="probabilities">Receives the K probabilities, which sum to 1.</param>
    /// <exception cref="ArgumentException">The lengths differ or are 0.</exception>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        ShapeGuard.NotEmpty(logits.Length, nameof(logits));
        ShapeGuard.SameLength(logits.Length, probabilities.Length, nameof(probabilities));
        logits.CopyTo(probabilities);
        SoftmaxStrided(probabilities, probabilities.Length, 1);
    }

    /// <summary>The index of the largest value; ties go to the first. A NaN is never the largest.</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        ShapeGuard.NotEmpty(values.Length, nameof(values));
        int best = 0;
        for (int c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best] || float.IsNaN(values[best]))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>One sample's cross-entropy −log softmax(z)_y = log Σₖ exp zₖ − z_y, by log-sum-exp.</summary>
    /// <param name="logits">The K logits.</param>
    /// <param name="label">The true class, 0 … K − 1.</param>
    /// <returns>The loss, at least 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    public static double Loss(ReadOnlySpan<float> logits, int label)
    {
        ShapeGuard.NotEmpty(logits.Length, nameof(logits));
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, logits.Length);
        double max = logits[0];
        for (int c = 1; c < logits.Length; c++)
        {
            max = Math.Max(max, logits[c]);
        }

        double sum = 0d;
        for (int c = 0; c < logits.Length; c++)
        {
            sum += Math.Exp(logits[c] - max);
        }

        return max + Math.Log(sum) - logits[label];
    }

    /// <summary>The mean cross-entropy J = −(1/m) Σᵢ log a⁽ⁱ⁾_{y⁽ⁱ⁾} over a batch, with no penalty.</summary>
    /// <param name="data">X (n, m) and the labels, class indices 0 … K − 1.</param>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for all cores.</param>
    /// <returns>J.</returns>
    /// <exception cref="ArgumentException">A length does not fit the data.</exception>
    /// <exception cref="LogisticDataException">A feature is not finite, or a label is not a class index (the message names the row).</exception>
    public static double Cost(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int maxDegreeOfParallelism = -1) =>
        Gradients(data, weights, biases, default, default, maxDegreeOfParallelism, gradient: false);

    /// <summary>
    /// The mean cross-entropy J and its gradient, the notes' backward pass one class at a time:
    /// dZ = A − Y (Y one-hot), dW = (1/m) dZ Xᵀ, db = (1/m) Σᵢ dZ⁽ⁱ⁾.
    /// </summary>
    /// <param name="data">X (n, m) and the labels, class indices 0 … K − 1.</param>
    /// <param name="weights">W, K·n values, row-major.</param>
    /// <param name="biases">b, K values.</param>
    /// <param name="dw">Receives dW, K·n values, row-major.</param>
    /// <param name="db">Receives db, K values.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for all cores.</param>
    /// <returns>J.</returns>
    /// <exception cref="ArgumentException">A length does not fit the data.</exception>
    /// <exception cref="LogisticDataException">A feature is not finite, or a label is not a class index (the message names the row).</exception>
    public static double Gradients(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<double> dw, Span<double> db, int maxDegreeOfParallelism = -1) =>
        Gradients(data, weights, biases, dw, db, maxDegreeOfParallelism, gradient: true);

    private static double Gradients(FeatureMatrix data, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<double> dw, Span<double> db, int maxDegreeOfParallelism, bool gradient)
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = biases.Length, n = data.FeatureCount;
        if (k < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected at least 2 classes (biases) but got {k}."), nameof(biases));
        }

        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        if (gradient)
        {
            ShapeGuard.SameLength(k * n, dw.Length, nameof(dw));
            ShapeGuard.SameLength(k, db.Length, nameof(db));
        }

        data.Validate(null, k);
        var objective = new MultinomialObjective(data, k, null, data.SampleCount, 0d, fitIntercept: true, maxDegreeOfParallelism);
        var theta = new double[objective.Dimension];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < n; j++)
            {
                theta[(c * (n + 1)) + j] = weights[(c * n) + j];
            }

            theta[(c * (n + 1)) + n] = biases[c];
        }

        var g = new double[objective.Dimension];
        double m = data.SampleCount;
        double value = objective.ValueAndGradient(theta, g) / m;
        if (gradient)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    dw[(c * n) + j] = g[(c * (n + 1)) + j] / m;
                }

                db[c] = g[(c * (n + 1)) + n] / m;
            }
        }

        return value;
    }

    /// <summary>The error for a label value that is not one of the model's classes.</summary>
    /// <param name="value">The value, as the enum writes it.</param>
    /// <param name="row">The row's index, or null for a single row.</param>
    /// <param name="labelName">The label member's name.</param>
    /// <returns>The exception to throw.</returns>
    public static LogisticDataException NotAClass(string value, int? row, string labelName) =>
        new(
            row is int i
                ? string.Create(CultureInfo.InvariantCulture, $"Row {i}, column '{labelName}': {value} is not one of the model's classes (a defined member of the label's enum).")
                : string.Create(CultureInfo.InvariantCulture, $"Column '{labelName}': {value} is not one of the model's classes (a defined member of the label's enum)."),
            row,
            labelName);
}
