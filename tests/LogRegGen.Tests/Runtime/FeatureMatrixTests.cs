using System;
using System.Linq;
using LogRegGen;
using Xunit;

namespace LogRegGen.Tests.Runtime;

public sealed class FeatureMatrixTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(1000, 1008)]
    [InlineData(16_368, 16_368)]
    [InlineData(16_369, 16_912)]
    [InlineData(65_536, 66_064)]
    [InlineData(1_000_000, 1_000_976)]
    public void Stride_is_the_sample_count_rounded_up_to_16_and_skewed_from_1024_lines_on(int m, int stride)
    {
        var matrix = new FeatureMatrix(3, m);
        Assert.Equal(3, matrix.FeatureCount);
        Assert.Equal(m, matrix.SampleCount);
        Assert.Equal(stride, matrix.Stride);
        Assert.Equal(3 * stride, matrix.Values.Length);
        Assert.Equal(m, matrix.Labels.Length);
        Assert.Equal(m, matrix.Feature(2).Length);
    }

    [Fact]
    public void Long_rows_lie_33_lines_past_a_multiple_of_64_lines_apart_and_at_most_63_lines_past_m()
    {
        // 64-byte lines of 16 floats: rows a multiple of 64 lines (4 KiB) apart share cache sets.
        for (int m = 16_000; m < 17_500; m += 7)
        {
            AssertStride(m);
        }

        foreach (int m in new[] { 65_535, 65_536, 65_537, 131_072, 196_608, 1 << 20, 999_424, FeatureFile.MaxSamples })
        {
            AssertStride(m);
        }

        static void AssertStride(int m)
        {
            long stride = FeatureMatrix.StrideFor(m), rounded = (m + 15L) & ~15L;
            Assert.True(stride >= m && stride % 16 == 0 && FeatureMatrix.IsStride((int)stride, m), $"m = {m}: stride {stride}");
            if (rounded / 16 < 1024)
            {
                Assert.Equal(rounded, stride);
            }
            else
            {
                Assert.Equal(33, stride / 16 % 64);
                Assert.InRange(stride - rounded, 0, 63 * 16);
            }
        }
    }

    [Fact]
    public void Constructor_rejects_empty_shapes_with_a_clear_message()
    {
        var noSamples = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrix(3, 0));
        Assert.Equal("sampleCount", noSamples.ParamName);
        Assert.Contains("at least one sample", noSamples.Message);

        var noFeatures = Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrix(0, 5));
        Assert.Equal("featureCount", noFeatures.ParamName);
        Assert.Contains("at least one feature", noFeatures.Message);
    }

    [Fact]
    public void FromFeatureMajor_keeps_the_notes_layout_and_zero_padding()
    {
        // X (2, 3) = [[1, 2, 3], [4, 5, 6]]
        var matrix = FeatureMatrix.FromFeatureMajor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, new float[] { 0, 1, 1 });
        Assert.Equal(3f, matrix[0, 2]);
        Assert.Equal(4f, matrix[1, 0]);
        Assert.Equal(new float[] { 4, 5, 6 }, matrix.Feature(1).ToArray());
        Assert.Equal(new float[] { 0, 1, 1 }, matrix.Labels.ToArray());
        Span<float> values = matrix.Values;
        for (int i = 3; i < matrix.Stride; i++)
        {
            Assert.Equal(0f, values[i]);
            Assert.Equal(0f, values[matrix.Stride + i]);
        }
    }

    [Fact]
    public void FromFeatureMajor_reports_expected_and_actual_lengths()
    {
        // The analyzers report this at build time (LRG013); the test checks the run-time guard behind it.
#pragma warning disable LRG013
        var e = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromFeatureMajor(new float[11], 3, new float[4]));
#pragma warning restore LRG013
        Assert.Equal("x", e.ParamName);
        Assert.Contains("Expected 12 values", e.Message);
        Assert.Contains("(3, 4)", e.Message);
        Assert.Contains("got 11", e.Message);

        var empty = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromFeatureMajor(ReadOnlySpan<float>.Empty, 3, ReadOnlySpan<float>.Empty));
        Assert.Equal("labels", empty.ParamName);
        Assert.Contains("at least one sample", empty.Message);
    }

    [Fact]
    public void FromSampleMajor_transposes()
    {
        const int n = 3, m = 130; // more than one 64-sample transpose block, and a partial one
        float[] x = Reference.RandomFloats(n * m, seed: 1);
        float[] y = new float[m];
        y[5] = 1;
        var matrix = FeatureMatrix.FromSampleMajor(x, n, y);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(x[(i * n) + j], matrix[j, i]);
            }
        }

        Assert.Equal(1f, matrix.Labels[5]);

        // The analyzers report this at build time (LRG013); the test checks the run-time guard behind it.
#pragma warning disable LRG013
        var e = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromSampleMajor(new float[10], 3, new float[4]));
#pragma warning restore LRG013
        Assert.Contains("Expected 12 values", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("got 10", e.Message);
    }

    [Fact]
    public void Indexer_and_Feature_check_ranges()
    {
        var matrix = new FeatureMatrix(2, 5);
        matrix[1, 4] = 7f;
        Assert.Equal(7f, matrix.Feature(1)[4]);
        Assert.Equal(7f, matrix.Values[matrix.Stride + 4]);
        Assert.Equal("feature", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 5]).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, -1] = 1f).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Feature(-1));
    }

    [Fact]
    public void Clone_is_deep()
    {
        var original = FeatureMatrix.FromFeatureMajor(new float[] { 1, 2, 3, 4 }, 2, new float[] { 0, 1 });
        FeatureMatrix copy = original.Clone();
        copy[0, 0] = 100f;
        copy.Labels[0] = 1f;
        Assert.Equal(1f, original[0, 0]);
        Assert.Equal(0f, original.Labels[0]);
        Assert.Equal(4f, copy[1, 1]);
        Assert.Equal(original.Stride, copy.Stride);
    }

    [Fact]
    public void Validate_accepts_clean_data()
    {
        FeatureMatrix data = Reference.RandomData(4, 100, seed: 1);
        data.Validate();
        data.Validate(new[] { "a", "b", "c", "d" });
    }

    [Fact]
    public void Validate_names_row_and_feature_of_a_NaN()
    {
        FeatureMatrix data = Reference.RandomData(3, 40, seed: 2);
        data[2, 17] = float.NaN;
        data[0, 30] = float.PositiveInfinity; // later row: not the one reported
        var e = Assert.Throws<LogisticDataException>(() => data.Validate(new[] { "radius", "texture", "perimeter" }));
        Assert.Equal(17, e.Row);
        Assert.Equal("perimeter", e.Column);
        Assert.Contains("Row 17", e.Message);
        Assert.Contains("'perimeter'", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Theory]
    [InlineData(0, -1f)]
    [InlineData(7, 0.5f)]
    [InlineData(8, 2f)]
    [InlineData(20, float.NaN)]
    [InlineData(36, float.PositiveInfinity)]
    public void Validate_names_the_first_bad_label_anywhere_in_the_vector_blocks(int row, float label)
    {
        // 37 labels: four blocks of eight and a tail; a later bad label and a later bad value are not the ones reported.
        FeatureMatrix data = Reference.RandomData(3, 37, seed: 4);
        data.Labels[row] = label;
        if (row < 36)
        {
            data.Labels[36] = 3f;
            data[1, 36] = float.NaN;
        }

        var e = Assert.Throws<LogisticDataException>(() => data.Validate());
        Assert.Equal(row, e.Row);
        Assert.Equal("label", e.Column);
        Assert.Contains($"Row {row}, column 'label'", e.Message, StringComparison.Ordinal);

        // A bad value in an earlier row is reported first.
        if (row > 0)
        {
            data[2, row - 1] = float.NaN;
            Assert.Equal(row - 1, Assert.Throws<LogisticDataException>(() => data.Validate()).Row);
        }
    }

    [Fact]
    public void Validate_names_a_feature_by_index_without_names()
    {
        FeatureMatrix data = Reference.RandomData(3, 40, seed: 2);
        data[1, 33] = float.NegativeInfinity;
        data[2, 33] = float.NaN; // same row, later feature: not the one reported
        var e = Assert.Throws<LogisticDataException>(() => data.Validate());
        Assert.Equal(33, e.Row);
        Assert.Equal("1", e.Column);
        Assert.Contains("Row 33, feature 1", e.Message);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(2f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void Validate_names_the_row_of_a_bad_label(float label)
    {
        FeatureMatrix data = Reference.RandomData(2, 20, seed: 3);
        data.Labels[11] = label;
        var e = Assert.Throws<LogisticDataException>(() => data.Validate());
        Assert.Equal(11, e.Row);
        Assert.Equal("label", e.Column);
        Assert.Contains("Row 11", e.Message);
        Assert.Contains("label", e.Message);
    }

    [Fact]
    public void Validate_reports_the_earliest_row_whether_feature_or_label()
    {
        FeatureMatrix data = Reference.RandomData(2, 20, seed: 3);
        data[1, 9] = float.NaN;
        data.Labels[4] = 3f;
        Assert.Equal(4, Assert.Throws<LogisticDataException>(() => data.Validate()).Row);
        data.Labels[4] = 1f;
        Assert.Equal(9, Assert.Throws<LogisticDataException>(() => data.Validate()).Row);
    }

    [Fact]
    public void Validate_rejects_the_wrong_number_of_names()
    {
        var data = new FeatureMatrix(3, 2);
        var e = Assert.Throws<ArgumentException>(() => data.Validate(new[] { "a", "b" }));
        Assert.Equal("featureNames", e.ParamName);
        Assert.Contains("Expected 3", e.Message);
    }

    [Theory]
    [InlineData(8, 8, 1)]
    [InlineData(9, 11, 37)]
    [InlineData(30, 31, 1_001)]
    [InlineData(64, 66, 515)]
    [InlineData(3, 3, 20)]
    [InlineData(9, 11, 40_003)] // two workers' ranges and a ragged end
    public void Rows_laid_out_in_place_equal_the_plain_copy(int n, int rowStride, int m)
    {
        var random = new Random((n * 100) + m);
        var rows = new float[((m - 1) * rowStride) + n];
        for (int k = 0; k < rows.Length; k++)
        {
            rows[k] = (float)random.NextDouble();
        }

        foreach (int threads in new[] { 1, 2, -1 })
        {
            var matrix = new FeatureMatrix(n, m);
            matrix.LayOutRows(rows, rowStride, threads);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(rows[(i * rowStride) + j], matrix.Feature(j)[i]);
                }
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMatrix(n, m).LayOutRows(rows, rowStride, 0));
    }

    [Theory]
    [InlineData(30, 31, 1_001, 1)]
    [InlineData(9, 11, 40_003, -1)]
    [InlineData(3, 5, 17, 2)]
    public void A_matrix_from_rows_holds_every_value_and_zero_padding_even_in_reused_memory(int n, int rowStride, int m, int threads)
    {
        var random = new Random(n + m);
        var rows = new float[((m - 1) * rowStride) + n];
        for (int k = 0; k < rows.Length; k++)
        {
            rows[k] = (float)random.NextDouble();
        }

        long stride = FeatureMatrix.StrideFor(m);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // Memory full of NaN freed just before: the collector may hand it back uncleared.
            var garbage = new float[n * stride];
            Array.Fill(garbage, float.NaN);
            GC.KeepAlive(garbage);
            garbage = null;
            GC.Collect();

            FeatureMatrix matrix = FeatureMatrix.FromRows(rows, rowStride, n, m, threads);
            Assert.Equal((n, m, (int)stride), (matrix.FeatureCount, matrix.SampleCount, matrix.Stride));
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> row = matrix.Values.Slice(j * matrix.Stride, matrix.Stride);
                for (int i = 0; i < m; i++)
                {
                    Assert.Equal(rows[(i * rowStride) + j], row[i]);
                }

                Assert.True(row[m..].IndexOfAnyExcept(0f) < 0, $"feature {j}: the padding after the row is not 0");
            }

            Assert.True(matrix.Labels.IndexOfAnyExcept(0f) < 0);
        }

        ArgumentException tooFew = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows(rows.AsSpan(1), rowStride, n, m));
        Assert.Equal("rows", tooFew.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMatrix.FromRows(rows, rowStride, n, m, 0));
    }

    [Fact]
    public void Laying_out_too_few_rows_names_the_shapes()
    {
        var matrix = new FeatureMatrix(4, 3);
        ArgumentException error = Assert.Throws<ArgumentException>(() => matrix.LayOutRows(new float[9], 4));
        Assert.Equal("rows", error.ParamName);
        Assert.Contains("Expected 3 rows of 4 floats (n = 4) but got 9 floats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_on_several_cores_reports_the_same_first_bad_value()
    {
        // Bad values in several features: the earliest sample wins, then the lowest feature, on any number of cores.
        var matrix = new FeatureMatrix(6, 40_000);
        matrix.Labels.Fill(1);
        matrix.Feature(5)[25_000] = float.NaN;
        matrix.Feature(4)[30_000] = float.PositiveInfinity;
        matrix.Feature(2)[25_000] = float.NegativeInfinity;
        matrix.Feature(1)[39_999] = float.NaN;
        foreach (int threads in new[] { 1, 2, 4, -1 })
        {
            LogisticDataException error = Assert.Throws<LogisticDataException>(() => matrix.Validate(null, 2, threads));
            Assert.Equal(25_000, error.Row);
            Assert.Equal("2", error.Column);
        }
    }

    [Fact]
    public void A_builder_gives_samples_added_one_by_one_and_in_bulk_across_its_blocks_in_order()
    {
        // n = 8 (blocks of 4,096 rows large enough to be reused uncleared); 10,001 samples: 5 one by one,
        // 9,000 in bulk (across blocks), 996 one by one, each row added alone starting at zero.
        const int n = 8;
        static float Value(int i, int j) => (i * 10f) + j;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // Memory full of NaN freed just before: the collector may hand it back uncleared.
            var garbage = new float[4][];
            for (int g = 0; g < garbage.Length; g++)
            {
                garbage[g] = new float[4096 * n];
                Array.Fill(garbage[g], float.NaN);
            }

            GC.KeepAlive(garbage);
            garbage = null;
            GC.Collect();

            var builder = new FeatureMatrixBuilder(n);
            int count = 0;
            for (; count < 5; count++)
            {
                Span<float> x = builder.Add(count % 2);
                Assert.True(x.IndexOfAnyExcept(0f) < 0);
                for (int j = 0; j < n; j++)
                {
                    x[j] = Value(count, j);
                }
            }

            float[] bulk = new float[9_000 * n];
            float[] bulkLabels = new float[9_000];
            for (int i = 0; i < 9_000; i++)
            {
                bulkLabels[i] = (count + i) % 2;
                for (int j = 0; j < n; j++)
                {
                    bulk[(i * n) + j] = Value(count + i, j);
                }
            }

            builder.AddRange(bulk, bulkLabels);
            count += 9_000;
            for (; count < 10_001; count++)
            {
                Span<float> x = builder.Add(count % 2);
                x[0] = Value(count, 0);
                x[2] = Value(count, 2);
            }

            FeatureMatrix matrix = builder.Build();
            Assert.Equal(10_001, matrix.SampleCount);
            for (int i = 0; i < 10_001; i++)
            {
                Assert.Equal(i % 2, matrix.Labels[i]);
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(i >= 9_005 && j is not (0 or 2) ? 0f : Value(i, j), matrix[j, i]);
                }
            }
        }
    }

    [Fact]
    public void Bulk_samples_whose_features_are_not_n_per_label_are_rejected_naming_both_counts()
    {
        var builder = new FeatureMatrixBuilder(3);
        var error = Assert.Throws<ArgumentException>(() => builder.AddRange(new float[7], new float[2]));
        Assert.Equal("features", error.ParamName);
        Assert.StartsWith("Expected 3 features per label (6 for 2 labels) but got 7.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.Count);
    }

    /// <summary>A row with a field before its nine features and the label after them (44 bytes: 11 floats).</summary>
    private struct TaggedRow
    {
        public int Id;
        public float F0, F1, F2, F3, F4, F5, F6, F7, F8;
        public int Label;
    }

    private static TaggedRow[] TaggedRows(int m)
    {
        var random = new Random(m);
        var rows = new TaggedRow[m];
        for (int i = 0; i < m; i++)
        {
            rows[i] = new TaggedRow
            {
                Id = i,
                F0 = (float)random.NextDouble(), F1 = (float)random.NextDouble(), F2 = (float)random.NextDouble(),
                F3 = (float)random.NextDouble(), F4 = (float)random.NextDouble(), F5 = (float)random.NextDouble(),
                F6 = (float)random.NextDouble(), F7 = (float)random.NextDouble(), F8 = -i,
                Label = random.Next(2),
            };
        }

        return rows;
    }

    private static float TaggedLabel(in TaggedRow row, int index) =>
        row.Label is 0 or 1 ? row.Label : throw new LogisticDataException($"Row {index}: the label {row.Label} is not 0 or 1.", index, "Label");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Rows_with_their_labels_are_laid_out_in_one_pass_as_the_float_layout_and_a_label_loop_give(int threads)
    {
        // 40,000 rows: two workers' ranges when two cores are allowed; runs of 2,048 rows with a leftover.
        TaggedRow[] rows = TaggedRows(40_000);
        FeatureMatrix fused = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, threads);

        FeatureMatrix expected = FeatureMatrix.FromRows(System.Runtime.InteropServices.MemoryMarshal.Cast<TaggedRow, float>(rows)[1..], 11, 9, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            expected.Labels[i] = rows[i].Label;
        }

        Assert.Equal((9, 40_000, expected.Stride), (fused.FeatureCount, fused.SampleCount, fused.Stride));
        Assert.True(fused.Values.SequenceEqual(expected.Values));
        Assert.True(fused.Labels.SequenceEqual(expected.Labels));
        Assert.Equal(-39_999f, fused[8, 39_999]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_rented_layout_is_the_layout_bit_for_bit_in_storage_that_held_other_values(int threads)
    {
        // The pool's arrays come back as they were left: here full of NaN and 7s, which the layout must overwrite,
        // padding included.
        using (FeatureMatrix.Lease stale = FeatureMatrix.Rent(9, 40_000))
        {
            stale.Matrix.Values.Fill(float.NaN);
            stale.Matrix.Labels.Fill(7f);
        }

        TaggedRow[] rows = TaggedRows(30_001);
        FeatureMatrix expected = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, threads);
        using FeatureMatrix.Lease lease = FeatureMatrix.RentFromRows<TaggedRow>(rows, 1, 9, TaggedLabel, threads);
        FeatureMatrix rented = lease.Matrix;
        Assert.Equal((9, 30_001, expected.Stride), (rented.FeatureCount, rented.SampleCount, rented.Stride));
        Assert.Equal(expected.LayoutMoments!.Value.Sums, rented.LayoutMoments!.Value.Sums); // before Values, which forgets them
        Assert.Equal(9 * expected.Stride, rented.Values.Length);
        Assert.True(rented.Values.SequenceEqual(expected.Values));
        Assert.True(rented.Labels.SequenceEqual(expected.Labels));
    }

    [Fact]
    public void A_rented_matrix_has_zero_padding_and_refuses_every_access_once_its_lease_is_disposed()
    {
        FeatureMatrix.Lease lease = FeatureMatrix.Rent(3, 17);
        FeatureMatrix matrix = lease.Matrix;
        Assert.Equal((3, 17, 32), (matrix.FeatureCount, matrix.SampleCount, matrix.Stride));
        for (int j = 0; j < 3; j++)
        {
            Assert.All(matrix.Values.Slice((j * 32) + 17, 15).ToArray(), v => Assert.Equal(0f, v));
        }

        matrix.Feature(2)[16] = 5f;
        Assert.Equal(5f, matrix[2, 16]);
        lease.Dispose();
        lease.Dispose();
        default(FeatureMatrix.Lease).Dispose();
        Assert.Throws<InvalidOperationException>(() => default(FeatureMatrix.Lease).Matrix);
        var error = Assert.Throws<ObjectDisposedException>(() => matrix.Values.Length);
        Assert.Contains("(3, 17) matrix was on loan from the shared array pool", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => matrix.Labels.Length);
        Assert.Throws<ObjectDisposedException>(() => matrix.Feature(0).Length);
        Assert.Throws<ObjectDisposedException>(() => matrix[0, 0]);

        // A failed layout returns its storage and throws the label's error.
        TaggedRow[] rows = TaggedRows(100);
        rows[50].Label = 2;
        Assert.Equal(50, Assert.Throws<LogisticDataException>(() => FeatureMatrix.RentFromRows<TaggedRow>(rows, 1, 9, TaggedLabel)).Row);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMatrix.Rent(0, 5));
    }

    [Fact]
    public void Of_bad_labels_in_every_core_s_rows_the_first_row_s_is_reported_as_on_one_core()
    {
        TaggedRow[] rows = TaggedRows(40_000);
        rows[30_000].Label = 7;
        rows[25_000].Label = 3;
        rows[5].Label = -1;
        foreach (int threads in new[] { 1, 2 })
        {
            var error = Assert.Throws<LogisticDataException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, threads));
            Assert.Equal(5, error.Row);
            Assert.StartsWith("Row 5: the label -1 is not 0 or 1.", error.Message, StringComparison.Ordinal);
        }

        rows[5].Label = 0;
        Assert.Equal(25_000, Assert.Throws<LogisticDataException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, 2)).Row);
    }

    [Fact]
    public void Rows_without_n_floats_at_the_offset_or_without_rows_are_refused()
    {
        TaggedRow[] rows = TaggedRows(3);
        var tooFar = Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, 3, 9, TaggedLabel));
        Assert.Equal("rows", tooFar.ParamName);
        Assert.StartsWith("Expected 9 consecutive floats from float 3 of a TaggedRow but it is 44 bytes.", tooFar.Message, StringComparison.Ordinal);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, int.MaxValue, 9, TaggedLabel)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, -1, 9, TaggedLabel)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FeatureMatrix.FromRows<TaggedRow>([], 1, 9, TaggedLabel)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, 0));
        Assert.Throws<ArgumentNullException>(() => FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, null!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_standardization_summed_during_the_layout_is_the_separate_pass_s_bit_for_bit(int threads)
    {
        // 40,003 rows: three shards, each laid out and summed run by run (the last shard's last run not a whole
        // number of eights), nine features (pairs and a single row), on one or two cores.
        TaggedRow[] rows = TaggedRows(40_003);
        FeatureMatrix laid = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, threads);
        Assert.NotNull(laid.LayoutMoments);
        (double[] shifts, double[] layoutSums) = laid.LayoutMoments.Value;
        var passSums = new double[18];
        ChunkScheduler.Sum(40_003, threads, (laid, shifts), static (state, start, end, partial) => LogRegGen.Optimization.FeatureScaling.ShardMoments(state.laid, state.shifts, start, end, partial), passSums);
        Assert.Equal(passSums, layoutSums); // the double sums themselves, bit for bit

        var means = new float[9];
        var scales = new float[9];
        LogRegGen.Optimization.FeatureScaling.Compute(laid, means, scales, center: true, threads);

        FeatureMatrix same = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, 3 - threads);
        _ = same.Values; // any public access to X forgets the sums: the separate pass runs
        Assert.Null(same.LayoutMoments);
        var passMeans = new float[9];
        var passScales = new float[9];
        LogRegGen.Optimization.FeatureScaling.Compute(same, passMeans, passScales, center: true, threads);
        Assert.Equal(passMeans, means);
        Assert.Equal(passScales, scales);
        Assert.Equal(-20_001f, means[8]);
    }

    [Theory]
    [InlineData(5)] // less than the first chunk, whose 512 rows give the shifts
    [InlineData(509)]
    [InlineData(16_381)] // one shard, its last run ragged
    public void The_layout_s_moments_of_short_data_are_the_separate_pass_s_bit_for_bit(int m)
    {
        TaggedRow[] rows = TaggedRows(m);
        FeatureMatrix laid = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, 2);
        Assert.NotNull(laid.LayoutMoments);
        (double[] shifts, double[] layoutSums) = laid.LayoutMoments.Value;
        var passSums = new double[18];
        ChunkScheduler.Sum(m, 2, (laid, shifts), static (state, start, end, partial) => LogRegGen.Optimization.FeatureScaling.ShardMoments(state.laid, state.shifts, start, end, partial), passSums);
        Assert.Equal(passSums, layoutSums);
    }

    [Fact]
    public void A_changed_value_is_in_the_standardization_whichever_way_it_was_changed()
    {
        TaggedRow[] rows = TaggedRows(40_000);
        foreach (Action<FeatureMatrix> change in new Action<FeatureMatrix>[]
        {
            x => x[8, 0] = 4e6f,
            x => x.Feature(8)[0] = 4e6f,
            x => x.Values[8 * x.Stride] = 4e6f,
            x => x.LayOutRows(System.Runtime.InteropServices.MemoryMarshal.Cast<TaggedRow, float>(rows.Select((r, i) => i == 0 ? r with { F8 = 4e6f } : r).ToArray())[1..], 11),
        })
        {
            FeatureMatrix x = FeatureMatrix.FromRows<TaggedRow>(rows, 1, 9, TaggedLabel, 2);
            change(x);
            Assert.Null(x.LayoutMoments);
            var means = new float[9];
            LogRegGen.Optimization.FeatureScaling.Compute(x, means, new float[9], center: true, 2);
            Assert.Equal(-19_899.5, means[8], 1e-2); // (4·10⁶ − Σ_{i≥1} i) / 40,000, not −19,999.5
        }
    }
}
