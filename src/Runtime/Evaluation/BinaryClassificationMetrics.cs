using System.Globalization;
using System.Text;

namespace LogRegGen;

/// <summary>
/// The quality of binary predictions at one threshold: the confusion matrix and the scores
/// derived from it (with scikit-learn's conventions), plus the log loss and the ROC AUC of the probabilities.
/// </summary>
/// <param name="TruePositives">Samples with label 1 predicted 1.</param>
/// <param name="FalsePositives">Samples with label 0 predicted 1.</param>
/// <param name="TrueNegatives">Samples with label 0 predicted 0.</param>
/// <param name="FalseNegatives">Samples with label 1 predicted 0.</param>
/// <param name="LogLoss">The mean cross-entropy of the probabilities, each clipped to [1e−15, 1 − 1e−15].</param>
public sealed record BinaryClassificationMetrics(
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    double LogLoss)
{
    /// <summary>The number of samples.</summary>
    public int Count => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>The fraction of samples predicted correctly, (TP + TN) / Count; 0 when there are no samples.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Count);

    /// <summary>TP / (TP + FP): the fraction of predicted positives that are positive; 0 when nothing is predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN): the fraction of positives that are predicted positive; 0 when there are no positives.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>The harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN); 0 when that is 0/0.</summary>
    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    /// <summary>
    /// The area under the ROC curve of the probabilities (see <see cref="Metrics.RocAuc(System.ReadOnlySpan{float}, System.ReadOnlySpan{float})"/>);
    /// it does not depend on the threshold. NaN when only one class occurs, where it is undefined.
    /// </summary>
    public double RocAuc { get; init; } = double.NaN;

    /// <summary>A small aligned table of the scores and the confusion matrix.</summary>
    /// <returns>The table, formatted with the invariant culture, one item per line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Accuracy   {Accuracy,8:F4}");
        text.AppendLine(c, $"Precision  {Precision,8:F4}");
        text.AppendLine(c, $"Recall     {Recall,8:F4}");
        text.AppendLine(c, $"F1         {F1,8:F4}");
        text.AppendLine(c, $"Log loss   {LogLoss,8:F4}");
        if (!double.IsNaN(RocAuc))
        {
            text.AppendLine(c, $"ROC AUC    {RocAuc,8:F4}");
        }

        text.AppendLine(c, $"Count      {Count,8}");
        text.AppendLine(c, $"{"",-10} {"pred 1",8} {"pred 0",8}");
        text.AppendLine(c, $"{"actual 1",-10} {TruePositives,8} {FalseNegatives,8}");
        text.Append(c, $"{"actual 0",-10} {FalsePositives,8} {TrueNegatives,8}");
        return text.ToString();
    }

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? 0d : (double)numerator / denominator;
}
