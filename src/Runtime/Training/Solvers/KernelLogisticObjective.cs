using System;

namespace LogRegGen.Optimization;

/// <summary>
/// F(θ) = Σᵢ sᵢ·L(zᵢ, yᵢ) + (λ/2)‖w‖² over a <see cref="FeatureMatrix"/>, evaluated with a model's
/// generated double-precision forward pass (<see cref="ILogisticKernel.PreciseLogits"/>) through
/// <see cref="PreciseKernels"/>: what <see cref="LogisticTrainer"/> hands to Newton's method and
/// L-BFGS. Same conventions as <see cref="DenseLogisticObjective"/>, without its double copy of X.
/// </summary>
/// <typeparam name="TKernel">The model's kernel.</typeparam>
internal sealed class KernelLogisticObjective<TKernel> : ILogisticObjective
    where TKernel : ILogisticKernel
{
    private readonly FeatureMatrix _data;
    private readonly double[] _sampleWeights;
    private readonly double[] _w;
    private readonly double[] _dw;
    private readonly int _threads;

    /// <summary>Creates the objective; the data, weights and classes are already validated by the caller.</summary>
    /// <param name="data">X (n, m) and Y.</param>
    /// <param name="sampleWeights">One weight per sample (class weights multiplied in), or null for all 1.</param>
    /// <param name="totalWeight">S = Σᵢ sᵢ.</param>
    /// <param name="l2Strength">λ ≥ 0 on the sum scale.</param>
    /// <param name="fitIntercept">Whether θ ends with the bias b.</param>
    /// <param name="threads">The most threads per evaluation (-1: one per processor).</param>
    public KernelLogisticObjective(FeatureMatrix data, double[]? sampleWeights, double totalWeight, double l2Strength, bool fitIntercept, int threads = -1)
    {
        _threads = threads;
        _data = data;
        _sampleWeights = sampleWeights ?? Array.Empty<double>();
        TotalWeight = totalWeight;
        L2Strength = l2Strength;
        FitIntercept = fitIntercept;
        FeatureCount = data.FeatureCount;
        Dimension = FeatureCount + (fitIntercept ? 1 : 0);
        _w = new double[FeatureCount];
        _dw = new double[FeatureCount];
    }

    /// <summary>n.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>S = Σᵢ sᵢ, the factor between F and the mean-scale cost.</summary>
    public double TotalWeight { get; }

    /// <summary>λ on the sum scale.</summary>
    public double L2Strength { get; }

    /// <summary>Whether θ ends with b.</summary>
    public bool FitIntercept { get; }

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double b = Split(theta);
        double loss = PreciseKernels.Gradients<TKernel>(_data, _w, b, _sampleWeights, _dw, out double db, _threads);
        double penalty = 0d;
        for (int j = 0; j < FeatureCount; j++)
        {
            gradient[j] = _dw[j] + (L2Strength * _w[j]);
            penalty += _w[j] * _w[j];
        }

        if (FitIntercept)
        {
            gradient[FeatureCount] = db;
        }

        return loss + (0.5d * L2Strength * penalty);
    }

    /// <inheritdoc />
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        double b = Split(theta);
        PreciseKernels.Hessian<TKernel>(_data, _w, b, _sampleWeights, hessian, FitIntercept, _threads);
        for (int j = 0; j < FeatureCount; j++)
        {
            hessian[(j * Dimension) + j] += L2Strength;
        }
    }

    private double Split(ReadOnlySpan<double> theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"Expected {Dimension} parameters but got {theta.Length}.", nameof(theta));
        }

        theta[..FeatureCount].CopyTo(_w);
        return FitIntercept ? theta[FeatureCount] : 0d;
    }
}
