using System;
using System.Globalization;

namespace LogRegGen;

/// <summary>
/// Weights for the two classes, multiplied into each sample's weight in the training objective:
/// a sample of class 0 counts <see cref="Negative"/> times, one of class 1 <see cref="Positive"/> times.
/// </summary>
/// <param name="Negative">The weight of class 0, finite and at least 0.</param>
/// <param name="Positive">The weight of class 1, finite and at least 0.</param>
public readonly record struct ClassWeights(double Negative, double Positive)
{
    /// <summary>Both classes weigh 1: no reweighting.</summary>
    public static ClassWeights None => new(1d, 1d);

    /// <summary>
    /// scikit-learn's <c>class_weight="balanced"</c>: each class weighs m / (2·mₖ), with m the
    /// number of samples and mₖ the number in class k, so both classes carry the same total weight
    /// m/2. As in scikit-learn, sample weights do not enter the counts.
    /// </summary>
    /// <param name="labels">The labels, each 0 or 1.</param>
    /// <returns>The balanced weights.</returns>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty.</exception>
    /// <exception cref="LogisticDataException">A label is not 0 or 1 (the message names the row), or only one class is present.</exception>
    public static ClassWeights Balanced(ReadOnlySpan<float> labels)
    {
        ShapeGuard.NotEmpty(labels.Length, nameof(labels));
        int positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            positives += ShapeGuard.Label(labels[i], i, "label") == 1f ? 1 : 0;
        }

        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new LogisticDataException(
                string.Create(CultureInfo.InvariantCulture, $"Column 'label': all {labels.Length} rows are of class {(positives == 0 ? 0 : 1)}; balanced class weights need samples of both classes."),
                row: null,
                "label");
        }

        double m = labels.Length;
        return new ClassWeights(m / (2d * negatives), m / (2d * positives));
    }

    /// <summary>The weight of a label's class.</summary>
    /// <param name="label">0 or 1.</param>
    /// <returns><see cref="Positive"/> for 1, <see cref="Negative"/> otherwise.</returns>
    public double For(float label) => label == 1f ? Positive : Negative;

    /// <summary>Multiplies each sample weight by its class's weight: sᵢ := sᵢ·weight(yᵢ).</summary>
    /// <param name="labels">The labels, each 0 or 1.</param>
    /// <param name="sampleWeights">The sample weights, one per label (fill with 1 first for unweighted data); updated in place.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class weight is negative or not finite.</exception>
    /// <exception cref="LogisticDataException">A label is not 0 or 1; the message names the row.</exception>
    public void Apply(ReadOnlySpan<float> labels, Span<double> sampleWeights)
    {
        ShapeGuard.SameLength(labels.Length, sampleWeights.Length, nameof(sampleWeights));
        if (!(Negative >= 0d && double.IsFinite(Negative) && Positive >= 0d && double.IsFinite(Positive)))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), this, "Class weights must be finite and at least 0.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            sampleWeights[i] *= For(ShapeGuard.Label(labels[i], i, "label"));
        }
    }
}
