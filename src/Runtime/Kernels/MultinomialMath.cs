using System;
using System.Globalization;
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
    /// <summary>z = W x + b for one sample: zₖ = Wₖ·x + bₖ.</summary>
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
            logits[c] = LogisticMath.Dot(weights.Slice(c * n, n), x) + biases[c];
        }
    }

    /// <summary>
    /// The softmax of one sample's logits, computed stably (the largest logit is subtracted first, so
    /// logits of ±1e4 give probabilities 0 and 1, never NaN). <paramref name="probabilities"/> may be
    /// <paramref name="logits"/> itself.
    /// </summary>
    /// <param name="logits">The K logits.</param>
    /// <param name="probabilities">Receives the K probabilities, which sum to 1.</param>
    /// <exception cref="ArgumentException">The lengths differ or are 0.</exception>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        ShapeGuard.NotEmpty(logits.Length, nameof(logits));
        ShapeGuard.SameLength(logits.Length, probabilities.Length, nameof(probabilities));
        float max = logits[0];
        for (int c = 1; c < logits.Length; c++)
        {
            max = MathF.Max(max, logits[c]);
        }

        double sum = 0d;
        for (int c = 0; c < logits.Length; c++)
        {
            float e = MathF.Exp(logits[c] - max);
            probabilities[c] = e;
            sum += e;
        }

        float inverse = (float)(1d / sum);
        for (int c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] *= inverse;
        }
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
