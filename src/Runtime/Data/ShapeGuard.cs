using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LogRegGen;

/// <summary>
/// Argument checks that phrase shape errors in the notes' terms (n features, m rows), used by the
/// runtime and by generated models. Each check is cheap enough to inline; the throwing is kept
/// out of line.
/// </summary>
public static class ShapeGuard
{
    /// <summary>Checks that a feature vector has exactly <paramref name="expected"/> elements.</summary>
    /// <param name="features">The vector to check.</param>
    /// <param name="expected">The number of features n.</param>
    /// <param name="paramName">The argument's name; filled in by the compiler.</param>
    /// <exception cref="ArgumentException">The length is not <paramref name="expected"/>, e.g.
    /// "Expected 30 features (shape (30,)) but got 29."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FeatureCount(ReadOnlySpan<float> features, int expected, [CallerArgumentExpression(nameof(features))] string? paramName = null)
    {
        if (features.Length != expected)
        {
            ThrowFeatureCount(expected, features.Length, paramName);
        }
    }

    /// <summary>Checks that a per-row buffer has one element per row.</summary>
    /// <param name="expected">The number of rows.</param>
    /// <param name="actual">The buffer's length.</param>
    /// <param name="paramName">The buffer argument's name.</param>
    /// <exception cref="ArgumentException">The lengths differ, e.g. "Expected length 10 (one per row) but got 9."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength(int expected, int actual, string paramName)
    {
        if (expected != actual)
        {
            ThrowSameLength(expected, actual, paramName);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is -1 (all cores) or positive: a batch call's degree of parallelism.</summary>
    /// <param name="value">The most cores.</param>
    /// <param name="paramName">The argument's name, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0 or below -1.</exception>
    public static void DegreeOfParallelism(int value, string paramName)
    {
        if (value != -1 && value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Use -1 (all processors) or a positive number.");
        }
    }

    /// <summary>Checks that there is at least one row.</summary>
    /// <param name="count">The number of rows.</param>
    /// <param name="paramName">The rows argument's name.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is 0: "Expected at least one row but got none."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotEmpty(int count, string paramName)
    {
        if (count <= 0)
        {
            ThrowEmpty(paramName);
        }
    }

    /// <summary>Checks a sample weight: finite and at least 0.</summary>
    /// <param name="weight">The weight.</param>
    /// <param name="row">Its row, for the message.</param>
    /// <returns>The weight.</returns>
    /// <exception cref="LogisticDataException">The weight is negative, NaN or infinite; the message names the row.</exception>
    internal static float SampleWeight(float weight, int row)
    {
        if (!(weight >= 0f) || !float.IsFinite(weight))
        {
            ThrowSampleWeight(weight.ToString(CultureInfo.InvariantCulture), row);
        }

        return weight;
    }

    /// <inheritdoc cref="SampleWeight(float, int)"/>
    internal static double SampleWeight(double weight, int row)
    {
        if (!(weight >= 0d) || !double.IsFinite(weight))
        {
            ThrowSampleWeight(weight.ToString(CultureInfo.InvariantCulture), row);
        }

        return weight;
    }

    [DoesNotReturn]
    private static void ThrowSampleWeight(string weight, int row) =>
        throw new LogisticDataException(
            string.Create(CultureInfo.InvariantCulture, $"Row {row}: sample weight is {weight}; a sample weight must be finite and at least 0."),
            row,
            "sample weight");

    /// <summary>Reads a label, which must be exactly 0 or 1.</summary>
    /// <param name="value">The label's value.</param>
    /// <param name="row">The zero-based row index, for the message.</param>
    /// <param name="labelName">The label member's name, for the message.</param>
    /// <returns>The label as a float, 0 or 1.</returns>
    /// <exception cref="LogisticDataException">The value is not 0 or 1, e.g.
    /// "Row 17: label 'Malignant' is 2; a label must be 0 or 1."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Label(double value, int row, string labelName)
    {
        if (value != 0d && value != 1d)
        {
            ThrowLabel(value, row, labelName);
        }

        return (float)value;
    }

    /// <summary>Reads the label of a single row (not part of a batch), which must be exactly 0 or 1.</summary>
    /// <param name="value">The label's value.</param>
    /// <param name="labelName">The label member's name, for the message.</param>
    /// <returns>The label as a float, 0 or 1.</returns>
    /// <exception cref="LogisticDataException">The value is not 0 or 1, e.g.
    /// "Label 'Malignant' is 2; a label must be 0 or 1."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Label(double value, string labelName)
    {
        if (value != 0d && value != 1d)
        {
            ThrowLabel(value, labelName);
        }

        return (float)value;
    }

    /// <summary>Checks that a row of reference type is not null.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="row">The row.</param>
    /// <param name="index">The zero-based row index, for the message.</param>
    /// <param name="paramName">The rows argument's name.</param>
    /// <exception cref="ArgumentException"><paramref name="row"/> is null, e.g. "Row 3 is null."</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotNullRow<T>([NotNull] T? row, int index, string paramName)
        where T : class
    {
        if (row is null)
        {
            ThrowNullRow(index, paramName);
        }
    }

    [DoesNotReturn]
    private static void ThrowFeatureCount(int expected, int actual, string? paramName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Expected {expected} features (shape ({expected},)) but got {actual}."), paramName);

    [DoesNotReturn]
    private static void ThrowSameLength(int expected, int actual, string paramName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Expected length {expected} (one per row) but got {actual}."), paramName);

    [DoesNotReturn]
    private static void ThrowEmpty(string paramName) =>
        throw new ArgumentException("Expected at least one row but got none.", paramName);

    [DoesNotReturn]
    private static void ThrowLabel(double value, int row, string labelName) =>
        throw new LogisticDataException(
            string.Create(CultureInfo.InvariantCulture, $"Row {row}: label '{labelName}' is {value}; a label must be 0 or 1."),
            row,
            labelName);

    [DoesNotReturn]
    private static void ThrowLabel(double value, string labelName) =>
        throw new LogisticDataException(
            string.Create(CultureInfo.InvariantCulture, $"Label '{labelName}' is {value}; a label must be 0 or 1."),
            row: null,
            labelName);

    [DoesNotReturn]
    private static void ThrowNullRow(int index, string paramName) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Row {index} is null."), paramName);
}
