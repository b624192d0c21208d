using System;
using Xunit;

namespace LogRegGen.Tests.Generated;

/// <summary>
/// The analytic gradients (dw = X·dZᵀ/m, db = mean dZ) against central finite differences of the
/// reference cost J, computed in double.
/// </summary>
public sealed class FiniteDifferenceTests
{
    /// <summary>
    /// Step for the central differences. On standardized-scale data J is smooth with third derivatives
    /// of order 1, so the truncation error (h²/6·J‴ ≈ 2e-9) and the rounding error (ε·J/h ≈ 1e-12) are
    /// both far below the 1e-5 tolerance.
    /// </summary>
    private const double H = 1e-4;

    [Theory]
    [InlineData(nameof(ModelKits.Row1))]
    [InlineData(nameof(ModelKits.Row4))]
    [InlineData(nameof(ModelKits.Row9))]
    [InlineData(nameof(ModelKits.Row30))]
    [InlineData(nameof(ModelKits.Applicant))]
    [InlineData(nameof(ModelKits.Reading))]
    public void GradientsMatchCentralDifferences(string kitName)
    {
        IModelKit kit = ModelKits.Get(kitName);
        Dataset data = TestData.Random(seed: 21, m: 53, n: kit.FeatureCount, kit.Representable);
        Parameters p = TestData.RandomParameters(seed: 22, kit.FeatureCount);
        double[][] x = data.XAsDouble;
        double[] y = data.YAsDouble;
        double[] w = p.WAsDouble;
        double b = p.B;

        ReferenceLogisticRegression.Gradients reference = ReferenceLogisticRegression.ComputeGradients(x, y, w, b);
        ReferenceLogisticRegression.Gradients scales = ReferenceLogisticRegression.GradientScales(x, y, w, b);
        GradientResult rows = kit.Gradients(p, data);
        GradientResult batch = kit.GradientsBatch(p, data);

        for (int j = 0; j < kit.FeatureCount; j++)
        {
            double[] plus = (double[])w.Clone();
            double[] minus = (double[])w.Clone();
            plus[j] += H;
            minus[j] -= H;
            double numeric = (ReferenceLogisticRegression.Cost(x, y, plus, b) - ReferenceLogisticRegression.Cost(x, y, minus, b)) / (2 * H);

            // The reference formulas themselves, far tighter than the float code needs to be.
            Assert.True(
                Math.Abs(reference.Dw[j] - numeric) <= 1e-7 * Math.Max(Math.Abs(numeric), scales.Dw[j]),
                $"reference dw[{j}] = {reference.Dw[j]:R} but dJ/dw[{j}] ≈ {numeric:R}");
            Tolerance.AssertClose(numeric, rows.Dw[j], scales.Dw[j], $"dw[{j}] (rows) vs finite difference");
            Tolerance.AssertClose(numeric, batch.Dw[j], scales.Dw[j], $"dw[{j}] (batch) vs finite difference");
        }

        double numericDb = (ReferenceLogisticRegression.Cost(x, y, w, b + H) - ReferenceLogisticRegression.Cost(x, y, w, b - H)) / (2 * H);
        Assert.True(
            Math.Abs(reference.Db - numericDb) <= 1e-7 * Math.Max(Math.Abs(numericDb), scales.Db),
            $"reference db = {reference.Db:R} but dJ/db ≈ {numericDb:R}");
        Tolerance.AssertClose(numericDb, rows.Db, scales.Db, "db (rows) vs finite difference");
        Tolerance.AssertClose(numericDb, batch.Db, scales.Db, "db (batch) vs finite difference");
    }
}
