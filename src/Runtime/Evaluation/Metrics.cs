using System;
using System.Buffers;
using System.Collections.Generic;
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

        bool bothClasses = tp + fn > 0 && fp + tn > 0;
        return new BinaryClassificationMetrics(tp, fp, tn, fn, logLoss / probabilities.Length)
        {
            RocAuc = bothClasses ? RocAucCore(probabilities, labels, default) : double.NaN,
        };
    }

    /// <summary>
    /// Scores probabilities over K classes: the confusion matrix of the most probable class (ties to
    /// the first), the per-class and averaged scores, the log loss and the one-vs-rest macro ROC AUC.
    /// </summary>
    /// <param name="probabilities">m rows of K probabilities, row-major (sample i's at [i·K, (i + 1)·K)), each in [0, 1].</param>
    /// <param name="labels">The true classes, 0 … K − 1, one per row.</param>
    /// <param name="classCount">K, at least 2.</param>
    /// <param name="classNames">K names for <see cref="MulticlassClassificationMetrics.ToString"/>; null for the indices.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The spans are empty, or <paramref name="probabilities"/> is not m·K long, or the names are not K.</exception>
    /// <exception cref="LogisticDataException">A label is not a class index, or a probability is NaN or outside [0, 1]; the message names the row.</exception>
    public static MulticlassClassificationMetrics Evaluate(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int classCount, IReadOnlyList<string>? classNames = null)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier has at least 2 classes.");
        }

        int m = labels.Length;
        ShapeGuard.NotEmpty(m, nameof(labels));
        ShapeGuard.SameLength(m * classCount, probabilities.Length, nameof(probabilities));
        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {classCount} class names but got {classNames.Count}."), nameof(classNames));
        }

        var confusion = new int[classCount * classCount];
        double logLoss = 0d;
        for (int i = 0; i < m; i++)
        {
            float y = labels[i];
            if (!(y >= 0f && y < classCount && y == MathF.Floor(y)))
            {
                throw new LogisticDataException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {i}, column 'label': label is {y}; a label must be a class index 0 to {classCount - 1}."),
                    i,
                    "label");
            }

            ReadOnlySpan<float> row = probabilities.Slice(i * classCount, classCount);
            int predicted = 0;
            for (int k = 0; k < classCount; k++)
            {
                if (!(row[k] >= 0f && row[k] <= 1f))
                {
                    throw new LogisticDataException(
                        string.Create(CultureInfo.InvariantCulture, $"Row {i}: probability of class {k} is {row[k]}; a probability must be in [0, 1]."),
                        i,
                        "probability");
                }

                predicted = row[k] > row[predicted] ? k : predicted;
            }

            confusion[((int)y * classCount) + predicted]++;
            logLoss -= Math.Log(Math.Clamp((double)row[(int)y], LogLossEpsilon, 1d - LogLossEpsilon));
        }

        return new MulticlassClassificationMetrics(classCount, confusion, logLoss / m, OneVsRestRocAuc(probabilities, labels, classCount), classNames);
    }

    /// <summary>The mean over classes of the ROC AUC of class k's probability against [y = k]; NaN unless every class occurs.</summary>
    internal static double OneVsRestRocAuc(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int classCount)
    {
        int m = labels.Length;
        float[] scores = ArrayPool<float>.Shared.Rent(m);
        float[] indicator = ArrayPool<float>.Shared.Rent(m);
        try
        {
            double sum = 0d;
            for (int k = 0; k < classCount; k++)
            {
                bool some = false, all = true;
                for (int i = 0; i < m; i++)
                {
                    scores[i] = probabilities[(i * classCount) + k];
                    indicator[i] = labels[i] == k ? 1f : 0f;
                    some |= indicator[i] == 1f;
                    all &= indicator[i] == 1f;
                }

                if (!some || all)
                {
                    return double.NaN;
                }

                sum += RocAucCore(scores.AsSpan(0, m), indicator.AsSpan(0, m), default);
            }

            return sum / classCount;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(indicator);
        }
    }

    /// <summary>
    /// The area under the ROC curve (true-positive rate against false-positive rate as the
    /// threshold falls), as scikit-learn's <c>roc_auc_score</c>: samples with equal scores enter
    /// the curve together, at one threshold, and the area is summed with the trapezoidal rule.
    /// It equals the probability that a random positive scores above a random negative, ties
    /// counting one half.
    /// </summary>
    /// <param name="scores">A score per sample, higher meaning more likely 1: probabilities or logits (only their order matters). Each finite.</param>
    /// <param name="labels">The true labels, each 0 or 1, one per score; both classes must occur.</param>
    /// <returns>The area, in [0, 1]; 0.5 for uninformative scores.</returns>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths, or only one class occurs.</exception>
    /// <exception cref="LogisticDataException">A label is not 0 or 1, or a score is NaN or infinite; the message names the row.</exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels) =>
        RocAuc(scores, labels, default);

    /// <summary>
    /// The ROC AUC with sample weights, as scikit-learn's <c>roc_auc_score(..., sample_weight=...)</c>:
    /// each sample adds its weight, not 1, to the true- or false-positive count.
    /// </summary>
    /// <param name="scores">A finite score per sample, higher meaning more likely 1.</param>
    /// <param name="labels">The true labels, each 0 or 1; both classes must carry positive weight.</param>
    /// <param name="sampleWeights">A weight per sample, finite and at least 0; empty for all 1.</param>
    /// <returns>The area, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths, or a class has no weight.</exception>
    /// <exception cref="LogisticDataException">A label, score or weight is invalid; the message names the row.</exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, ReadOnlySpan<float> sampleWeights)
    {
        ShapeGuard.NotEmpty(scores.Length, nameof(scores));
        ShapeGuard.SameLength(scores.Length, labels.Length, nameof(labels));
        if (!sampleWeights.IsEmpty)
        {
            ShapeGuard.SameLength(scores.Length, sampleWeights.Length, nameof(sampleWeights));
        }

        for (int i = 0; i < scores.Length; i++)
        {
            ShapeGuard.Label(labels[i], i, "label");
            CheckFinite(scores[i], i, "score");
            if (!sampleWeights.IsEmpty)
            {
                ShapeGuard.SampleWeight(sampleWeights[i], i);
            }
        }

        double auc = RocAucCore(scores, labels, sampleWeights);
        if (double.IsNaN(auc))
        {
            throw new ArgumentException("ROC AUC is undefined when only one class occurs (or has positive weight) in the labels.", nameof(labels));
        }

        return auc;
    }

    /// <summary>
    /// Sorts the samples by score, then walks the distinct scores from the highest down,
    /// accumulating the true- and false-positive weight, and adds the trapezoid under each
    /// segment of the (FP, TP) curve. Returns NaN when a class has no weight. Inputs are valid.
    /// </summary>
    private static double RocAucCore(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, ReadOnlySpan<float> sampleWeights)
    {
        int m = scores.Length;
        float[] keys = ArrayPool<float>.Shared.Rent(m);
        int[] rows = ArrayPool<int>.Shared.Rent(m);
        try
        {
            for (int i = 0; i < m; i++)
            {
                keys[i] = scores[i];
                rows[i] = i;
            }

            Array.Sort(keys, rows, 0, m);
            double tp = 0d, fp = 0d, area = 0d;
            int end = m;
            while (end > 0)
            {
                // The group of samples sharing the highest score not yet visited: [start, end).
                float score = keys[end - 1];
                int start = end - 1;
                while (start > 0 && keys[start - 1] == score)
                {
                    start--;
                }

                double groupTp = 0d, groupFp = 0d;
                for (int k = start; k < end; k++)
                {
                    int i = rows[k];
                    double weight = sampleWeights.IsEmpty ? 1d : sampleWeights[i];
                    if (labels[i] == 1f)
                    {
                        groupTp += weight;
                    }
                    else
                    {
                        groupFp += weight;
                    }
                }

                area += groupFp * (tp + (0.5d * groupTp));
                tp += groupTp;
                fp += groupFp;
                end = start;
            }

            return tp > 0d && fp > 0d ? area / (tp * fp) : double.NaN;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    private static void CheckFinite(float value, int row, string column)
    {
        if (!float.IsFinite(value))
        {
            throw new LogisticDataException(
                string.Create(CultureInfo.InvariantCulture, $"Row {row}: {column} is {value}; a {column} must be a finite number."),
                row,
                column);
        }
    }
}
