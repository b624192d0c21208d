using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace LogRegGen;

/// <summary>What happened during training: the cost curve, why it stopped, and the feature scaling used.</summary>
public sealed class TrainingReport
{
    internal TrainingReport(
        double[] costHistory,
        StopReason stopReason,
        double finalGradientNorm,
        TimeSpan elapsed,
        float[] featureMeans,
        float[] featureScales,
        Solver solver,
        TrainingPhases phases,
        int zeroWeights = 0)
    {
        ZeroWeightCount = zeroWeights;
        Solver = solver;
        Phases = phases;
        CostHistory = Array.AsReadOnly(costHistory);
        StopReason = stopReason;
        FinalGradientNorm = finalGradientNorm;
        Elapsed = elapsed;
        FeatureMeans = Array.AsReadOnly(featureMeans);
        FeatureScales = Array.AsReadOnly(featureScales);
    }

    /// <summary>
    /// The cost after k updates, for k = 0 .. <see cref="Epochs"/>: the first entry is the cost at
    /// the initial parameters and the last is <see cref="FinalCost"/>, so there are Epochs + 1
    /// entries. The cost is the notes' J(w, b) (the sample-weighted mean when weights are given)
    /// plus the L2 penalty, on the standardized features when <see cref="TrainingOptions.Standardize"/> is on.
    /// </summary>
    public IReadOnlyList<double> CostHistory { get; }

    /// <summary>The number of updates performed: epochs for gradient descent and SGD, iterations for Newton and L-BFGS.</summary>
    public int Epochs => CostHistory.Count - 1;

    /// <summary>The solver that ran (<see cref="Solver.Auto"/> resolved to the one it chose).</summary>
    public Solver Solver { get; }

    /// <summary>Why training stopped.</summary>
    public StopReason StopReason { get; }

    /// <summary>True when the gradient's norm reached <see cref="TrainingOptions.Tolerance"/>.</summary>
    public bool Converged => StopReason == StopReason.Converged;

    /// <summary>
    /// How many of the returned weights are exactly 0: the features an L1 penalty (<see cref="TrainingOptions.L1Ratio"/>)
    /// leaves out (a multinomial model counts each of its K·n weights).
    /// </summary>
    public int ZeroWeightCount { get; }

    /// <summary>The cost J at the returned parameters.</summary>
    public double FinalCost => CostHistory[^1];

    /// <summary>
    /// The size of the mean-scale gradient at the returned parameters, the quantity
    /// <see cref="TrainingOptions.Tolerance"/> is compared with: its Euclidean norm ‖(dw, db)‖ for
    /// gradient descent, its largest component for the other solvers (in the standardized space when standardizing).
    /// </summary>
    public double FinalGradientNorm { get; }

    /// <summary>The wall-clock time training took, including standardization.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Where that time went: validation, standardization, the passes over the data and the solver's own arithmetic.</summary>
    public TrainingPhases Phases { get; }

    /// <summary>The per-feature means subtracted before training (all 0 when not standardized).</summary>
    public IReadOnlyList<float> FeatureMeans { get; }

    /// <summary>The per-feature scales (population std, or 1 for a constant feature) divided by before training (all 1 when not standardized).</summary>
    public IReadOnlyList<float> FeatureScales { get; }

    /// <summary>A one-line summary, e.g. "Converged after 412 epochs: cost 0.693147 → 0.081234, gradient norm 9.870E-007, 12.3 ms".</summary>
    /// <returns>The summary, formatted with the invariant culture.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Solver}: {StopReason} after {Epochs} {(Solver is Solver.Newton or Solver.Lbfgs or Solver.ProximalNewton ? "iterations" : "epochs")}: cost {CostHistory[0]:F6} → {FinalCost:F6}, gradient norm {FinalGradientNorm:E3}, {Elapsed.TotalMilliseconds:F1} ms");
}
