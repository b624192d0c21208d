using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static LogRegGen.Analyzers.Tests.Verify;

namespace LogRegGen.Analyzers.Tests;

/// <summary>
/// LRG012–LRG018 where arrays, spans and options cross into a generated model or the runtime: each
/// reported when the length is known at compile time and wrong, and silent when it is right or unknown.
/// </summary>
public sealed class ShapeAnalyzerTests
{
    private const string Model = Snippets.Loan;

    [Fact]
    public Task CorrectLengths_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(float[] unknown, Loan[] rows)
            {
                var model = new LoanModel(new float[] { 0.1f, 0.2f, 0.3f }, 0f);
                model.PredictProbability(new float[3]);
                model.PredictProbability(stackalloc float[] { 1f, 2f, 3f });
                model.PredictProbability(unknown);
                float[] x = [1, 2, 3, 4, 5, 6];
                LoanModel.Batch.FromFeatureMajor(x, new float[] { 0, 1 });
                FeatureMatrix.FromSampleMajor(new float[9], 3, new float[3]);
                FeatureMatrices.FromSamples(new float[4, 3], new float[4]);
                FeatureMatrices.FromFeatures(new float[3, 4], new float[4]);
                model.PredictProbabilities(rows, new float[rows.Length]);
                LoanModel.Train(rows, new TrainingOptions { LearningRate = 0.5, Epochs = 10, Tolerance = 0, MaxDegreeOfParallelism = -1 });
            }
        }
        """);

    private const string Multiclass = Snippets.Item;

    [Fact]
    public Task LRG027_MulticlassBuffersOfTheWrongLength() => Analyzer<ShapeAnalyzer>(Multiclass + """
        public static class Use
        {
            public static void Run(ItemModel model)
            {
                _ = new ItemModel({|#0:new float[2]|}, new float[3]);
                _ = new ItemModel(new float[6], {|#1:new float[2]|});
                model.PredictProbabilities(new[] { new Item(1, 2, Kind.A), new Item(3, 4, Kind.B) }, {|#2:new float[2]|});
            }
        }
        """,
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(0).WithArguments("weights", 6, "ClassCount × FeatureCount = 3 × 2 of ItemModel", 2),
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(1).WithArguments("biases", 3, "ClassCount of ItemModel", 2),
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(2).WithArguments("probabilities", 6, "rows × ClassCount = 2 × 3", 2));

    [Fact]
    public Task LRG027_MulticlassBuffersOfTheRightLength_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Multiclass + """
        public static class Use
        {
            public static void Run(ItemModel model, Item[] unknown)
            {
                _ = new ItemModel(new float[6], new float[ItemModel.ClassCount]);
                model.PredictProbabilities(new[] { new Item(1, 2, Kind.A), new Item(3, 4, Kind.B) }, new float[6]);
                model.PredictProbabilities(unknown, new float[6]);
                model.Predict(new[] { new Item(1, 2, Kind.A), new Item(3, 4, Kind.B) }, new Kind[2]);
                ItemModel.GetFeatures(unknown[0], new float[2]);
            }
        }
        """);

    [Fact]
    public Task UsersOwnMemberOfTheModel_IsNotJudgedByItsParameterNames_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        // Issue 13: a user's partial member with a parameter named 'destination' got a false LRG012.
        public sealed partial class LoanModel
        {
            public void Logits(System.ReadOnlySpan<Loan> rows, System.Span<float> destination) { }

            public float Score(System.ReadOnlySpan<float> features) => 0f;
        }

        public static class Use
        {
            public static void Run(LoanModel model, Loan[] rows)
            {
                model.Logits(rows, new float[7]);
                model.Score(new float[5]);
            }
        }
        """);

    [Fact]
    public Task LRG012_FeatureSpanOfTheWrongLength() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static float Run(LoanModel model)
            {
                float[] four = new float[4];
                return model.PredictProbability({|#0:new float[] { 1f, 2f }|}) + model.PredictProbability({|#1:four|});
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 4));

    [Fact]
    public Task LRG012_WeightsOfTheWrongLength_InTheConstructor() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static LoanModel Run() => new LoanModel({|#0:[0.1f, 0.2f]|}, 0f);
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("weights", 3, "LoanModel", 2));

    [Fact]
    public Task LRG012_DestinationOfTheWrongLength() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(Loan row)
            {
                LoanModel.GetFeatures(in row, {|#0:stackalloc float[2]|});
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("destination", 3, "LoanModel", 2));

    [Fact]
    public Task LRG012_OnAModelNamedBatch_NamesTheModel() => Analyzer<ShapeAnalyzer>("""
        // A model class named Batch (as ModelName = "Batch" once produced) is a top-level type: the
        // analyzer took any method of a type named Batch for one of a model's nested Batch and threw (AD0001).
        [System.CodeDom.Compiler.GeneratedCode("LogRegGen.Generator", "1.0.0")]
        public sealed class Batch
        {
            public const int FeatureCount = 3;

            public float PredictProbability(ReadOnlySpan<float> features) => 0f;
        }

        public static class Use
        {
            public static float Run(Batch model) => model.PredictProbability({|#0:new float[2]|});
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "Batch", 2));

    [Fact]
    public Task LRG012_GeneratedVectorTypeAndFixedSizeBuffer() => Analyzer<ShapeAnalyzer>(Model + """
        [LogisticModel]
        public readonly record struct Quad(float A, float B, float C, float D, [Label] bool Y);

        public unsafe struct Sensor
        {
            public fixed float Values[5];
        }

        public static class Use
        {
            public static unsafe float Run(LoanModel model, QuadModel.FeatureVector quad)
            {
                Sensor sensor = default;
                return model.PredictProbability(model.Weights)
                    + model.PredictProbability({|#0:quad|})
                    + model.PredictProbability({|#1:new ReadOnlySpan<float>(sensor.Values, 5)|});
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 5));

    [Fact]
    public Task LRG013_FlatBufferNotAMultipleOfN() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(float[] labels)
            {
                LoanModel.Batch.FromFeatureMajor({|#0:new float[10]|}, labels);
                FeatureMatrix.FromSampleMajor({|#1:new float[7]|}, 2, labels);
            }
        }
        """,
        Diagnostic("LRG013", DiagnosticSeverity.Error).WithLocation(0).WithArguments("x", 10, 3),
        Diagnostic("LRG013", DiagnosticSeverity.Error).WithLocation(1).WithArguments("x", 7, 2));

    [Fact]
    public Task LRG014_FeaturesAndLabelsOfDifferentLengths() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(Loan[] rows, LoanModel model)
            {
                LoanModel.Batch.FromFeatureMajor({|#0:new float[12]|}, new float[5]);
                FeatureMatrices.FromSamples({|#1:new float[4, 3]|}, new float[6]);
                Metrics.Evaluate(new float[4], {|#2:new float[3]|});
            }
        }
        """,
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(0).WithArguments("x", "4 samples (12 values of 3 features)", "labels", "5 labels"),
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(1).WithArguments("x", "4 samples (shape (4, 3))", "labels", "6 labels"),
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(2).WithArguments("probabilities", "4 entries", "labels", "3 entries"));

    [Fact]
    public Task LRG014_RocAucScoresLabelsAndWeights() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static double Run() =>
                Metrics.RocAuc(new float[4], {|#0:new float[3]|}) + Metrics.RocAuc(new float[2], new float[2], {|#1:new float[5]|});
        }
        """,
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(0).WithArguments("scores", "4 entries", "labels", "3 entries"),
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(1).WithArguments("scores", "2 entries", "sampleWeights", "5 entries"));

    [Fact]
    public Task LocalReassignedByDeconstruction_IsNotJudged() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static float Run(LoanModel model, float[] unknown)
            {
                var features = new float[2];
                int count;
                ((features), count) = (unknown, 3);
                return model.PredictProbability(features) + count;
            }
        }
        """);

    [Fact]
    public Task LRG015_TransposedTwoDimensionalAndJaggedArrays() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run()
            {
                FeatureMatrices.FromSamples({|#0:new float[3, 100]|}, new float[100]);
                FeatureMatrices.FromFeatures({|#1:new float[100, 3]|}, new float[100]);
                float[][] jagged = [new float[5], new float[5]];
                FeatureMatrices.FromSamples({|#2:jagged|}, new float[5]);
            }
        }
        """,
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(0).WithArguments("FeatureMatrices.FromSamples", "(m, n), one row per sample", 3, 100, 100, "FromFeatures"),
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(1).WithArguments("FeatureMatrices.FromFeatures", "(n, m), one row per feature", 100, 3, 100, "FromSamples"),
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(2).WithArguments("FeatureMatrices.FromSamples", "(m, n), one row per sample", 2, 5, 5, "FromFeatures"));

    [Fact]
    public Task LRG016_SeveralSamplesWhereOneIsExpected() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static float Run(LoanModel model) => model.PredictProbability({|#0:new float[9]|});
        }
        """,
        Diagnostic("LRG016", DiagnosticSeverity.Error).WithLocation(0).WithArguments("LoanModel.PredictProbability", 3, 9, 3));

    [Fact]
    public Task LRG017_OneSampleWhereABatchIsExpected() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(Loan row, float[] labels)
            {
                LoanModel.Train({|#0:new[] { row }|});
                LoanModel.Batch.FromFeatureMajor({|#1:new float[3]|}, labels);
            }
        }
        """,
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(0).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Batch.FromFeatureMajor", " (exactly 3 values, the feature count)"));

    [Fact]
    public Task LRG018_TrainingOptionsThatCannotWork() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static TrainingOptions Run() => new TrainingOptions
            {
                LearningRate = {|#0:0|},
                Epochs = {|#1:-5|},
                Tolerance = {|#2:-1e-3|},
                MaxDegreeOfParallelism = {|#3:0|},
                ProgressInterval = 10,
            };

            public static TrainingOptions NaN() => new() { LearningRate = {|#4:double.NaN|} };
        }
        """,
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(0).WithArguments("LearningRate", "0", "LearningRate must be a positive, finite number"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(1).WithArguments("Epochs", "-5", "Epochs must be at least 1"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(2).WithArguments("Tolerance", "-0.001", "Tolerance must be a finite number >= 0 (0 disables the early stop)"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(3).WithArguments("MaxDegreeOfParallelism", "0", "MaxDegreeOfParallelism must be -1 (one thread per processor) or at least 1"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(4).WithArguments("LearningRate", "NaN", "LearningRate must be a positive, finite number"));

    [Fact]
    public Task LRG018_CombinationsThatValidateRejects() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static TrainingOptions CAndL2() => new() { C = 1, L2 = {|#0:0.5|} };
            public static TrainingOptions Both() => new() { ClassWeights = new ClassWeights(1, 2), BalancedClassWeights = {|#1:true|} };
            public static TrainingOptions PerClass() => new() { WeightsPerClass = {|#2:[1, 2]|}, BalancedClassWeights = true };
            public static TrainingOptions Undefined() => new() { Solver = {|#3:(Solver)9|} };
            public static TrainingOptions L1WithLbfgs() => new() { C = 1, L1Ratio = 0.5, Solver = {|#4:Solver.Lbfgs|} };

            // Fine: C with L2 = 0, a null ClassWeights with balancing, a defined solver; L1 with Auto or proximal Newton,
            // and without C (cross-validation and TrainPath set it).
            public static TrainingOptions Fine() => new() { C = 1, L2 = 0, ClassWeights = null, BalancedClassWeights = true, Solver = Solver.Lbfgs };
            public static TrainingOptions L1() => new() { C = 1, L1Ratio = 1, Solver = Solver.ProximalNewton };
            public static TrainingOptions L1ForAGrid() => new() { L1Ratio = 0.5, Solver = Solver.Auto };
            public static TrainingOptions L2WithLbfgs() => new() { C = 1, L1Ratio = 0, Solver = Solver.Lbfgs };
        }
        """,
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(0).WithArguments("L2", "0.5", "Set either C (scikit-learn's parametrization) or L2 (the mean-scale strength), not both"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(1).WithArguments("BalancedClassWeights", "true", "Set either ClassWeights or BalancedClassWeights, not both"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(2).WithArguments("WeightsPerClass", "[1, 2]", "Set one of WeightsPerClass, ClassWeights and BalancedClassWeights, not two"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(3).WithArguments("Solver", "(Solver)9", "Solver must be one of the values of the Solver enum"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(4).WithArguments("Solver", "Solver.Lbfgs", "An L1 penalty (L1Ratio > 0) needs Solver.Auto or Solver.ProximalNewton"));

    [Fact]
    public Task LRG018_ObjectiveOptions() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static TrainingOptions Run() => new TrainingOptions
            {
                C = {|#0:-1|},
                L2 = {|#1:-0.5|},
                BatchSize = {|#2:0|},
                LearningRateDecay = {|#3:-1|},
                L1Ratio = {|#4:1.5|},
            };

            public static TrainingOptions Valid() => new TrainingOptions { C = double.PositiveInfinity, L2 = 0, BatchSize = 1, LearningRateDecay = 0.1, Solver = Solver.Newton };
        }
        """,
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(0).WithArguments("C", "-1", "C must be positive (PositiveInfinity: no penalty), or null"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(1).WithArguments("L2", "-0.5", "L2 must be a finite number >= 0 (0: no penalty)"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(2).WithArguments("BatchSize", "0", "BatchSize must be at least 1"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(3).WithArguments("LearningRateDecay", "-1", "LearningRateDecay must be a finite number >= 0 (0: a constant rate)"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(4).WithArguments("L1Ratio", "1.5", "L1Ratio must be between 0 and 1 (0: L2 only, 1: L1 only)"));

    [Fact]
    public Task LRG014_RowsAndPredictions() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, Loan a, Loan b)
            {
                model.Predict(new[] { a, b, a }, {|#0:new bool[2]|});
                model.Predict(new[] { a, b, a }, new bool[3]);
                model.PredictProbabilities(new[] { a, b }, {|#1:new float[3]|});
            }
        }
        """,
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(0).WithArguments("rows", "3 entries", "predictions", "2 entries"),
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(1).WithArguments("rows", "2 entries", "probabilities", "3 entries"));

    [Fact]
    public Task LRG014_RowsAndSampleWeights() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(Loan a, Loan b)
            {
                LoanModel.Train(new[] { a, b, a }, {|#0:new float[] { 1, 2 }|});
                LoanModel.Train(new[] { a, b, a }, new float[] { 1, 2, 1 });
                LoanModel.Train(new[] { a, b, a }, ReadOnlySpan<float>.Empty);
                LoanModel.Train(new[] { a, b, a }, new float[0]);
            }
        }
        """,
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(0).WithArguments("rows", "3 entries", "sampleWeights", "2 entries"));

    [Fact]
    public Task UnknownLengthsAndUnrelatedMethods_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(float[] x, float[] labels, int n, LoanModel model)
            {
                var reassigned = new float[2];
                reassigned = x;
                model.PredictProbability(reassigned);
                FeatureMatrix.FromFeatureMajor(new float[10], n, labels);
                FeatureMatrices.FromSamples(new float[n, 3], labels);
                Array.Fill(new float[7], 1f);
                System.Math.Max(1, 2);
            }
        }
        """);
}
