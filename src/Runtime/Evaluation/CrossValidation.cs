using System;
using System.Collections.Generic;
using System.Globalization;

namespace LogRegGen;

/// <summary>Splitting labelled samples into folds for cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>
    /// The test fold of every sample under stratified k-fold, assigned exactly as scikit-learn's
    /// <c>StratifiedKFold(n_splits=k)</c> (no shuffling) assigns them: classes numbered by first
    /// appearance, each fold given the share of each class that taking every k-th sample of the
    /// class-sorted labels gives it, and each class's samples dealt to folds 0, 1, … in blocks, in order.
    /// The same labels give the same folds, so the same C is chosen.
    /// </summary>
    /// <param name="labels">One label per sample (a class index, or 0 and 1).</param>
    /// <param name="foldCount">k, at least 2.</param>
    /// <returns>For each sample, its fold in [0, k).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="foldCount"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">There are fewer samples than folds, or every class has fewer samples than folds.</exception>
    public static int[] StratifiedFolds(ReadOnlySpan<float> labels, int foldCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(foldCount, 2);
        int m = labels.Length;
        if (m < foldCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{foldCount} folds need at least {foldCount} samples but there are {m}."), nameof(labels));
        }

        // Classes numbered by first appearance, and their sizes.
        var codes = new Dictionary<float, int>();
        var counts = new List<int>();
        int[] code = new int[m];
        for (int i = 0; i < m; i++)
        {
            if (!codes.TryGetValue(labels[i], out int c))
            {
                c = counts.Count;
                codes.Add(labels[i], c);
                counts.Add(0);
            }

            code[i] = c;
            counts[c]++;
        }

        int largest = 0;
        foreach (int count in counts)
        {
            largest = Math.Max(largest, count);
        }

        if (largest < foldCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{foldCount} folds need more samples than that in at least one class, but the largest class has {largest}."),
                nameof(labels));
        }

        // allocation[f, c]: how many of class c's positions in the class-sorted labels are ≡ f (mod k).
        int classes = counts.Count;
        var allocation = new int[foldCount, classes];
        int position = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int j = 0; j < counts[c]; j++, position++)
            {
                allocation[position % foldCount, c]++;
            }
        }

        // Each class's samples, in order, go to fold 0 for allocation[0, c] of them, then fold 1, ...
        var fold = new int[classes];
        var used = new int[classes];
        int[] folds = new int[m];
        for (int i = 0; i < m; i++)
        {
            int c = code[i];
            while (used[c] == allocation[fold[c], c])
            {
                fold[c]++;
                used[c] = 0;
            }

            folds[i] = fold[c];
            used[c]++;
        }

        return folds;
    }
}
