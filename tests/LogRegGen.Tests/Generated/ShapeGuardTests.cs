using System;
using System.Linq;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>Wrong shapes and bad labels fail early with messages that say what was expected.</summary>
public sealed class ShapeGuardTests
{
    [Theory]
    [InlineData(29)]
    [InlineData(31)]
    [InlineData(0)]
    public void PredictProbabilityRejectsAWrongNumberOfFeatures(int length)
    {
        var model = new Row30Model(new float[30], 0f);
        float[] features = new float[length];

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => model.PredictProbability(features.AsSpan()));

        Assert.Equal("features", ex.ParamName);
        Assert.Contains("30", ex.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictProbabilityAcceptsTheRightNumberOfFeatures()
    {
        var model = new Row30Model(Enumerable.Repeat(0.1f, 30).ToArray(), -1f);
        float[] features = Enumerable.Repeat(1f, 30).ToArray();

        // z = 30 · 0.1 − 1 = 2.
        Assert.Equal(1 / (1 + Math.Exp(-2)), model.PredictProbability(features), 6);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(31)]
    public void ConstructorRejectsAWrongNumberOfWeights(int length)
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => new Row30Model(new float[length], 0f));

        Assert.Contains("30", ex.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void PredictProbabilitiesRejectsAMismatchedDestination(int destinationLength)
    {
        var model = new Row4Model(new float[] { 1, 2, 3, 4 }, 0.5f);
        Row4[] rows = ModelKits.Row4.Rows(TestData.Random(seed: 41, m: 5, n: 4));
        float[] destination = new float[destinationLength];

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => model.PredictProbabilities(rows, destination));

        Assert.Contains("5", ex.Message, StringComparison.Ordinal);
        Assert.Contains(destinationLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputIsRejected()
    {
        var model = new Row4Model(new float[4], 0f);

        Assert.ThrowsAny<ArgumentException>(() => model.Cost(ReadOnlySpan<Row4>.Empty));
        Assert.ThrowsAny<ArgumentException>(() => model.ComputeGradients(ReadOnlySpan<Row4>.Empty));
        Assert.ThrowsAny<ArgumentException>(() => Row4Model.Train(ReadOnlySpan<Row4>.Empty));
        Assert.ThrowsAny<ArgumentException>(() => Row4Model.Batch.Create(ReadOnlySpan<Row4>.Empty));
    }

    [Fact]
    public void AnIntLabelOfTwoIsReportedWithItsRowAndValue()
    {
        Patient[] rows = Patients(6);
        rows[3].Outcome = 2;

        LogisticDataException fromTrain = Assert.Throws<LogisticDataException>(() => PatientModel.Train(rows));
        LogisticDataException fromBatch = Assert.Throws<LogisticDataException>(() => PatientModel.Batch.Create(rows));
        LogisticDataException fromCost = Assert.Throws<LogisticDataException>(() => new PatientModel().Cost(rows));

        foreach (LogisticDataException ex in new[] { fromTrain, fromBatch, fromCost })
        {
            Assert.Equal(3, ex.Row);
            Assert.Contains("Row 3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Outcome", ex.Message, StringComparison.Ordinal);
            Assert.Matches(@"\b2\b", ex.Message);
        }

        Patient bad = rows[3];
        LogisticDataException single = Assert.Throws<LogisticDataException>(() => PatientModel.GetLabel(in bad));
        Assert.Matches(@"\b2\b", single.Message);
    }

    [Fact]
    public void GetLabelOfASingleRowDoesNotNameAnInventedRow()
    {
        // GetLabel(in row) knows no row index: the error must not claim one (such as "Row -1").
        var patient = new Patient { Outcome = 2 };

        LogisticDataException ex = Assert.Throws<LogisticDataException>(() => PatientModel.GetLabel(in patient));

        Assert.Contains("Outcome", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"\b2\b", ex.Message);
        Assert.DoesNotContain("-1", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Row is null or >= 0, $"Row = {ex.Row}");
    }

    [Fact]
    public void ANonFiniteFeatureIsReportedWithItsRowAndName()
    {
        Row4[] rows = ModelKits.Row4.Rows(TestData.Random(seed: 42, m: 6, n: 4));
        rows[4] = rows[4] with { X2 = float.NaN };

        LogisticDataException ex = Assert.Throws<LogisticDataException>(() => Row4Model.Train(rows));

        Assert.Equal(4, ex.Row);
        Assert.Equal("X2", ex.Column);
        Assert.Contains("X2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeIntLabelIsRejected()
    {
        Patient[] rows = Patients(4);
        rows[0].Outcome = -1;

        LogisticDataException ex = Assert.Throws<LogisticDataException>(() => PatientModel.Train(rows));

        Assert.Equal(0, ex.Row);
        Assert.Contains("-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullRowIsRejectedWithItsIndex()
    {
        Patient[] rows = Patients(5);
        rows[2] = null!;

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => PatientModel.Train(rows));

        Assert.Matches(@"\b2\b", ex.Message);
    }

    [Fact]
    public void FeatureNamesFollowDeclarationOrderWithoutLabelOrIgnoredMembers()
    {
        Assert.Equal(7, PatientModel.FeatureCount);
        Assert.Equal(new[] { "Age", "Weight", "Visits", "Steps", "Floors", "Grade", "Smoker" }, PatientModel.FeatureNames);
        Assert.Equal("Outcome", PatientModel.LabelName);

        Assert.Equal(3, ReadingModel.FeatureCount);
        Assert.Equal(new[] { "Temperature", "Humidity", "Pressure" }, ReadingModel.FeatureNames);
        Assert.Equal("Rain", ReadingModel.LabelName);

        Assert.Equal(4, ApplicantModel.FeatureCount);
        Assert.Equal(new[] { "Income", "Debt", "Age", "Years" }, ApplicantModel.FeatureNames);

        Assert.Equal(64, Row64Model.FeatureCount);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"X{i}"), Row64Model.FeatureNames);
        Assert.Equal("Y", Row64Model.LabelName);
    }

    [Fact]
    public void FeatureCountsMatchTheRowTypes()
    {
        Assert.Equal(
            new[] { 1, 4, 7, 8, 9, 30, 64 },
            new[] { Row1Model.FeatureCount, Row4Model.FeatureCount, Row7Model.FeatureCount, Row8Model.FeatureCount, Row9Model.FeatureCount, Row30Model.FeatureCount, Row64Model.FeatureCount });
        foreach (IModelKit kit in ModelKits.All)
        {
            Assert.Equal(kit.FeatureCount, kit.FeatureNames.Count);
        }
    }

    [Fact]
    public void BoolAndIntegerMembersBecomeFloats()
    {
        var patient = new Patient { Age = 41.5f, Weight = 80.25, Visits = -3, Steps = 12_000, Floors = 7, Grade = 255, Smoker = true, Outcome = 1, Name = "x" };

        PatientModel.FeatureVector features = PatientModel.GetFeatures(in patient);

        Assert.Equal(new[] { 41.5f, 80.25f, -3f, 12_000f, 7f, 255f, 1f }, ModelKits.ToArray(features));
        Assert.Equal(1f, PatientModel.GetLabel(in patient));

        patient.Smoker = false;
        patient.Outcome = 0;
        features = PatientModel.GetFeatures(in patient);
        Assert.Equal(0f, features[6]);
        Assert.Equal(0f, PatientModel.GetLabel(in patient));
    }

    private static Patient[] Patients(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new Patient { Age = 30 + i, Weight = 60 + i, Visits = i, Steps = 1000 * i, Floors = (short)i, Grade = (byte)i, Smoker = i % 2 == 0, Outcome = i % 2 })
            .ToArray();
}
