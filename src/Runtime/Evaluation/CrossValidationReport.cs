using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LogRegGen;

/// <summary>
/// What cross-validation found: the score of every C on every fold, their means, the C chosen and the
/// report of the refit on all rows with it.
/// </summary>
public sealed class CrossValidationReport
{
    internal CrossValidationReport(double[] cs, double[][] foldScores, double[] meanScores, int bestIndex, CrossValidationScoring scoring, TrainingReport refit, TimeSpan elapsed)
    {
        Cs = Array.AsReadOnly(cs);
        FoldScores = Array.AsReadOnly(Array.ConvertAll(foldScores, static row => (IReadOnlyList<double>)Array.AsReadOnly(row)));
        MeanScores = Array.AsReadOnly(meanScores);
        BestIndex = bestIndex;
        Scoring = scoring;
        Refit = refit;
        Elapsed = elapsed;
    }

    /// <summary>The grid of C, in the order given.</summary>
    public IReadOnlyList<double> Cs { get; }

    /// <summary>The score of each C (outer index, as <see cref="Cs"/>) on each test fold (inner index).</summary>
    public IReadOnlyList<IReadOnlyList<double>> FoldScores { get; }

    /// <summary>
    /// The mean score of each C over the folds: the fold scores added in fold order, then divided by k. The choice
    /// compares the sums, as scikit-learn's <c>LogisticRegressionCV</c> does, so C whose scores tie are told apart
    /// (or not) as there.
    /// </summary>
    public IReadOnlyList<double> MeanScores { get; }

    /// <summary>The index in <see cref="Cs"/> of the C chosen: the best sum of fold scores, the first in grid order on a tie.</summary>
    public int BestIndex { get; }

    /// <summary>The C chosen, with which the returned model was refitted on all rows.</summary>
    public double BestC => Cs[BestIndex];

    /// <summary>The score that chose C.</summary>
    public CrossValidationScoring Scoring { get; }

    /// <summary>The number of folds k.</summary>
    public int FoldCount => FoldScores[0].Count;

    /// <summary>The report of the refit on all rows with <see cref="BestC"/>.</summary>
    public TrainingReport Refit { get; }

    /// <summary>The wall-clock time of the whole search and the refit.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>A table of the mean and per-fold scores per C, the chosen one marked, formatted with the invariant culture.</summary>
    /// <returns>The table, one line per C.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        string score = Scoring switch { CrossValidationScoring.Accuracy => "accuracy", CrossValidationScoring.LogLoss => "log loss", _ => "ROC AUC" };
        text.Append(CultureInfo.InvariantCulture, $"{FoldCount}-fold cross-validation by {score}: C = {Format(BestC)} chosen ({Elapsed.TotalMilliseconds:F0} ms)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{"C",12}  {"mean",8}  folds").AppendLine();
        for (int i = 0; i < Cs.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Format(Cs[i]),12}  {MeanScores[i],8:F4} ");
            foreach (double s in FoldScores[i])
            {
                text.Append(CultureInfo.InvariantCulture, $" {s:F4}");
            }

            text.Append(i == BestIndex ? "  <- chosen" : string.Empty).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>C with four significant digits: 0.3594, 21.54 or 1292 in [0.001, 10⁴), 1e-4 or 1e+4 outside.</summary>
    private static string Format(double c) =>
        c is >= 1e-3 and < 1e4 ? c.ToString("G4", CultureInfo.InvariantCulture) : c.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
