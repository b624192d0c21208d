using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace LogRegGen;

/// <summary>
/// A regularization path: one model per value of C on the same data, fitted from the smallest C up, each fit
/// starting from the previous optimum (in the standardized space, which every C shares), as glmnet and
/// scikit-learn's <c>warm_start</c> do. With an L1 penalty (<see cref="TrainingOptions.L1Ratio"/>) the path
/// shows the features entering the model as C grows; each report counts the zero weights.
/// </summary>
public static class RegularizationPath
{
    /// <summary>Fits a binary model at every C (generated models' <c>TrainPath</c>).</summary>
    /// <typeparam name="TKernel">The model's kernel.</typeparam>
    /// <param name="data">X (n, m) and labels 0 or 1. Never modified.</param>
    /// <param name="cs">The values of C, each positive and finite, in any order without repeats.</param>
    /// <param name="options">Every other setting (C and L2 unset); null for the defaults.</param>
    /// <param name="weights">Receives the weights of the model at cs[i] in [i·n, (i + 1)·n).</param>
    /// <param name="biases">Receives the bias of the model at cs[i] at [i].</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <returns>The report of each fit, in the order of <paramref name="cs"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A C or a setting is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="LogisticDataException">A feature value is not finite, a label is not 0 or 1, or one class is missing.</exception>
    public static TrainingReport[] Train<TKernel>(FeatureMatrix data, IReadOnlyList<double> cs, TrainingOptions? options, Span<float> weights, Span<float> biases, IReadOnlyList<string>? featureNames = null)
        where TKernel : ILogisticKernel
    {
        ArgumentNullException.ThrowIfNull(data);
        long entered = Stopwatch.GetTimestamp();
        int n = data.FeatureCount;
        options = Check(cs, options);
        ShapeGuard.SameLength(cs.Count * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(cs.Count, biases.Length, nameof(biases));
        data.Validate(featureNames, classCount: 2, options.MaxDegreeOfParallelism);
        var reports = new TrainingReport[cs.Count];
        var raw = new double[n];
        double[]? theta = null;
        foreach (int i in Ascending(cs))
        {
            reports[i] = LogisticTrainer.Fit<TKernel>(data, default, options.WithC(cs[i], options.MaxDegreeOfParallelism, options.CancellationToken, progress: true), ref theta, raw, out double bias, entered);
            LogisticTrainer.ToSingles(raw, weights.Slice(i * n, n));
            biases[i] = (float)bias;
            entered = Stopwatch.GetTimestamp();
        }

        return reports;
    }

    /// <summary>Fits a multinomial model of K classes at every C.</summary>
    /// <param name="data">X (n, m) and labels 0 … K − 1. Never modified.</param>
    /// <param name="classCount">K, at least 2.</param>
    /// <param name="cs">The values of C, each positive and finite, in any order without repeats.</param>
    /// <param name="options">Every other setting (C and L2 unset); null for the defaults.</param>
    /// <param name="weights">Receives W of the model at cs[i] (K rows of n) in [i·K·n, (i + 1)·K·n).</param>
    /// <param name="biases">Receives its K centred intercepts in [i·K, (i + 1)·K).</param>
    /// <param name="featureNames">The n feature names, for error messages; null names features by index.</param>
    /// <param name="classNames">The K class names, for error messages; null names classes by index.</param>
    /// <returns>The report of each fit, in the order of <paramref name="cs"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A C or a setting is out of range, or K is below 2.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="LogisticDataException">A feature value is not finite, a label is not a class index, or a class is missing.</exception>
    public static TrainingReport[] Train(FeatureMatrix data, int classCount, IReadOnlyList<double> cs, TrainingOptions? options, Span<float> weights, Span<float> biases, IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        long entered = Stopwatch.GetTimestamp();
        options = Check(cs, options);
        int n = data.FeatureCount, size = classCount * n;
        ShapeGuard.SameLength(cs.Count * size, weights.Length, nameof(weights));
        ShapeGuard.SameLength(cs.Count * classCount, biases.Length, nameof(biases));
        MultinomialTrainer.CheckArguments(data, classCount, size, classCount, featureNames, classNames, options.MaxDegreeOfParallelism);
        var reports = new TrainingReport[cs.Count];
        var wRaw = new double[size];
        var bRaw = new double[classCount];
        double[]? theta = null;
        foreach (int i in Ascending(cs))
        {
            reports[i] = MultinomialTrainer.Fit(data, classCount, default, options.WithC(cs[i], options.MaxDegreeOfParallelism, options.CancellationToken, progress: true), ref theta, wRaw, bRaw, entered, classNames);
            LogisticTrainer.ToSingles(wRaw, weights.Slice(i * size, size));
            LogisticTrainer.ToSingles(bRaw, biases.Slice(i * classCount, classCount));

            entered = Stopwatch.GetTimestamp();
        }

        return reports;
    }

    /// <summary>Checks the grid and the options (C and L2 unset); returns the options, defaults for null.</summary>
    private static TrainingOptions Check(IReadOnlyList<double> cs, TrainingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(cs);
        options ??= new TrainingOptions();
        options.ValidateForGrid(nameof(options), "A regularization path sets C from cs");
        CheckGrid(cs, nameof(cs));
        return options;
    }

    /// <summary>Throws unless the grid has at least one C and each is positive, finite and listed once (a path's, or cross-validation's).</summary>
    /// <param name="cs">The grid.</param>
    /// <param name="paramName">Its parameter or property name, for the exception and the message.</param>
    internal static void CheckGrid(IReadOnlyList<double> cs, string paramName)
    {
        if (cs.Count == 0)
        {
            throw new ArgumentOutOfRangeException(paramName, 0, "The grid of C needs at least one value.");
        }

        var seen = new HashSet<double>();
        for (int i = 0; i < cs.Count; i++)
        {
            if (!(cs[i] > 0d && double.IsFinite(cs[i])) || !seen.Add(cs[i]))
            {
                throw new ArgumentOutOfRangeException(
                    paramName, cs[i], string.Create(CultureInfo.InvariantCulture, $"Every C must be positive, finite and listed once; {paramName}[{i}] is {cs[i]}."));
            }
        }
    }

    /// <summary>The indices of <paramref name="cs"/> from the smallest C to the largest.</summary>
    internal static int[] Ascending(IReadOnlyList<double> cs)
    {
        var order = new int[cs.Count];
        var keys = new double[cs.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = cs[i];
        }

        Array.Sort(keys, order);
        return order;
    }
}
