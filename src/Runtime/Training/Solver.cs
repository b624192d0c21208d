namespace LogRegGen;

/// <summary>How <see cref="LogisticTrainer"/> minimizes the cost.</summary>
public enum Solver
{
    /// <summary>
    /// The default: <see cref="ProximalNewton"/> with an L1 penalty, else <see cref="Newton"/> when the model has at
    /// most <see cref="TrainingOptions.AutoNewtonLimit"/> parameters, else <see cref="Lbfgs"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// The notes' batch gradient descent: every epoch computes dw and db over all m samples and
    /// steps w := w − α·dw, b := b − α·db, with α = <see cref="TrainingOptions.LearningRate"/>
    /// (decayed by <see cref="TrainingOptions.LearningRateDecay"/>). Without sample or class
    /// weights each epoch is one pass of the model's SIMD kernel.
    /// </summary>
    GradientDescent,

    /// <summary>
    /// Mini-batch stochastic gradient descent: each epoch shuffles the samples (seeded by
    /// <see cref="TrainingOptions.Seed"/>, 0 when null) and steps once per
    /// <see cref="TrainingOptions.BatchSize"/> samples.
    /// </summary>
    StochasticGradientDescent,

    /// <summary>
    /// Newton's method (iteratively reweighted least squares) with a Cholesky solve of the Hessian
    /// and a backtracking line search: a handful of iterations to the optimum for small and
    /// medium n, as scikit-learn's <c>newton-cholesky</c>.
    /// </summary>
    Newton,

    /// <summary>Limited-memory BFGS with a Wolfe line search, as scikit-learn's default <c>lbfgs</c>; for larger n.</summary>
    Lbfgs,

    /// <summary>
    /// Proximal Newton's method, the solver of an L1 or elastic-net penalty (<see cref="TrainingOptions.L1Ratio"/>):
    /// each iteration reads the data once for the gradient and Hessian (and once more per step the line search
    /// halves), then minimizes the quadratic model plus the L1 term by coordinate descent on the Hessian (glmnet's and
    /// liblinear's scheme), so the weights the penalty silences are exactly 0. <see cref="Auto"/> picks it whenever
    /// L1Ratio is positive. It keeps the d × d Hessian, so it takes at most 1,024 parameters (n + 1 per class).
    /// </summary>
    ProximalNewton,
}
