using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// Snapshots of the emitted model for each supported shape of input. Every test also checks that the
/// output compiles without warnings (see <see cref="GeneratorHarness.Run(string[])"/>) and inspects the
/// generated model's symbol, so that a wrong snapshot accepted by mistake is still caught.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(30)]
    [InlineData(64)]
    public void FeatureCounts(int count)
    {
        string features = string.Join(", ", Enumerable.Range(0, count).Select(i => $"float F{i}"));
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Features{{count}}({{features}}, [Label] bool Y);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, $"Sample.Features{count}.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated, parameters: count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        INamedTypeSymbol model = GetModel(output, $"Sample.Features{count}Model");
        AssertModelShape(model, count, Accessibility.Public);
        Assert.Equal("Y", GetConstant(model, "LabelName"));
    }

    [Fact]
    public void RecordStruct()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public readonly record struct Flower(float SepalLength, float SepalWidth, float PetalLength, [Label] bool IsVersicolor);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Flower.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.FlowerModel"), 3, Accessibility.Public);
    }

    [Fact]
    public void RecordClass()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public sealed record Applicant(float Income, float Debt, float Age, [Label] bool Approved);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Applicant.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.ApplicantModel"), 3, Accessibility.Public);
    }

    [Fact]
    public void StructWithFields()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public struct Reading
            {
                public float Temperature;
                public float Humidity;
                [Label] public bool Rain;
                public float Pressure;
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Reading.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        INamedTypeSymbol model = GetModel(output, "Sample.ReadingModel");
        AssertModelShape(model, 3, Accessibility.Public);
        Assert.Equal("Rain", GetConstant(model, "LabelName"));
    }

    [Fact]
    public void ClassWithProperties()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public class Customer
            {
                public float Tenure { get; set; }
                public float MonthlyCharges { get; set; }
                [Label] public bool Churned { get; set; }
                public string Name { get; set; } = "";
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Customer.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.CustomerModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void MixedMemberTypesWithBoolLabel()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public sealed record Patient(float Age, double Weight, int Visits, long Steps, short Floors, byte Grade, bool Smoker, [Label] bool Sick);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Patient.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.PatientModel"), 7, Accessibility.Public);
    }

    [Fact]
    public void IntLabel()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Vote(double Age, int Income, [Label] int Voted);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Vote.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        INamedTypeSymbol model = GetModel(output, "Sample.VoteModel");
        AssertModelShape(model, 2, Accessibility.Public);
        Assert.Equal("Voted", GetConstant(model, "LabelName"));
    }

    [Fact]
    public void DoubleLabel()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            public class Trial
            {
                public short Dose { get; init; }
                public byte Group { get; init; }
                [Label] public double Responded { get; init; }
            }

            [LogisticModel]
            public sealed class Wrapper : Trial
            {
                public double Baseline { get; init; }
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Wrapper.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        INamedTypeSymbol model = GetModel(output, "Sample.WrapperModel");
        AssertModelShape(model, 3, Accessibility.Public);
        Assert.Equal("Responded", GetConstant(model, "LabelName"));
    }

    [Fact]
    public void ModelName()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel(ModelName = "SpamClassifier")]
            public record struct Email(float Links, float Exclamations, [Label] bool Spam);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Email.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.SpamClassifier"), 2, Accessibility.Public);
        Assert.Null(output.GetTypeByMetadataName("Sample.EmailModel"));
    }

    [Fact]
    public void GlobalNamespace()
    {
        const string source = """
            using LogRegGen;

            [LogisticModel]
            public record struct Point(float X, float Y, [Label] bool Inside);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Point.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        INamedTypeSymbol model = GetModel(output, "PointModel");
        Assert.True(model.ContainingNamespace.IsGlobalNamespace);
        AssertModelShape(model, 2, Accessibility.Public);
    }

    [Fact]
    public void NestedNamespace()
    {
        const string source = """
            using LogRegGen;

            namespace Outer
            {
                namespace Inner.Deep
                {
                    [LogisticModel]
                    public record struct Signal(float Strength, float Noise, [Label] bool Detected);
                }
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Outer.Inner.Deep.Signal.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Outer.Inner.Deep.SignalModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void NestedTypeInNonGenericContainer()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            public static class Datasets
            {
                public class Medical
                {
                    [LogisticModel]
                    public record struct Scan(float Density, float Size, [Label] bool Benign);
                }
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Datasets.Medical.Scan.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);

        // The contract puts the model at the top level of the row type's namespace.
        AssertModelShape(GetModel(output, "Sample.ScanModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void IgnoreOnPositionalParameter()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct House([Ignore] int Id, float Rooms, [Ignore] float Price, float Area, [Label] bool Sold);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.House.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.HouseModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void IgnoreOnProperty()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public sealed class Loan
            {
                [Ignore] public long Id { get; set; }
                public float Amount { get; set; }
                public float Rate { get; set; }
                [Label] public bool Default { get; set; }
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Loan.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.LoanModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void IgnoreOnField()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public struct Sensor
            {
                public float Voltage;
                [Ignore] public int SerialNumber;
                public float Current;
                [Label] public byte Faulty;
            }
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Sensor.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.SensorModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void InternalTypeGivesInternalModel()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            internal record struct Secret(float A, float B, [Label] bool C);
            """;

        ImmutableArray<GeneratedSource> generated = RunModel(source, "Sample.Secret.LogisticModel.g.cs", out Compilation output);
        Snapshot.VerifyAll(generated);
        AssertModelShape(GetModel(output, "Sample.SecretModel"), 2, Accessibility.Internal);
    }

    [Fact]
    public void PublicTypeNestedInInternalTypeGivesInternalModel()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            internal static class Hidden
            {
                [LogisticModel]
                public record struct Visible(float A, [Label] bool B);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        GeneratedSource generated = Assert.Single(outcome.ModelSources);
        Assert.Equal("Sample.Hidden.Visible.LogisticModel.g.cs", generated.HintName);
        AssertModelShape(GetModel(outcome.OutputCompilation, "Sample.VisibleModel"), 1, Accessibility.Internal);
    }

    [Fact]
    public void TwoModelsInOneCompilationGetDistinctFiles()
    {
        const string source = """
            using LogRegGen;

            namespace First
            {
                [LogisticModel]
                public record struct Row(float A, [Label] bool Y);
            }

            namespace Second
            {
                [LogisticModel]
                public record struct Row(float A, float B, [Label] bool Y);
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Equal(
            new[] { "First.Row.LogisticModel.Kernels.g.cs", "First.Row.LogisticModel.g.cs", "Second.Row.LogisticModel.Kernels.g.cs", "Second.Row.LogisticModel.g.cs" },
            outcome.Sources.Select(s => s.HintName).OrderBy(h => h, System.StringComparer.Ordinal));
        AssertModelShape(GetModel(outcome.OutputCompilation, "First.RowModel"), 1, Accessibility.Public);
        AssertModelShape(GetModel(outcome.OutputCompilation, "Second.RowModel"), 2, Accessibility.Public);
    }

    [Fact]
    public void MultinomialWithContiguousEnum()
    {
        const string source = """
            using LogRegGen;

            namespace Sample;

            public enum Species { Setosa, Versicolor, Virginica }

            [LogisticModel]
            public readonly record struct Iris(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth, [Label] Species Species);
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        GeneratedSource generated = Assert.Single(outcome.Sources);
        Assert.Equal("Sample.Iris.LogisticModel.g.cs", generated.HintName);
        Snapshot.VerifyAll(outcome.Sources);

        INamedTypeSymbol model = GetModel(outcome.OutputCompilation, "Sample.IrisModel");
        AssertModelShape(model, 4, Accessibility.Public);
        Assert.Equal(3, GetConstant(model, "ClassCount"));
        INamedTypeSymbol classVector = Assert.Single(model.GetTypeMembers("ClassVector"));
        Assert.Equal(3, classVector.GetAttributes().Single(a => a.AttributeClass?.Name == "InlineArrayAttribute").ConstructorArguments.Single().Value);
        IMethodSymbol predict = model.GetMembers("Predict").OfType<IMethodSymbol>().Single(m => m.Parameters.Length == 1);
        Assert.Equal("Sample.Species", predict.ReturnType.ToDisplayString());
    }

    [Fact]
    public void MultinomialWithSparseNegativeValuesAndClassRow()
    {
        // Values out of order, negative, of a short underlying type; a class row (null checks); a nested enum.
        const string source = """
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public sealed record Exam(double Hours, int Attempts, bool Tutored, [Label] Exam.Grade Result)
            {
                public enum Grade : short { High = 10, Low = -3, Middle = 4 }
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Snapshot.VerifyAll(outcome.Sources);
        INamedTypeSymbol model = GetModel(outcome.OutputCompilation, "Sample.ExamModel");
        AssertModelShape(model, 3, Accessibility.Public);
        Assert.Equal(3, GetConstant(model, "ClassCount"));
    }

    /// <summary>Runs the generator over one model and returns its two files: the model and its kernels.</summary>
    private static ImmutableArray<GeneratedSource> RunModel(string source, string expectedHintName, out Compilation output)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Equal(
            new[] { expectedHintName, GeneratorHarness.KernelsHintName(expectedHintName) },
            outcome.Sources.Select(s => s.HintName).OrderBy(h => h.Length));
        output = outcome.OutputCompilation;
        return outcome.Sources;
    }

    private static INamedTypeSymbol GetModel(Compilation compilation, string metadataName)
    {
        INamedTypeSymbol? model = compilation.GetTypeByMetadataName(metadataName);
        Assert.True(model is not null, $"The output has no type {metadataName}.");
        return model!;
    }

    private static object? GetConstant(INamedTypeSymbol type, string name)
    {
        IFieldSymbol field = Assert.Single(type.GetMembers(name).OfType<IFieldSymbol>());
        Assert.True(field.IsConst, $"{type.Name}.{name} is not a constant.");
        return field.ConstantValue;
    }

    /// <summary>
    /// The parts of the contract that can be read from the symbol: a sealed class with the expected
    /// accessibility, <c>FeatureCount</c> = n, and an <c>[InlineArray(n)]</c> <c>FeatureVector</c>.
    /// </summary>
    private static void AssertModelShape(INamedTypeSymbol model, int featureCount, Accessibility accessibility)
    {
        Assert.Equal(TypeKind.Class, model.TypeKind);
        Assert.True(model.IsSealed, $"{model.Name} is not sealed.");
        Assert.Equal(accessibility, model.DeclaredAccessibility);
        Assert.Equal(featureCount, GetConstant(model, "FeatureCount"));

        INamedTypeSymbol vector = Assert.Single(model.GetTypeMembers("FeatureVector"));
        Assert.Equal(TypeKind.Struct, vector.TypeKind);
        AttributeData inlineArray = Assert.Single(
            vector.GetAttributes(),
            a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.InlineArrayAttribute");
        Assert.Equal(featureCount, inlineArray.ConstructorArguments.Single().Value);
    }
}
