// Compiled into both the runtime (TrainingOptions.Validate) and the analyzers (LRG018), linked, not
// referenced, so that the analyzer reports exactly the constants Validate() rejects, in the same words:
// the run-time ArgumentOutOfRangeException and the build-time diagnostic quote the same rule.
// netstandard2.0 as well as net8.0: no double.IsFinite here.
namespace LogRegGen
{
    /// <summary>The rules for <c>TrainingOptions</c> values, each written once with the message that states it.</summary>
    internal static class OptionRules
    {
        public const string LearningRate = "LearningRate must be a positive, finite number";
        public const string Epochs = "Epochs must be at least 1";
        public const string Tolerance = "Tolerance must be a finite number >= 0 (0 disables the early stop)";
        public const string MaxDegreeOfParallelism = "MaxDegreeOfParallelism must be -1 (one thread per processor) or at least 1";
        public const string ProgressInterval = "ProgressInterval must be at least 1";
        public const string Solver = "Solver must be one of the values of the Solver enum";
        public const string L2 = "L2 must be a finite number >= 0 (0: no penalty)";
        public const string C = "C must be positive (PositiveInfinity: no penalty), or null";
        public const string CWithL2 = "Set either C (scikit-learn's parametrization) or L2 (the mean-scale strength), not both";
        public const string ClassWeights = "Class weights must be finite and at least 0";
        public const string ClassWeightsWithBalanced = "Set either ClassWeights or BalancedClassWeights, not both";
        public const string WeightsPerClassWithOthers = "Set one of WeightsPerClass, ClassWeights and BalancedClassWeights, not two";
        public const string BatchSize = "BatchSize must be at least 1";
        public const string LearningRateDecay = "LearningRateDecay must be a finite number >= 0 (0: a constant rate)";
        public const string L1Ratio = "L1Ratio must be between 0 and 1 (0: L2 only, 1: L1 only)";
        public const string L1RatioWithoutC = "L1Ratio needs C: the penalty is (1 - L1Ratio)/2 * |w|^2 + L1Ratio * |w|_1 against C times the loss, scikit-learn's elastic net";
        public const string L1RatioSolver = "An L1 penalty (L1Ratio > 0) needs Solver.Auto or Solver.ProximalNewton";

        /// <summary>
        /// The rule that <paramref name="value"/> breaks as the value of the numeric option
        /// <paramref name="option"/> (a property name of <c>TrainingOptions</c>), or null when the value is
        /// allowed or the option has no range of its own. NaN breaks every rule.
        /// </summary>
        public static string? Check(string option, double value)
        {
            switch (option)
            {
                case nameof(LearningRate):
                    return value > 0d && IsFinite(value) ? null : LearningRate;
                case nameof(Epochs):
                    return value >= 1d ? null : Epochs;
                case nameof(Tolerance):
                    return value >= 0d && IsFinite(value) ? null : Tolerance;
                case nameof(MaxDegreeOfParallelism):
                    return value == -1d || value >= 1d ? null : MaxDegreeOfParallelism;
                case nameof(ProgressInterval):
                    return value >= 1d ? null : ProgressInterval;
                case nameof(L2):
                    return value >= 0d && IsFinite(value) ? null : L2;
                case nameof(C):
                    return value > 0d ? null : C;
                case nameof(BatchSize):
                    return value >= 1d ? null : BatchSize;
                case nameof(LearningRateDecay):
                    return value >= 0d && IsFinite(value) ? null : LearningRateDecay;
                case nameof(L1Ratio):
                    return value >= 0d && value <= 1d ? null : L1Ratio;
                default:
                    return null;
            }
        }

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
