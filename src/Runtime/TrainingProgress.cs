namespace LogRegGen;

/// <summary>A snapshot of training, reported through <see cref="TrainingOptions.Progress"/>.</summary>
/// <param name="Epoch">The number of gradient-descent updates performed so far.</param>
/// <param name="Cost">The cost J at the current parameters (mean cross-entropy on the training data).</param>
/// <param name="GradientNorm">The Euclidean norm ‖(dw, db)‖ of the gradient at the current parameters.</param>
public readonly record struct TrainingProgress(int Epoch, double Cost, double GradientNorm);
