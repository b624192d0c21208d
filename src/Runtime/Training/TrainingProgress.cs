namespace LogRegGen;

/// <summary>A snapshot of training, reported through <see cref="TrainingOptions.Progress"/>.</summary>
/// <param name="Epoch">The number of updates performed so far: epochs for gradient descent and SGD, iterations for Newton and L-BFGS.</param>
/// <param name="Cost">The cost at the current parameters: the (weighted) mean cross-entropy on the training data plus the L2 penalty.</param>
/// <param name="GradientNorm">The size of the mean-scale gradient there: its Euclidean norm ‖(dw, db)‖ for gradient descent, its largest component for the other solvers (the quantity <see cref="TrainingOptions.Tolerance"/> is compared with).</param>
public readonly record struct TrainingProgress(int Epoch, double Cost, double GradientNorm);
