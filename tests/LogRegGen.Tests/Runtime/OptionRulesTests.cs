using System;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// TrainingOptions.Validate() and the LRG018 analyzer share OptionRules (src/Shared): the exception for a
/// bad value carries the rule's message word for word, the one the analyzer puts in its diagnostic.
/// </summary>
public sealed class OptionRulesTests
{
    public static TheoryData<string, TrainingOptions, string> BadOptions()
    {
        // The analyzers report these constants at build time (LRG018); the test checks Validate() behind them.
#pragma warning disable LRG018
        return new TheoryData<string, TrainingOptions, string>
        {
            { nameof(TrainingOptions.LearningRate), new TrainingOptions { LearningRate = double.NaN }, OptionRules.LearningRate },
            { nameof(TrainingOptions.Epochs), new TrainingOptions { Epochs = 0 }, OptionRules.Epochs },
            { nameof(TrainingOptions.Tolerance), new TrainingOptions { Tolerance = double.PositiveInfinity }, OptionRules.Tolerance },
            { nameof(TrainingOptions.MaxDegreeOfParallelism), new TrainingOptions { MaxDegreeOfParallelism = -2 }, OptionRules.MaxDegreeOfParallelism },
            { nameof(TrainingOptions.ProgressInterval), new TrainingOptions { ProgressInterval = 0 }, OptionRules.ProgressInterval },
            { nameof(TrainingOptions.Solver), new TrainingOptions { Solver = (Solver)42 }, OptionRules.Solver },
            { nameof(TrainingOptions.L2), new TrainingOptions { L2 = -1 }, OptionRules.L2 },
            { nameof(TrainingOptions.C), new TrainingOptions { C = 0 }, OptionRules.C },
            { nameof(TrainingOptions.C), new TrainingOptions { C = 1, L2 = 0.5 }, OptionRules.CWithL2 },
            { nameof(TrainingOptions.ClassWeights), new TrainingOptions { ClassWeights = new ClassWeights(1, double.NaN) }, OptionRules.ClassWeights },
            { nameof(TrainingOptions.BalancedClassWeights), new TrainingOptions { ClassWeights = ClassWeights.None, BalancedClassWeights = true }, OptionRules.ClassWeightsWithBalanced },
            { nameof(TrainingOptions.BatchSize), new TrainingOptions { BatchSize = -3 }, OptionRules.BatchSize },
            { nameof(TrainingOptions.LearningRateDecay), new TrainingOptions { LearningRateDecay = double.NegativeInfinity }, OptionRules.LearningRateDecay },
            { nameof(TrainingOptions.L1Ratio), new TrainingOptions { C = 1, L1Ratio = -0.1 }, OptionRules.L1Ratio },
            { nameof(TrainingOptions.L1Ratio), new TrainingOptions { L1Ratio = 0.5 }, OptionRules.L1RatioWithoutC },
            { nameof(TrainingOptions.Solver), new TrainingOptions { C = 1, L1Ratio = 1, Solver = Solver.Newton }, OptionRules.L1RatioSolver },
        };
#pragma warning restore LRG018
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_throws_the_shared_rule(string option, TrainingOptions options, string rule)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, error.ParamName);
        Assert.StartsWith(rule + " (Parameter '" + option + "')", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.LearningRate), 1e-9)]
    [InlineData(nameof(TrainingOptions.Epochs), 1)]
    [InlineData(nameof(TrainingOptions.Tolerance), 0)]
    [InlineData(nameof(TrainingOptions.MaxDegreeOfParallelism), -1)]
    [InlineData(nameof(TrainingOptions.C), double.PositiveInfinity)]
    [InlineData(nameof(TrainingOptions.L2), 0)]
    [InlineData(nameof(TrainingOptions.Seed), -5)]
    [InlineData(nameof(TrainingOptions.L1Ratio), 0)]
    [InlineData(nameof(TrainingOptions.L1Ratio), 1)]
    public void Edge_values_and_unranged_options_pass(string option, double value) =>
        Assert.Null(OptionRules.Check(option, value));
}
