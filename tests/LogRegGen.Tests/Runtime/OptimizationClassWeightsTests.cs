using System;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class OptimizationClassWeightsTests
{
    [Fact]
    public void Balanced_is_m_over_twice_the_class_count()
    {
        // m = 5: three 0s → 5 / (2·3) = 0.8333; two 1s → 5 / (2·2) = 1.25.
        ClassWeights weights = ClassWeights.Balanced(new float[] { 0, 1, 0, 1, 0 });
        Assert.Equal(5d / 6d, weights.Negative, 1e-15);
        Assert.Equal(1.25, weights.Positive, 1e-15);

        // Each class then carries m/2 = 2.5 in total: 3 × 0.8333 = 2 × 1.25.
        Assert.Equal(3 * weights.Negative, 2 * weights.Positive, 1e-14);
    }

    [Fact]
    public void Balanced_matches_sklearn_on_breast_cancer()
    {
        // 569 rows, 212 malignant, 357 benign: 569/424 = 1.341981, 569/714 = 0.796919.
        ClassWeights weights = ClassWeights.Balanced(OptimizationTestData.Data.Labels);
        Assert.Equal(569d / 424d, weights.Positive, 1e-15);
        Assert.Equal(569d / 714d, weights.Negative, 1e-15);
    }

    [Fact]
    public void Apply_multiplies_into_sample_weights()
    {
        float[] labels = { 1, 0, 1 };
        double[] sampleWeights = { 1, 2, 3 };
        new ClassWeights(0.5, 4).Apply(labels, sampleWeights);
        Assert.Equal(new double[] { 4, 1, 12 }, sampleWeights);
        Assert.Equal(4, new ClassWeights(0.5, 4).For(1));
        Assert.Equal(ClassWeights.None, new ClassWeights(1, 1));
    }

    [Fact]
    public void Bad_labels_single_class_and_empty_are_rejected()
    {
        var label = Assert.Throws<LogisticDataException>(() => ClassWeights.Balanced(new float[] { 0, 1, 0.5f }));
        Assert.Equal(2, label.Row);
        var single = Assert.Throws<LogisticDataException>(() => ClassWeights.Balanced(new float[] { 1, 1 }));
        Assert.Contains("both classes", single.Message);
        Assert.Throws<ArgumentException>(() => ClassWeights.Balanced(ReadOnlySpan<float>.Empty));
        Assert.Throws<ArgumentException>(() => ClassWeights.None.Apply(new float[] { 1 }, new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassWeights(-1, 1).Apply(new float[] { 1 }, new double[1]));
    }
}
