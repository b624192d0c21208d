using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static LogRegGen.Analyzers.Tests.Verify;

namespace LogRegGen.Analyzers.Tests;

/// <summary>
/// Issue 13: lengths that reach a call through the data rather than being written at it — array
/// initializers, locals, readonly fields, helper methods, slices and ranges, spreads, ragged jagged
/// arrays, one-row batches in less direct forms, option factories — each reported when the shape is
/// knowable and wrong (these tests failed before the flow analysis), and silent when anything on the
/// way is unknown.
/// </summary>
public sealed class DataFlowTests
{
    private const string Model = Snippets.Loan;

    [Fact]
    public Task InitializersWithoutNew_OneTwoDimensionalAndJagged() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model)
            {
                float[] w = { 0.8f, -1.2f };
                model.PredictProbability({|#0:w|});
                float[,] x = { { 1, 2, 3 }, { 4, 5, 6 } };
                FeatureMatrices.FromSamples({|#1:x|}, new float[3]);
                float[][] features = { new float[2], new float[2], new float[2] };
                FeatureMatrices.FromFeatures({|#2:features|}, new float[3]);
                float[] right = { 1f, 2f, 3f };
                model.PredictProbability(right);
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(1).WithArguments("FeatureMatrices.FromSamples", "(m, n), one row per sample", 2, 3, 3, "FromFeatures"),
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(2).WithArguments("FeatureMatrices.FromFeatures", "(n, m), one row per feature", 3, 2, 3, "FromSamples"));

    [Fact]
    public Task LengthsInLocalsAssignedOnce() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, bool flag)
            {
                int count = 2;
                var two = new float[count];
                model.PredictProbability({|#0:two|});
                int later;
                later = count * 2;
                model.PredictProbability({|#1:new float[later]|});
                var same = flag ? new float[5] : new float[5];
                model.PredictProbability({|#2:same|});
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(2).WithArguments("features", 3, "LoanModel", 5));

    [Fact]
    public Task LocalsWithMoreThanOneValue_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, bool flag, int unknown)
            {
                int count = 2;
                if (flag) count = 3;
                model.PredictProbability(new float[count]);
                var either = flag ? new float[3] : new float[2];
                model.PredictProbability(either);
                float[] grown = new float[2];
                Grow(ref grown);
                model.PredictProbability(grown);
                float[] captured = new float[2];
                Action reset = () => captured = new float[3];
                model.PredictProbability(captured);
                for (int i = 0; i < 3; i++)
                {
                    model.PredictProbability(new float[i + 1]);
                }

                int fromParameter = unknown;
                model.PredictProbability(new float[fromParameter]);
                long wide = 259;
                model.PredictProbability(new float[(byte)wide]);
            }

            private static void Grow(ref float[] array) => array = new float[3];
        }
        """);

    [Fact]
    public Task LengthsInReadonlyFieldsAndFeatureNames() => Analyzer<ShapeAnalyzer>(Model + """
        public sealed class Scorer
        {
            private static readonly float[] Prior = new float[5];
            private static readonly int Width = LoanModel.FeatureNames.Count + 1;
            private readonly float[] _scratch;

            public Scorer() => _scratch = new float[2];

            public float Run(LoanModel model) =>
                model.PredictProbability({|#0:Prior|})
                + model.PredictProbability({|#1:new float[Width]|})
                + model.PredictProbability({|#2:_scratch|})
                + model.PredictProbability({|#3:new float[LoanModel.FeatureNames.Count - 1]|});
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 5),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(2).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(3).WithArguments("features", 3, "LoanModel", 2));

    [Fact]
    public Task FieldsWithMoreThanOneValueOrWritable_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public sealed class Scorer
        {
            private static float[] Writable = new float[5];
            private readonly float[] _scratch = new float[2];
            public static readonly float[] Right = new float[LoanModel.FeatureCount];

            public Scorer() { }

            public Scorer(int n) => _scratch = new float[n];

            public float Run(LoanModel model) =>
                model.PredictProbability(Writable) + model.PredictProbability(_scratch) + model.PredictProbability(Right);
        }
        """);

    [Fact]
    public Task ValuesThatCanChangeBehindTheAnalysis_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public class Scratch<T>
        {
            public readonly float[] Row = new float[2];

            public Scratch(int n) => Row = new float[n];
        }

        public static class Order
        {
            public static readonly float[] Row = new float[LoanModel.FeatureCount + Pad];
            public static readonly int Pad = 2;
        }

        public static class Use
        {
            public static void Run(LoanModel model, bool flag, float[] labels)
            {
                model.PredictProbability(new Scratch<int>(LoanModel.FeatureCount).Row);
                model.PredictProbability(Order.Row);

                int n = 2, m = 2;
                (flag ? ref n : ref m) = 3;
                model.PredictProbability(new float[n]);

                int k = 2;
                System.Runtime.CompilerServices.Unsafe.AsRef(in k) = 3;
                model.PredictProbability(new float[k]);

                uint small = 2;
                model.PredictProbability(new float[(small - 3u) / 1431655765u]);

                float[][] x = { new float[4], new float[3] };
                x[1] = new float[4];
                FeatureMatrices.FromSamples(x, new float[2]);
            }
        }
        """);

    [Fact]
    public Task OptionFactoriesThatCheckOrRewriteTheirArgument_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            private static TrainingOptions Guarded(double c)
            {
                if (c <= 0)
                {
                    return new TrainingOptions();
                }

                return new TrainingOptions { C = c };
            }

            private static TrainingOptions Clamped(double c)
            {
                if (c <= 0) c = 1;
                return new TrainingOptions { C = c };
            }

            public static void Run()
            {
                _ = Guarded(-1);
                _ = Clamped(-1);
            }
        }
        """);

    [Fact]
    public Task LengthsThroughHelperParametersAndReturnValues() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            private static float[] Zeros(int count) => new float[count];

            private static float[] Pick(bool wide)
            {
                if (wide)
                {
                    return new float[4];
                }

                return [1f, 2f, 3f, 4f];
            }

            private static int Twice(int value) => value * 2;

            public static void Run(LoanModel model, bool wide)
            {
                model.PredictProbability({|#0:Zeros(4)|});
                model.PredictProbability({|#1:Pick(wide)|});
                model.PredictProbability({|#2:new float[Twice(2)]|});
                model.PredictProbability({|#3:Local(2)|});
                model.PredictProbability(Zeros(LoanModel.FeatureCount));

                static float[] Local(int k) => Zeros(k);
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(2).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(3).WithArguments("features", 3, "LoanModel", 2));

    [Fact]
    public Task HelpersThatCannotBeFollowed_NoDiagnostic() => Analyzer<ShapeAnalyzer>(Model + """
        public class Use
        {
            private static float[] Either(bool wide) => wide ? new float[4] : new float[3];

            private static float[] Reassigned(int count)
            {
                count++;
                return new float[count];
            }

            protected virtual float[] Overridable() => new float[2];

            private static float[] Recursive(int k) => k > 9 ? new float[k] : Recursive(k + 1);

            public void Run(LoanModel model, bool wide, float[] unknown)
            {
                model.PredictProbability(Either(wide));
                model.PredictProbability(Reassigned(2));
                model.PredictProbability(Overridable());
                model.PredictProbability(Recursive(1));
                model.PredictProbability(Echo(unknown));
            }

            private static float[] Echo(float[] values) => values;
        }
        """);

    [Fact]
    public Task SpansSlicedFromKnownBuffers() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, int unknown)
            {
                float[] buffer = new float[8];
                int start = 1;
                int size = 1 + 1;
                model.PredictProbability({|#0:buffer.AsSpan(start, size)|});
                model.PredictProbability({|#1:buffer[1..]|});
                model.PredictProbability({|#2:buffer.AsSpan()[^2..]|});
                Span<float> s = stackalloc float[6];
                model.PredictProbability({|#3:s.Slice(2)|});
                model.PredictProbability({|#4:s[..6]|});
                model.PredictProbability({|#5:buffer.AsSpan(1..5)|});
                model.PredictProbability(buffer[2..5]);
                model.PredictProbability(buffer.AsSpan(unknown));
                model.PredictProbability(s[unknown..]);
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 7),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(2).WithArguments("features", 3, "LoanModel", 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(3).WithArguments("features", 3, "LoanModel", 4),
        Diagnostic("LRG016", DiagnosticSeverity.Error).WithLocation(4).WithArguments("LoanModel.PredictProbability", 3, 6, 2),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(5).WithArguments("features", 3, "LoanModel", 4));

    [Fact]
    public Task CollectionExpressionsWithSpreads() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, float[] unknown)
            {
                float[] a = [1, 2];
                float[] b = [.. a, 3, .. a];
                model.PredictProbability({|#0:b|});
                model.PredictProbability({|#1:[.. a, .. new float[2]]|});
                model.PredictProbability([.. a, 3]);
                model.PredictProbability([.. unknown, 3]);
            }
        }
        """,
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(0).WithArguments("features", 3, "LoanModel", 5),
        Diagnostic("LRG012", DiagnosticSeverity.Error).WithLocation(1).WithArguments("features", 3, "LoanModel", 4));

    [Fact]
    public Task RaggedJaggedArrays() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(float[] first)
            {
                FeatureMatrices.FromSamples({|#0:new float[][] { new float[3], new float[2], new float[3] }|}, new float[3]);
                float[][] rows = [[1, 2, 3], [4, 5]];
                FeatureMatrices.FromFeatures({|#1:rows|}, new float[3]);
                FeatureMatrices.FromSamples(new float[][] { first, new float[2] }, new float[2]);
            }
        }
        """,
        Diagnostic("LRG028", DiagnosticSeverity.Error).WithLocation(0).WithArguments("x", 1, 2, 0, 3, "FeatureMatrices.FromSamples"),
        Diagnostic("LRG028", DiagnosticSeverity.Error).WithLocation(1).WithArguments("x", 1, 2, 0, 3, "FeatureMatrices.FromFeatures"));

    [Fact]
    public Task OneSampleAsABatch_LessDirectForms() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(Loan row, ReadOnlySpan<float> sampleWeights)
            {
                Loan[] history = { row };
                LoanModel.Train({|#0:history[^1..]|});
                LoanModel.Train({|#1:new ReadOnlySpan<Loan>(in row)|});
                LoanModel.Train({|#2:System.Runtime.InteropServices.CollectionsMarshal.AsSpan([row])|});
                LoanModel.Train({|#3:[row]|}, sampleWeights);
                LoanModel.Train({|#4:[row]|}, new float[] { 1f });
                LoanModel.Batch.Create({|#5:history|});
            }
        }
        """,
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(0).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(1).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(2).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(3).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Error).WithLocation(4).WithArguments("LoanModel.Train", " (one row); train on the whole data set"),
        Diagnostic("LRG017", DiagnosticSeverity.Warning).WithLocation(5).WithArguments("Batch.Create", " (one row); train on the whole data set"));

    [Fact]
    public Task OutputBufferOneShorterThanTheRows() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            public static void Run(LoanModel model, Loan a, Loan b, Loan[] unknown)
            {
                Loan[] rows = { a, b, a };
                model.PredictProbabilities(rows, {|#0:new float[rows.Length - 1]|});
                model.PredictProbabilities(rows, new float[rows.Length]);
                model.PredictProbabilities(unknown, new float[unknown.Length - 1]);
            }
        }
        """,
        Diagnostic("LRG014", DiagnosticSeverity.Error).WithLocation(0).WithArguments("rows", "3 entries", "probabilities", "2 entries"));

    [Fact]
    public Task OptionFactoryCalledWithAnInvalidConstant() => Analyzer<ShapeAnalyzer>(Model + """
        public static class Use
        {
            private static TrainingOptions Regularized(double c, int epochs) => new() { C = c, Epochs = epochs, Solver = Solver.Lbfgs };

            public static void Run(double unknown)
            {
                _ = Regularized({|#0:-1|}, 10);
                _ = Regularized(0.5, {|#1:0|});
                _ = Regularized(unknown, 10);
                _ = Regularized(2, 100);
            }
        }
        """,
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(0).WithArguments("C", "-1", "C must be positive (PositiveInfinity: no penalty), or null"),
        Diagnostic("LRG018", DiagnosticSeverity.Error).WithLocation(1).WithArguments("Epochs", "0", "Epochs must be at least 1"));

    private const string Multiclass = Snippets.Item;

    [Fact]
    public Task MulticlassWeightsPerClassOfTheWrongCount() => Analyzer<ShapeAnalyzer>(Multiclass + """
        public static class Use
        {
            public static void Run(Item[] rows)
            {
                ItemModel.Train(rows, {|#0:new TrainingOptions { WeightsPerClass = [1, 2] }|});
                var options = new TrainingOptions { WeightsPerClass = new double[] { 1, 2, 3, 4 } };
                ItemModel.Train(rows, {|#1:options|});
                ItemModel.Train(rows, new TrainingOptions { WeightsPerClass = [1, 2, 3] });
                ItemModel.Train(rows, new TrainingOptions { WeightsPerClass = ItemModel.WeightsPerClass((Kind.A, 1), (Kind.B, 2), (Kind.C, 3)) });
            }
        }
        """,
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(0).WithArguments("options.WeightsPerClass", 3, "ClassCount of ItemModel", 2),
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(1).WithArguments("options.WeightsPerClass", 3, "ClassCount of ItemModel", 4));

    [Fact]
    public Task MulticlassMetrics_ProbabilitiesAreLabelsTimesClassCount() => Analyzer<ShapeAnalyzer>(Multiclass + """
        public static class Use
        {
            public static void Run()
            {
                float[] twelve = { 0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.2f, 0.2f, 0.6f, 0.5f, 0.4f, 0.1f };
                float[] four = { 0, 1, 2, 1 };
                Metrics.Evaluate(twelve, four, 3, new[] { "a", "b", "c" });
                Metrics.Evaluate({|#0:twelve|}, new float[] { 0, 1, 2 }, 3);
                Metrics.Evaluate(twelve, four, 3, {|#1:new[] { "a", "b" }|});
            }
        }
        """,
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(0).WithArguments("probabilities", 9, "labels × classCount = 3 × 3", 12),
        Diagnostic("LRG027", DiagnosticSeverity.Error).WithLocation(1).WithArguments("classNames", 3, "classCount", 2));
}
