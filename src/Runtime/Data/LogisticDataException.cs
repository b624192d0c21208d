using System;

namespace LogRegGen;

/// <summary>
/// Training or evaluation data that cannot be used: a feature that is NaN or infinite, or a label
/// that is not 0 or 1. <see cref="Row"/> and <see cref="Column"/> locate the offending value, and
/// the message names both.
/// </summary>
public sealed class LogisticDataException : ArgumentException
{
    /// <summary>Creates an exception with a default message.</summary>
    public LogisticDataException()
        : base("The data cannot be used for logistic regression.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the data.</param>
    public LogisticDataException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong with the data.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public LogisticDataException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that locates the offending value.</summary>
    /// <param name="message">What is wrong with the data; it should name the row and column.</param>
    /// <param name="row">The zero-based row (sample) index, if known.</param>
    /// <param name="column">The feature or label name (or feature index), if known.</param>
    public LogisticDataException(string? message, int? row, string? column)
        : base(message)
    {
        Row = row;
        Column = column;
    }

    /// <summary>The zero-based index of the row (sample) holding the bad value, if known.</summary>
    public int? Row { get; }

    /// <summary>The name of the feature or label holding the bad value (or the feature's index), if known.</summary>
    public string? Column { get; }
}
