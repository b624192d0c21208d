using System;
using System.IO;
using System.Linq;
using System.Data.Common;
using LogRegGen.Tests.Generated;
using Microsoft.Data.Sqlite;
using Sylvan.Data.Csv;
using Xunit;

namespace LogRegGen.Tests.Data;

/// <summary>Every member type the binder converts to, a [ColumnName], and an int label.</summary>
[LogisticModel]
public readonly record struct Applicant(
    float Income,
    double Debt,
    int Age,
    long Score,
    short Children,
    byte Rating,
    bool Owner,
    [ColumnName("years_employed")] float Tenure,
    [Label] int Approved);

/// <summary>A class row the generated ReadRows fills with an object initializer.</summary>
[LogisticModel]
public sealed class Account
{
    public double Balance { get; set; }

    public int Logins { get; init; }

    [Label]
    public bool Closed { get; set; }
}

/// <summary>
/// The generated data binder (issue 14): <c>ReadRows</c> and <c>Batch.Read</c> over real readers —
/// Sylvan.Data.Csv on text, SQLite on typed columns and a database file — against independent
/// parses, and every kind of bad input named by row and column.
/// </summary>
public sealed class DataReaderBindingTests
{
    private const string ApplicantHeader = "income,DEBT,Age,score,children,rating,owner,Years-Employed,approved";

    private static readonly string s_tumorCsv = Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv");
    private static readonly string s_irisCsv = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");

    private static DbDataReader Csv(string text) => CsvDataReader.Create(new StringReader(text));

    [Fact]
    public void Every_member_type_is_read_from_csv_text_by_name_ignoring_case_and_separators()
    {
        string csv = ApplicantHeader + "\n"
            + "52000.5,1200.25,41,9000000000,2,5,true,3.5,1\n"
            + "-1e-3,0,-7,-1,0,255,0,0,0\n"
            + " 7 ,1e300,2147483647,9223372036854775807,-32768,0,FALSE,12,1.0\n";

        Applicant[] rows = ApplicantModel.ReadRows(Csv(csv));

        Assert.Equal(
            new[]
            {
                new Applicant(52000.5f, 1200.25, 41, 9_000_000_000L, 2, 5, true, 3.5f, 1),
                new Applicant(-1e-3f, 0d, -7, -1L, 0, 255, false, 0f, 0),
                new Applicant(7f, 1e300, int.MaxValue, long.MaxValue, short.MinValue, 0, false, 12f, 1),
            },
            rows);
        Assert.Equal(new[] { "Income", "Debt", "Age", "Score", "Children", "Rating", "Owner", "years_employed" }, ApplicantModel.FeatureColumns);
        Assert.Equal("Approved", ApplicantModel.LabelColumn);
    }

    [Fact]
    public void The_batch_read_from_a_reader_equals_the_batch_of_the_rows_it_reads()
    {
        Tumor[] reference = BreastCancerTests.LoadCsv(s_tumorCsv);

        Tumor[] rows = TumorModel.ReadRows(CsvDataReader.Create(s_tumorCsv));
        TumorModel.Batch batch;
        using (DbDataReader reader = CsvDataReader.Create(s_tumorCsv))
        {
            batch = TumorModel.Batch.Read(reader);
        }

        Assert.Equal(reference, rows);
        TumorModel.Batch expected = TumorModel.Batch.Create(reference);
        Assert.Equal(569, batch.Count);
        Assert.Equal(expected.Matrix.Stride, batch.Matrix.Stride);
        Assert.True(expected.Matrix.Values.SequenceEqual(batch.Matrix.Values));
        Assert.True(expected.Matrix.Labels.SequenceEqual(batch.Matrix.Labels));

        // And the same model, bit for bit.
        TumorModel fromRows = TumorModel.Train(reference, new TrainingOptions { C = 1 });
        TumorModel fromReader = TumorModel.Train(batch, new TrainingOptions { C = 1 });
        Assert.True(((ReadOnlySpan<float>)fromRows.Weights).SequenceEqual(fromReader.Weights));
        Assert.Equal(fromRows.Bias, fromReader.Bias);
    }

    [Fact]
    public void An_enum_label_is_read_by_class_name_or_value()
    {
        Iris[] reference = MultinomialModelTests.LoadIris();
        Iris[] rows = IrisModel.ReadRows(CsvDataReader.Create(s_irisCsv));
        Assert.Equal(reference, rows);

        IrisModel.Batch batch = IrisModel.Batch.Read(CsvDataReader.Create(s_irisCsv));
        IrisModel.Batch expected = IrisModel.Batch.Create(reference);
        Assert.True(expected.Matrix.Values.SequenceEqual(batch.Matrix.Values));
        Assert.True(expected.Matrix.Labels.SequenceEqual(batch.Matrix.Labels));

        // A typed column of class values, and text that names the class with other case and separators.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE iris (sepal_length_cm REAL, sepal_width_cm REAL, petal_length_cm REAL, petal_width_cm REAL, species INTEGER);
            INSERT INTO iris VALUES (5.1, 3.5, 1.4, 0.2, 0), (6.3, 3.3, 6.0, 2.5, 2);
            """);
        Assert.Equal(
            new[] { new Iris(5.1f, 3.5f, 1.4f, 0.2f, Species.Setosa), new Iris(6.3f, 3.3f, 6f, 2.5f, Species.Virginica) },
            IrisModel.ReadRows(Query(connection, "SELECT * FROM iris")));
        Assert.Equal(Species.Versicolor, IrisModel.ReadRows(Csv("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n1,2,3,4,VERSI_COLOR\n"))[0].Species);
    }

    [Fact]
    public void Typed_columns_of_a_database_are_converted_to_each_member_type()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE applicants (id INTEGER PRIMARY KEY, income REAL, debt REAL, age INTEGER, score INTEGER, children INTEGER,
                                     rating INTEGER, owner INTEGER, years_employed REAL, approved INTEGER, note TEXT);
            INSERT INTO applicants VALUES (1, 52000.5, 1200.25, 41, 9000000000, 2, 5, 1, 3.5, 1, 'first'),
                                          (2, -0.25, 0, -7, -1, 0, 255, 0, 0, 0, NULL);
            """);

        Applicant[] rows = ApplicantModel.ReadRows(Query(connection, "SELECT * FROM applicants ORDER BY id"));

        Assert.Equal(
            new[]
            {
                new Applicant(52000.5f, 1200.25, 41, 9_000_000_000L, 2, 5, true, 3.5f, 1),
                new Applicant(-0.25f, 0d, -7, -1L, 0, 255, false, 0f, 0),
            },
            rows);
        ApplicantModel.Batch batch = ApplicantModel.Batch.Read(Query(connection, "SELECT * FROM applicants ORDER BY id"));
        Assert.True(ApplicantModel.Batch.Create(rows).Matrix.Values.SequenceEqual(batch.Matrix.Values));
    }

    [Fact]
    public void A_class_row_is_filled_by_its_setters()
    {
        Account[] rows = AccountModel.ReadRows(Csv("balance,logins,closed\n10.5,3,false\n-2,0,true\n"));

        Assert.Equal(2, rows.Length);
        Assert.Equal((10.5, 3, false), (rows[0].Balance, rows[0].Logins, rows[0].Closed));
        Assert.Equal((-2d, 0, true), (rows[1].Balance, rows[1].Logins, rows[1].Closed));
    }

    [Fact]
    public void Training_from_a_database_file_gives_the_weights_of_training_from_the_csv()
    {
        Tumor[] tumors = TumorModel.ReadRows(CsvDataReader.Create(s_tumorCsv));
        string path = Path.Combine(Path.GetTempPath(), $"logreggen-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                string[] columns = File.ReadLines(s_tumorCsv).First().Split(',');
                Execute(connection, $"CREATE TABLE tumors (id INTEGER PRIMARY KEY, {string.Join(", ", columns.Select(c => c + (c == "malignant" ? " INTEGER" : " REAL")))});");
                using DbTransaction transaction = connection.BeginTransaction();
                using SqliteCommand insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO tumors ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, k) => "$p" + k))});";
                SqliteParameter[] parameters = columns.Select((_, k) => insert.Parameters.Add("$p" + k, SqliteType.Real)).ToArray();
                foreach (Tumor tumor in tumors)
                {
                    float[] x = new float[TumorModel.FeatureCount];
                    TumorModel.GetFeatures(in tumor, x);
                    for (int j = 0; j < x.Length; j++)
                    {
                        parameters[j].Value = (double)x[j];
                    }

                    parameters[^1].Value = tumor.Malignant ? 1 : 0;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            TumorModel fromCsv = TumorModel.Train(TumorModel.Batch.Read(CsvDataReader.Create(s_tumorCsv)), new TrainingOptions { C = 1 });
            TumorModel fromDatabase;
            using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
            {
                connection.Open();
                fromDatabase = TumorModel.Train(TumorModel.Batch.Read(Query(connection, "SELECT * FROM tumors ORDER BY id")), new TrainingOptions { C = 1 });
            }

            Assert.True(((ReadOnlySpan<float>)fromCsv.Weights).SequenceEqual(fromDatabase.Weights));
            Assert.Equal(fromCsv.Bias, fromDatabase.Bias);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_columns_are_all_listed_with_the_available_ones()
    {
        var error = Assert.Throws<LogisticDataException>(() => ApplicantModel.ReadRows(Csv("income,debt,score,children,rating,owner,approved,extra\n1,2,3,4,5,1,0,9\n")));

        Assert.Contains("'Age' (the feature Age)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'years_employed' (the feature Tenure)", error.Message, StringComparison.Ordinal);
        Assert.Contains("its columns are: income, debt, score, children, rating, owner, approved, extra", error.Message, StringComparison.Ordinal);
        Assert.Equal("Age", error.Column);
        Assert.Null(error.Row);
    }

    [Fact]
    public void Two_columns_that_match_one_member_are_rejected()
    {
        var error = Assert.Throws<LogisticDataException>(() => ApplicantModel.Batch.Read(Csv(ApplicantHeader + ",AGE\n1,2,3,4,5,6,1,2,0,3\n")));

        Assert.Contains("Columns 'Age' (2) and 'AGE' (9) both match the feature Age", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,2,abc,4,5,6,1,2,0", "Age", "'abc' is not a number")]
    [InlineData("1,2,3.5,4,5,6,1,2,0", "Age", "'3.5' does not fit the member Age (int)")]
    [InlineData("1,2,3,4,5,300,1,2,0", "rating", "300 does not fit the member Rating (byte)")]
    [InlineData("1,2,3,4,40000,6,1,2,0", "children", "40000 does not fit the member Children (short)")]
    [InlineData("1e39,2,3,4,5,6,1,2,0", "income", "does not fit the member Income (float)")]
    [InlineData("1,2,3,4,5,6,yes,2,0", "owner", "'yes' does not fit the member Owner (bool (true or false, 1 or 0))")]
    [InlineData("1,2,3,4,5,6,1,2,2", "approved", "'2' is not a class of a binary label (0 or 1, true or false)")]
    [InlineData("1,2,3,4,5,6,1,,0", "Years-Employed", "the value is")]
    public void A_bad_value_is_named_by_row_and_column(string badRow, string column, string problem)
    {
        string csv = ApplicantHeader + "\n1,2,3,4,5,6,1,2,0\n1,2,3,4,5,6,0,2,1\n" + badRow + "\n1,2,3,4,5,6,1,2,0\n";

        var rows = Assert.Throws<LogisticDataException>(() => ApplicantModel.ReadRows(Csv(csv)));
        var batch = Assert.Throws<LogisticDataException>(() => ApplicantModel.Batch.Read(Csv(csv)));

        foreach (LogisticDataException error in new[] { rows, batch })
        {
            Assert.StartsWith($"Row 2 (the reader's row 3), column '{column}': ", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.Equal(2, error.Row);
            Assert.Equal(column, error.Column);
        }
    }

    [Theory]
    [InlineData("abc", "x1", "'abc' is not a number")]
    [InlineData("1e39", "x1", "'1e39' does not fit the member X1 (float)")]
    [InlineData("", "x1", "the value is empty; every feature and the label need a value")]
    [InlineData("LABEL:2", "y", "'2' is not a class of a binary label (0 or 1, true or false)")]
    public void Text_parsed_on_a_second_thread_adds_the_rows_before_the_first_bad_one_and_names_it(string bad, string column, string problem)
    {
        // Every feature a float and every column text: blocks of 1,024 records parsed on a second thread,
        // the reader's thread up to eight blocks ahead (so past the bad row when it is found).
        var csv = new System.Text.StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 10_000; i++)
        {
            string x1 = i == 6_000 && !bad.StartsWith("LABEL:", StringComparison.Ordinal) ? bad : (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string y = i == 6_000 && bad.StartsWith("LABEL:", StringComparison.Ordinal) ? bad[6..] : (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{x1},-{i}e-3,7,{y}\n");
        }

        var samples = new FeatureMatrixBuilder(4);
        var error = Assert.Throws<LogisticDataException>(() => Row4Model.Batch.Write(Csv(csv.ToString()), samples));

        Assert.Equal($"Row 6000 (the reader's row 6001), column '{column}': {problem}.", error.Message);
        Assert.Equal(6_000, samples.Count);
        FeatureMatrix read = samples.Build();
        Assert.Equal(5_999f * 0.25f, read[1, 5_999]);
        Assert.Equal(-5.999f, read[2, 5_999]);
        Assert.Equal(1f, read.Labels[5_999]);
    }

    [Fact]
    public void Text_parsed_on_a_second_thread_gives_the_values_of_the_record_by_record_path()
    {
        // The same CSV through the pipelined text path (Batch.Read of Row4: all floats) and record by record (ReadRows).
        var random = new Random(9);
        var csv = new System.Text.StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 9_000; i++)
        {
            string[] values = Enumerable.Range(0, 4).Select(_ => ((float)(random.NextDouble() * 200 - 100)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            string label = random.Next(2) == 0 ? "false" : "TRUE";
            csv.Append(string.Join(',', values)).Append(',').Append(label).Append('\n');
        }

        Row4Model.Batch text = Row4Model.Batch.Read(Csv(csv.ToString()));
        Row4[] rows = Row4Model.ReadRows(Csv(csv.ToString()));
        Assert.Equal(9_000, text.Count);
        Assert.True(Row4Model.Batch.Create(rows).Matrix.Values.SequenceEqual(text.Matrix.Values));
        Assert.True(Row4Model.Batch.Create(rows).Matrix.Labels.SequenceEqual(text.Matrix.Labels));
    }

    [Fact]
    public void A_null_in_a_text_column_read_on_a_second_thread_is_named()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE t (x0 TEXT, x1 TEXT, x2 TEXT, x3 TEXT, y TEXT);
            INSERT INTO t VALUES ('1', '2', '3', '4', '1'), ('1', NULL, '3', '4', '0');
            """);

        var error = Assert.Throws<LogisticDataException>(() => Row4Model.Batch.Read(Query(connection, "SELECT * FROM t")));
        Assert.Equal("Row 1 (the reader's row 2), column 'x1': the value is NULL; every feature and the label need a value.", error.Message);
    }

    [Fact]
    public void A_reader_that_gives_text_only_as_strings_is_read_with_its_nulls_named_and_long_fields_whole()
    {
        // System.Data's DataTableReader throws from GetChars on a string column (it reads char[] columns
        // alone), NULL or not: the binder reads such a reader's text as strings. A field longer than the
        // binder's 128-character buffer is read whole.
        var table = new System.Data.DataTable();
        foreach (string name in new[] { "x0", "x1", "x2", "x3", "y" })
        {
            table.Columns.Add(name, typeof(string));
        }

        string longOne = "1." + new string('0', 300);
        for (int i = 0; i < 3_000; i++)
        {
            table.Rows.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 7 == 0 ? longOne : "2.5", i == 2_500 ? DBNull.Value : "-3", "4", (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var samples = new FeatureMatrixBuilder(4);
        var error = Assert.Throws<LogisticDataException>(() => Row4Model.Batch.Write(table.CreateDataReader(), samples));
        Assert.Equal("Row 2500 (the reader's row 2501), column 'x2': the value is NULL; every feature and the label need a value.", error.Message);
        Assert.Equal(2_500, samples.Count);

        table.Rows[2_500]["x2"] = "-3";
        Row4Model.Batch batch = Row4Model.Batch.Read(table.CreateDataReader());
        Assert.Equal(3_000, batch.Count);
        Assert.Equal(1f, batch.Matrix[1, 2_499]);
        Assert.Equal(2.5f, batch.Matrix[1, 2_500]);
        Row4[] rows = Row4Model.ReadRows(table.CreateDataReader());
        Assert.True(Row4Model.Batch.Create(rows).Matrix.Values.SequenceEqual(batch.Matrix.Values));
        Assert.True(Row4Model.Batch.Create(rows).Matrix.Labels.SequenceEqual(batch.Matrix.Labels));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_reader_that_fails_midway_adds_the_records_before_and_a_bad_value_among_them_comes_first(bool badValue)
    {
        // Records are copied up to eight blocks of 1,024 ahead of the parsing: the reader fails at record 9,000
        // (a lost connection), past a bad value at record 6,000 or with none before it.
        var csv = new System.Text.StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 20_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(badValue && i == 6_000 ? "abc" : "1")},2,3,{i % 2}\n");
        }

        var samples = new FeatureMatrixBuilder(4);
        using var reader = new FailingReader(Csv(csv.ToString()), failAt: 9_000);
        if (badValue)
        {
            var error = Assert.Throws<LogisticDataException>(() => Row4Model.Batch.Write(reader, samples));
            Assert.Equal("Row 6000 (the reader's row 6001), column 'x1': 'abc' is not a number.", error.Message);
            Assert.Equal(6_000, samples.Count);
        }
        else
        {
            var error = Assert.Throws<IOException>(() => Row4Model.Batch.Write(reader, samples));
            Assert.Equal("The connection was lost.", error.Message);
            Assert.Equal(9_000, samples.Count);
            Assert.Equal(8_999f, samples.Build()[0, 8_999]);
        }
    }

    [Fact]
    public void Fields_longer_than_the_copy_buffer_are_read_whole_among_short_ones()
    {
        // Fields of 150 and 300 characters between short ones, every 97th record, through the pipelined text path.
        string longOne = "1." + new string('0', 148), longer = "-2." + new string('0', 297);
        var csv = new System.Text.StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 5_000; i++)
        {
            bool isLong = i % 97 == 0;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(isLong ? longOne : "0.5")},{(isLong ? longer : "7")},{i % 3},{i % 2}\n");
        }

        Row4Model.Batch batch = Row4Model.Batch.Read(Csv(csv.ToString()));
        Assert.Equal(5_000, batch.Count);
        for (int i = 0; i < 5_000; i++)
        {
            bool isLong = i % 97 == 0;
            Assert.Equal((float)i, batch.Matrix[0, i]);
            Assert.Equal(isLong ? 1f : 0.5f, batch.Matrix[1, i]);
            Assert.Equal(isLong ? -2f : 7f, batch.Matrix[2, i]);
            Assert.Equal(i % 3, batch.Matrix[3, i]);
        }
    }

    [Fact]
    public void An_error_of_the_samples_writer_on_the_parsing_thread_reaches_the_caller_as_it_was_thrown()
    {
        var csv = new System.Text.StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 20_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},1,2,3,{i % 2}\n");
        }

        var writer = new FailingWriter(failAt: 5_000);
        var error = Assert.Throws<IOException>(() => Row4Model.Batch.Write(Csv(csv.ToString()), writer));
        Assert.Equal("The disk is full.", error.Message);
        Assert.Equal(5_000, writer.Count);
    }

    [Fact]
    public void A_null_an_unknown_class_and_an_unreadable_column_type_are_named()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE t (sepal_length_cm REAL, sepal_width_cm REAL, petal_length_cm REAL, petal_width_cm REAL, species TEXT, picture BLOB);
            INSERT INTO t VALUES (5.1, 3.5, 1.4, 0.2, 'setosa', x'00'), (5.1, NULL, 1.4, 0.2, 'setosa', x'00'), (5.1, 3.5, 1.4, 0.2, 'rose', x'00');
            """);

        var missing = Assert.Throws<LogisticDataException>(() => IrisModel.ReadRows(Query(connection, "SELECT * FROM t")));
        Assert.Equal("Row 1 (the reader's row 2), column 'sepal_width_cm': the value is NULL; every feature and the label need a value.", missing.Message);

        var rose = Assert.Throws<LogisticDataException>(() => IrisModel.ReadRows(Query(connection, "SELECT * FROM t WHERE sepal_width_cm IS NOT NULL")));
        Assert.Equal("Row 1 (the reader's row 2), column 'species': 'rose' is not a class of Species (Setosa, Versicolor, Virginica).", rose.Message);

        var blob = Assert.Throws<LogisticDataException>(() => IrisModel.ReadRows(Query(connection, "SELECT picture AS sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species FROM t")));
        Assert.Contains("Column 'sepal_length_cm' (the feature SepalLength) holds Byte[] values, which cannot be read as numbers", blob.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_without_records_gives_no_rows_and_no_batch()
    {
        Assert.Empty(ApplicantModel.ReadRows(Csv(ApplicantHeader + "\n")));
        var error = Assert.Throws<ArgumentException>(() => ApplicantModel.Batch.Read(Csv(ApplicantHeader + "\n")));
        Assert.Equal("reader", error.ParamName);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A real reader that fails as a lost connection would, when asked for a given record.</summary>
    private sealed class FailingReader(DbDataReader inner, int failAt) : DbDataReader
    {
        private int _read;

        public override object this[int ordinal] => inner[ordinal];

        public override object this[string name] => inner[name];

        public override int Depth => inner.Depth;

        public override int FieldCount => inner.FieldCount;

        public override bool HasRows => inner.HasRows;

        public override bool IsClosed => inner.IsClosed;

        public override int RecordsAffected => inner.RecordsAffected;

        public override bool Read() => _read++ == failAt ? throw new IOException("The connection was lost.") : inner.Read();

        public override bool NextResult() => inner.NextResult();

        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

        public override char GetChar(int ordinal) => inner.GetChar(ordinal);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

        public override System.Collections.IEnumerator GetEnumerator() => inner.GetEnumerator();

        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => inner.GetName(ordinal);

        public override int GetOrdinal(string name) => inner.GetOrdinal(name);

        public override string GetString(int ordinal) => inner.GetString(ordinal);

        public override object GetValue(int ordinal) => inner.GetValue(ordinal);

        public override int GetValues(object[] values) => inner.GetValues(values);

        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A writer that fails as a full disk would, after a number of samples.</summary>
    private sealed class FailingWriter(int failAt) : ISampleWriter
    {
        private readonly float[] _features = new float[4];

        public int Count { get; private set; }

        public Span<float> Add(float label)
        {
            if (Count == failAt)
            {
                throw new IOException("The disk is full.");
            }

            Count++;
            return _features;
        }
    }

    private static DbDataReader Query(SqliteConnection connection, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}
