using System;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class ShapeGuardTests
{
    [Fact]
    public void FeatureCount_names_the_argument_and_both_shapes()
    {
        var tumorFeatures = new float[29];
        ShapeGuard.FeatureCount(new float[30], 30);
        var e = Assert.Throws<ArgumentException>(() => ShapeGuard.FeatureCount(tumorFeatures, 30));
        Assert.Equal("tumorFeatures", e.ParamName);
        Assert.StartsWith("Expected 30 features (shape (30,)) but got 29.", e.Message);
    }

    [Fact]
    public void SameLength_and_NotEmpty_messages()
    {
        ShapeGuard.SameLength(10, 10, "probabilities");
        var e = Assert.Throws<ArgumentException>(() => ShapeGuard.SameLength(10, 9, "probabilities"));
        Assert.Equal("probabilities", e.ParamName);
        Assert.StartsWith("Expected length 10 (one per row) but got 9.", e.Message);

        ShapeGuard.NotEmpty(1, "rows");
        var empty = Assert.Throws<ArgumentException>(() => ShapeGuard.NotEmpty(0, "rows"));
        Assert.Equal("rows", empty.ParamName);
        Assert.StartsWith("Expected at least one row but got none.", empty.Message);
    }

    [Theory]
    [InlineData(0.0, 0f)]
    [InlineData(1.0, 1f)]
    public void Label_returns_0_or_1(double value, float expected) =>
        Assert.Equal(expected, ShapeGuard.Label(value, 0, "Malignant"));

    [Theory]
    [InlineData(2.0, "Row 17: label 'Malignant' is 2; a label must be 0 or 1.")]
    [InlineData(0.5, "Row 17: label 'Malignant' is 0.5; a label must be 0 or 1.")]
    [InlineData(-1.0, "Row 17: label 'Malignant' is -1; a label must be 0 or 1.")]
    [InlineData(double.NaN, "Row 17: label 'Malignant' is NaN; a label must be 0 or 1.")]
    public void Label_rejects_anything_else(double value, string message)
    {
        var e = Assert.Throws<LogisticDataException>(() => ShapeGuard.Label(value, 17, "Malignant"));
        Assert.Equal(message, e.Message);
        Assert.Equal(17, e.Row);
        Assert.Equal("Malignant", e.Column);
    }

    [Fact]
    public void NotNullRow_names_the_row()
    {
        ShapeGuard.NotNullRow("row", 3, "rows");
        var e = Assert.Throws<ArgumentException>(() => ShapeGuard.NotNullRow<string>(null, 3, "rows"));
        Assert.Equal("rows", e.ParamName);
        Assert.StartsWith("Row 3 is null.", e.Message);
    }

    [Fact]
    public void LogisticDataException_is_an_ArgumentException_that_carries_its_location()
    {
        ArgumentException e = new LogisticDataException("Row 2, column 'x': bad.", 2, "x");
        var data = Assert.IsType<LogisticDataException>(e);
        Assert.Equal(2, data.Row);
        Assert.Equal("x", data.Column);
        Assert.Null(new LogisticDataException("no location").Row);
    }
}
