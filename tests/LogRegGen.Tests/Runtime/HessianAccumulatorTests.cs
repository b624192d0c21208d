using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LogRegGen.Tests.Generated;
using Xunit;

namespace LogRegGen.Tests.Runtime;

/// <summary>
/// <see cref="HessianAccumulator"/>, the float-product Hessian, against Σᵢ hᵢx̃ᵢx̃ᵢᵀ summed in double
/// sample by sample: both vector widths, feature counts on and off the tile and vector edges, sample
/// counts that leave ragged blocks, and features with offsets thousands of times their spread (where an
/// uncentred float product would lose every digit of the spread).
/// </summary>
public sealed class HessianAccumulatorTests
{
    public static TheoryData<int, int, bool, double> Cases()
    {
        var cases = new TheoryData<int, int, bool, double>();
        foreach (bool wide in new[] { false, true })
        {
            foreach ((int n, int m) in new[] { (1, 7), (4, 1_000), (7, 515), (8, 512), (9, 1_031), (17, 640), (30, 2_000), (33, 129), (64, 1_500), (65, 700) })
            {
                cases.Add(n, m, wide, 0);
            }

            cases.Add(30, 3_000, wide, 5_000);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sums_match_a_double_reference_to_float_accuracy(int n, int m, bool wide, double offset)
    {
        if (wide && !(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
        {
            Assert.Throws<PlatformNotSupportedException>(() => new HessianAccumulator(n, wide));
            return;
        }

        var random = new Random((n * 1_000) + m);
        var data = new FeatureMatrix(n, m);
        for (int j = 0; j < n; j++)
        {
            Span<float> x = data.Feature(j);
            double scale = 0.5 + j;
            for (int i = 0; i < m; i++)
            {
                x[i] = (float)((offset * (j + 1)) + (scale * ((2 * random.NextDouble()) - 1)));
            }
        }

        var h = new double[m];
        for (int i = 0; i < m; i++)
        {
            h[i] = i % 11 == 0 ? 0 : 0.25 * random.NextDouble(); // zero curvatures too, as zero sample weights give
        }

        int d = n + 1;
        var expected = new double[d * d];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= n; j++)
            {
                double xj = j < n ? data.Feature(j)[i] : 1d;
                for (int k = 0; k <= j; k++)
                {
                    double xk = k < n ? data.Feature(k)[i] : 1d;
                    expected[(j * d) + k] += h[i] * xj * xk;
                }
            }
        }

        // Chunk by chunk, as the passes call it (the last chunk short).
        var accumulator = new HessianAccumulator(n, wide);
        for (int start = 0; start < m; start += ChunkScheduler.ChunkSize)
        {
            int count = Math.Min(ChunkScheduler.ChunkSize, m - start);
            double total = 0;
            for (int i = start; i < start + count; i++)
            {
                total += h[i];
            }

            accumulator.Add(data, start, h.AsSpan(start, count), total);
        }

        var actual = new double[d * d];
        accumulator.AddTo(actual, d, fitIntercept: true);

        // AddTo writes the lower triangle with the intercept's entries in row j, column n (and the corner).
        for (int j = 0; j < n; j++)
        {
            actual[(n * d) + j] = actual[(j * d) + n];
            actual[(j * d) + n] = 0;
        }

        for (int j = 0; j < d; j++)
        {
            for (int k = j + 1; k < d; k++)
            {
                expected[(j * d) + k] = expected[(k * d) + j];
                actual[(j * d) + k] = actual[(k * d) + j];
            }
        }

        // The raw entries are as large as offset²·Σh, but their error must stay at float accuracy of the spread.
        var centred = Centre(expected, d);
        var centredActual = Centre(actual, d);
        PreciseKernelTests.AssertHessianClose(centred, centredActual, d);
    }

    [Fact]
    public void Without_the_intercept_only_the_feature_block_is_written()
    {
        var data = new FeatureMatrix(3, 40);
        for (int j = 0; j < 3; j++)
        {
            for (int i = 0; i < 40; i++)
            {
                data.Feature(j)[i] = i + j;
            }
        }

        var h = new double[40];
        Array.Fill(h, 0.5);
        var accumulator = new HessianAccumulator(3);
        accumulator.Add(data, 0, h, 20);
        var hessian = new double[9];
        accumulator.AddTo(hessian, 3, fitIntercept: false);
        double expected = 0;
        for (int i = 0; i < 40; i++)
        {
            expected += 0.5 * (i + 2) * (i + 2);
        }

        Assert.Equal(expected, hessian[8], 1e-5 * expected);
        Assert.Equal(0, hessian[2]); // the upper triangle is the caller's to mirror
    }

    /// <summary>
    /// The Hessian in the centred parameters (wⱼ, b + Σ wⱼμⱼ) with μ the column means: the congruence a
    /// standardizing solver applies, which exposes an error hidden under offset² in the raw entries.
    /// </summary>
    private static double[] Centre(double[] hessian, int d)
    {
        int n = d - 1;
        double hbb = hessian[(n * d) + n];
        var mu = new double[n];
        for (int j = 0; j < n; j++)
        {
            mu[j] = hessian[(n * d) + j] / hbb;
        }

        var result = (double[])hessian.Clone();
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < n; k++)
            {
                result[(j * d) + k] = hessian[(j * d) + k] - (mu[j] * hessian[(n * d) + k]) - (mu[k] * hessian[(n * d) + j]) + (mu[j] * mu[k] * hbb);
            }

            result[(j * d) + n] = result[(n * d) + j] = hessian[(n * d) + j] - (mu[j] * hbb);
        }

        return result;
    }
}
