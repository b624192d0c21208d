using System;
using System.Globalization;

namespace LogRegGen;

/// <summary>Scores predicted probabilities against labels.</summary>
public static class Metrics
{
    /// <summary>The probability clip used by the log loss, as in scikit-learn's <c>log_loss</c>.</summary>
    private const double LogLossEpsilon = 1e-15;

    /// <summary>
    /// Computes the confusion matrix at <paramref name="threshold"/> (a sample is predicted
    /// positive when its probability is at least the threshold) and the log loss.
    /// </summary>
    /// <param name="probabilities">P(y = 1) for each sample, each in [0, 1].</param>
    /// <param name="labels">The true labels, each 0 or 1, one per probability.</param>
    /// <param name="threshold">The decision threshold, in [0, 1]. Default 0.5.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in [0, 1].</exception>
    /// <exception cref="LogisticDataException">A label is not 0 or 1, or a probability is NaN or outside [0, 1].</exception>
    public static BinaryClassificationMetrics Evaluate(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, float threshold = 0.5f)
    {
        ShapeGuard.NotEmpty(probabilities.Length, nameof(probabilities));
        ShapeGuard.SameLength(probabilities.Length, labels.Length, nameof(labels));
        if (!(threshold >= 0f && threshold <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in [0, 1].");
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0d;
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i];
            if (!(p >= 0f && p <= 1f))
            {
                throw new LogisticDataException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {i}: probability is {p}; a probability must be in [0, 1]."),
                    i,
                    "probability");
            }

            bool positive = ShapeGuard.Label(labels[i], i, "label") == 1f;
            bool predicted = p >= threshold;
            switch ((positive, predicted))
            {
                case (true, true): tp++; break;
                case (true, false): fn++; break;
                case (false, true): fp++; break;
                case (false, false): tn++; break;
            }

            double clipped = Math.Clamp((double)p, LogLossEpsilon, 1d - LogLossEpsilon);
            logLoss -= positive ? Math.Log(clipped) : Math.Log(1d - clipped);
        }

        return new BinaryClassificationMetrics(tp, fp, tn, fn, logLoss / probabilities.Length);
    }
}
