namespace LogRegGen;

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>All <see cref="TrainingOptions.Epochs"/> updates were performed.</summary>
    MaxEpochs,

    /// <summary>The gradient's norm fell to <see cref="TrainingOptions.Tolerance"/> or below.</summary>
    Converged,

    /// <summary>
    /// Reserved: training was cancelled. <see cref="LogisticTrainer"/> currently throws
    /// <see cref="System.OperationCanceledException"/> instead of returning a report with this reason.
    /// </summary>
    Cancelled,
}
