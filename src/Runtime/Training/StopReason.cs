namespace LogRegGen;

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>All <see cref="TrainingOptions.Epochs"/> updates (epochs or iterations) were performed.</summary>
    MaxEpochs,

    /// <summary>The gradient's norm fell to <see cref="TrainingOptions.Tolerance"/> or below.</summary>
    Converged,

    /// <summary>
    /// Newton's method or L-BFGS found no step that lowers the cost: the weights are the optimum to
    /// within rounding, but the gradient cannot get below <see cref="TrainingOptions.Tolerance"/>
    /// in double precision.
    /// </summary>
    NoFurtherProgress,

    /// <summary>
    /// Reserved: training was cancelled. <see cref="LogisticTrainer"/> currently throws
    /// <see cref="System.OperationCanceledException"/> instead of returning a report with this reason.
    /// </summary>
    Cancelled,
}
