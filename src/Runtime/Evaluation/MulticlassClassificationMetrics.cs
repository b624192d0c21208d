using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LogRegGen;

/// <summary>
/// The quality of predictions over K classes, with scikit-learn's conventions: the K × K confusion
/// matrix (rows the actual class, columns the predicted one, the class of the largest probability,
/// ties to the first), accuracy, precision, recall and F1 per class and their macro and weighted
/// averages, the multinomial log loss and the one-vs-rest macro ROC AUC.
/// </summary>
public sealed class MulticlassClassificationMetrics
{
    private readonly int[] _confusion;
    private readonly string[] _classNames;

    internal MulticlassClassificationMetrics(int classCount, int[] confusion, double logLoss, double rocAuc, IReadOnlyList<string>? classNames)
    {
        ClassCount = classCount;
        _confusion = confusion;
        LogLoss = logLoss;
        RocAuc = rocAuc;
        _classNames = new string[classCount];
        for (int k = 0; k < classCount; k++)
        {
            _classNames[k] = classNames?[k] ?? k.ToString(CultureInfo.InvariantCulture);
        }

        var precision = new double[classCount];
        var recall = new double[classCount];
        var f1 = new double[classCount];
        var support = new int[classCount];
        int correct = 0;
        for (int k = 0; k < classCount; k++)
        {
            int predicted = 0;
            for (int a = 0; a < classCount; a++)
            {
                support[k] += this[k, a];
                predicted += this[a, k];
            }

            int hits = this[k, k];
            correct += hits;
            precision[k] = Ratio(hits, predicted);
            recall[k] = Ratio(hits, support[k]);
            f1[k] = Ratio(2 * hits, predicted + support[k]);
            Count += support[k];
        }

        Precision = precision;
        Recall = recall;
        F1 = f1;
        Support = support;
        Accuracy = Ratio(correct, Count);
        for (int k = 0; k < classCount; k++)
        {
            MacroPrecision += Precision[k] / classCount;
            MacroRecall += Recall[k] / classCount;
            MacroF1 += F1[k] / classCount;
            double share = Ratio(Support[k], Count);
            WeightedPrecision += share * Precision[k];
            WeightedRecall += share * Recall[k];
            WeightedF1 += share * F1[k];
        }
    }

    /// <summary>K.</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The samples of actual class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _confusion[(actual * ClassCount) + predicted];

    /// <summary>The class names (or indices) used by <see cref="ToString"/>.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The fraction of samples predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Per class: of the samples predicted as it, the fraction that are (0 when none is predicted).</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>Per class: of its samples, the fraction predicted as it (0 when it has none).</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>Per class: the harmonic mean of precision and recall (0 when both are 0).</summary>
    public IReadOnlyList<double> F1 { get; }

    /// <summary>Per class: its number of samples.</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>The unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>The unweighted mean of the per-class recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 { get; }

    /// <summary>The per-class precisions weighted by support.</summary>
    public double WeightedPrecision { get; }

    /// <summary>The per-class recalls weighted by support (equal to the accuracy).</summary>
    public double WeightedRecall { get; }

    /// <summary>The per-class F1 scores weighted by support.</summary>
    public double WeightedF1 { get; }

    /// <summary>−mean log p(actual class), each probability clipped to [1e−15, 1 − 1e−15].</summary>
    public double LogLoss { get; }

    /// <summary>
    /// The mean over classes of the ROC AUC of that class's probability against "this class or not"
    /// (scikit-learn's <c>roc_auc_score(multi_class="ovr", average="macro")</c>); NaN unless every class occurs.
    /// </summary>
    public double RocAuc { get; }

    /// <summary>The scores, a per-class table and the confusion matrix, with the class names.</summary>
    /// <returns>The text, formatted with the invariant culture.</returns>
    public override string ToString()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        int width = 9;
        foreach (string name in _classNames)
        {
            width = Math.Max(width, name.Length + 1);
        }

        var text = new StringBuilder();
        text.AppendLine(c, $"Accuracy   {Accuracy,8:F4}");
        text.AppendLine(c, $"Log loss   {LogLoss,8:F4}");
        if (!double.IsNaN(RocAuc))
        {
            text.AppendLine(c, $"ROC AUC    {RocAuc,8:F4}   (one-vs-rest, macro)");
        }

        text.AppendLine(c, $"Count      {Count,8}");
        text.AppendLine();
        text.AppendLine(c, $"{"".PadRight(width)} {"precision",9} {"recall",9} {"F1",9} {"support",9}");
        for (int k = 0; k < ClassCount; k++)
        {
            text.AppendLine(c, $"{_classNames[k].PadRight(width)} {Precision[k],9:F4} {Recall[k],9:F4} {F1[k],9:F4} {Support[k],9}");
        }

        text.AppendLine(c, $"{"macro".PadRight(width)} {MacroPrecision,9:F4} {MacroRecall,9:F4} {MacroF1,9:F4} {Count,9}");
        text.AppendLine(c, $"{"weighted".PadRight(width)} {WeightedPrecision,9:F4} {WeightedRecall,9:F4} {WeightedF1,9:F4} {Count,9}");
        text.AppendLine();
        text.Append(c, $"{"actual \\ predicted".PadRight(Math.Max(width, 19))}");
        foreach (string name in _classNames)
        {
            text.Append(' ').Append(name.PadLeft(width));
        }

        for (int a = 0; a < ClassCount; a++)
        {
            text.AppendLine();
            text.Append(_classNames[a].PadRight(Math.Max(width, 19)));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(' ').Append(this[a, p].ToString(c).PadLeft(width));
            }
        }

        return text.ToString();
    }

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? 0d : (double)numerator / denominator;
}
