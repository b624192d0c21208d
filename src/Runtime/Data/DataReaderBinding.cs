using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace LogRegGen;

/// <summary>
/// The columns of a <see cref="DbDataReader"/> matched to a model's features and label, once, and the
/// current row's values read and converted to the members' types. A generated model's <c>ReadRows</c>
/// and <c>Batch.Read</c> use it; it works with any ADO.NET reader (a CSV reader such as
/// Sylvan.Data.Csv's, SQLite, DuckDB, SQL Server).
/// </summary>
/// <remarks>
/// <para>
/// A member matches a column when their names are equal ignoring case and the characters
/// <c>_</c>, <c>-</c>, <c>.</c> and space: the member <c>MeanRadius</c> reads the column
/// <c>mean_radius</c>. <c>[ColumnName("...")]</c> on the member gives another name, matched the same way.
/// </para>
/// <para>
/// Values are read with the reader's typed getters for its column types (<see cref="float"/>,
/// <see cref="double"/>, <see cref="decimal"/>, the integer types, <see cref="bool"/>), and text
/// columns (a CSV file's) are parsed with the invariant culture, without allocating a string per value
/// (a reader whose <c>GetChars</c> refuses text columns, such as System.Data's <c>DataTableReader</c>, is
/// read through <c>GetString</c> instead). A value that is NULL or empty, does not parse, or does not fit the member's type throws
/// <see cref="LogisticDataException"/> naming the row and the column.
/// </para>
/// </remarks>
public sealed class DataReaderBinding
{
    private const int CharBufferLength = 128;
    private const int RingLength = 8;
    private const string NullProblem = "the value is NULL; every feature and the label need a value";
    private const string EmptyProblem = "the value is empty; every feature and the label need a value";

    private readonly DbDataReader _reader;
    private readonly int[] _ordinals;
    private readonly Source[] _sources;
    private readonly string[] _members;
    private readonly IReadOnlyList<string>? _classNames;
    private readonly long[]? _classValues;
    private readonly string? _classTypeName;
    private char[] _chars = new char[CharBufferLength];
    private bool _textOnlyAsStrings;

    private DataReaderBinding(DbDataReader reader, int[] ordinals, Source[] sources, string[] members, IReadOnlyList<string>? classNames, long[]? classValues, string? classTypeName)
    {
        _reader = reader;
        _ordinals = ordinals;
        _sources = sources;
        _members = members;
        _classNames = classNames;
        _classValues = classValues;
        _classTypeName = classTypeName;
        Row = -1;
    }

    /// <summary>How a column's values are read from the reader.</summary>
    private enum Source : byte
    {
        Single,
        Double,
        Decimal,
        Int64,
        Int32,
        Int16,
        Byte,
        SByte,
        UInt16,
        UInt32,
        UInt64,
        Boolean,
        Text,
    }

    /// <summary>The zero-based index of the current row among the rows the reader returned; -1 before the first.</summary>
    public int Row { get; private set; }

    /// <summary>
    /// Matches the reader's columns to a model's members, the features in order and then the label, each
    /// by the column name the model gives it (a generated model's <c>FeatureColumns</c> and <c>LabelColumn</c>).
    /// </summary>
    /// <param name="reader">The open reader, before its first row.</param>
    /// <param name="featureColumns">The column name of each feature.</param>
    /// <param name="labelColumn">The column name of the label.</param>
    /// <param name="featureNames">The member name of each feature (for messages).</param>
    /// <param name="labelName">The label member's name (for messages).</param>
    /// <param name="classNames">For an enum label, its classes' names in class order; null for a binary label.</param>
    /// <param name="classValues">For an enum label, its classes' numeric values in class order.</param>
    /// <param name="classTypeName">For an enum label, the enum's name (for messages).</param>
    /// <returns>The binding, positioned before the first row. Member k is feature k, and the label is member n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The feature columns and names differ in number, or there is no feature.</exception>
    /// <exception cref="LogisticDataException">
    /// A member has no column (the message lists every missing one and the reader's columns), two
    /// columns match one member, or a column's type cannot be read as a number.
    /// </exception>
    public static DataReaderBinding Bind(
        DbDataReader reader,
        IReadOnlyList<string> featureColumns,
        string labelColumn,
        IReadOnlyList<string> featureNames,
        string labelName,
        IReadOnlyList<string>? classNames = null,
        long[]? classValues = null,
        string? classTypeName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(labelColumn);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(labelName);
        if (featureColumns.Count != featureNames.Count || featureColumns.Count == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected one column name per feature (at least one) but got {featureColumns.Count} column names for {featureNames.Count} features."),
                nameof(featureColumns));
        }

        var columns = new string[featureColumns.Count + 1];
        var members = new string[columns.Length];
        for (int k = 0; k < featureColumns.Count; k++)
        {
            columns[k] = featureColumns[k];
            members[k] = featureNames[k];
        }

        columns[^1] = labelColumn;
        members[^1] = labelName;

        var available = new string[reader.FieldCount];
        var normalized = new string[available.Length];
        for (int i = 0; i < available.Length; i++)
        {
            available[i] = reader.GetName(i);
            normalized[i] = Normalize(available[i]);
        }

        int[] ordinals = new int[columns.Length];
        var missing = new List<string>();
        for (int k = 0; k < columns.Length; k++)
        {
            string key = Normalize(columns[k]);
            int found = -1;
            for (int i = 0; i < available.Length; i++)
            {
                if (normalized[i] != key)
                {
                    continue;
                }

                if (found >= 0)
                {
                    throw new LogisticDataException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Columns '{available[found]}' ({found}) and '{available[i]}' ({i}) both match {Describe(members, k)} (column name '{columns[k]}'; case and the characters _ - . and space are ignored). Rename one, or give the member [ColumnName(\"...\")]."),
                        row: null,
                        column: columns[k]);
                }

                found = i;
            }

            if (found < 0)
            {
                missing.Add($"'{columns[k]}' ({Describe(members, k)})");
            }

            ordinals[k] = found;
        }

        if (missing.Count > 0)
        {
            throw new LogisticDataException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The reader has no column for {string.Join(", ", missing)}; its columns are: {(available.Length == 0 ? "(none)" : string.Join(", ", available))}. Names are matched ignoring case and the characters _ - . and space; [ColumnName(\"...\")] on a member gives another name."),
                row: null,
                column: columns[Array.IndexOf(ordinals, -1)]);
        }

        var sources = new Source[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            Type type = reader.GetFieldType(ordinals[k]);
            sources[k] = GetSource(type) ?? throw new LogisticDataException(
                string.Create(CultureInfo.InvariantCulture, $"Column '{available[ordinals[k]]}' ({Describe(members, k)}) holds {type.Name} values, which cannot be read as numbers."),
                row: null,
                column: available[ordinals[k]]);
        }

        return new DataReaderBinding(reader, ordinals, sources, members, classNames, classValues, classTypeName);
    }

    /// <summary>Advances the reader to its next row.</summary>
    /// <returns>False when there are no more rows.</returns>
    public bool Read()
    {
        if (!_reader.Read())
        {
            return false;
        }

        Row++;
        return true;
    }

    /// <summary>The current row's value of member <paramref name="member"/> as a <see cref="float"/>.</summary>
    /// <param name="member">The member's index: a feature's, or the feature count for the label.</param>
    /// <exception cref="LogisticDataException">The value is NULL or empty, does not parse, or is beyond the range of a float.</exception>
    public float GetSingle(int member)
    {
        if (_sources[member] == Source.Text)
        {
            // Parsed as a float directly: through a double, a decimal halfway between two floats could round twice.
            ReadOnlySpan<char> text = ReadText(member);
            return ParseSingleText(text, member, out float parsed) is { } problem ? throw Fail(member, problem) : parsed;
        }

        double value = ReadNumber(member);
        if (double.IsFinite(value) && Math.Abs(value) > float.MaxValue)
        {
            throw DoesNotFit(member, Show(value), "float");
        }

        return (float)value;
    }

    /// <summary>
    /// The current row's values of the consecutive float members from <paramref name="firstMember"/>, one per
    /// element of <paramref name="destination"/>, each as <see cref="GetSingle"/> reads it (one call per run of
    /// float features, which is what a generated <c>Batch.Read</c> makes).
    /// </summary>
    /// <exception cref="LogisticDataException">A value is NULL or empty, does not parse, or is beyond the range of a float.</exception>
    public void GetSingles(int firstMember, Span<float> destination)
    {
        if ((uint)firstMember > (uint)_ordinals.Length || destination.Length > _ordinals.Length - firstMember)
        {
            throw new ArgumentOutOfRangeException(nameof(firstMember));
        }

        for (int k = 0; k < destination.Length; k++)
        {
            destination[k] = GetSingle(firstMember + k);
        }
    }

    /// <summary>The current row's value of member <paramref name="member"/> as a <see cref="double"/>.</summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, or does not parse.</exception>
    public double GetDouble(int member) => ReadNumber(member);

    /// <summary>The current row's value as an <see cref="int"/>: a whole number in its range.</summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, does not parse, or is not a whole number in range.</exception>
    public int GetInt32(int member) => (int)ReadInteger(member, int.MinValue, int.MaxValue, "int");

    /// <summary>The current row's value as a <see cref="long"/>: a whole number in its range.</summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, does not parse, or is not a whole number in range.</exception>
    public long GetInt64(int member) => ReadInteger(member, long.MinValue, long.MaxValue, "long");

    /// <summary>The current row's value as a <see cref="short"/>: a whole number in its range.</summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, does not parse, or is not a whole number in range.</exception>
    public short GetInt16(int member) => (short)ReadInteger(member, short.MinValue, short.MaxValue, "short");

    /// <summary>The current row's value as a <see cref="byte"/>: a whole number from 0 to 255.</summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, does not parse, or is not a whole number in range.</exception>
    public byte GetByte(int member) => (byte)ReadInteger(member, byte.MinValue, byte.MaxValue, "byte");

    /// <summary>
    /// The current row's value as a <see cref="bool"/>: a boolean column, a number 0 or 1, or the text
    /// <c>true</c>, <c>false</c>, <c>1</c> or <c>0</c> (any case).
    /// </summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, or none of these.</exception>
    public bool GetBoolean(int member)
    {
        if (TryReadBoolean(member, out bool value, out string text))
        {
            return value;
        }

        throw DoesNotFit(member, text, "bool (true or false, 1 or 0)");
    }

    /// <summary>
    /// The current row's binary label as 0 or 1: a boolean, a number 0 or 1, or the text <c>true</c>,
    /// <c>false</c>, <c>1</c> or <c>0</c>.
    /// </summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, or not one of the two classes.</exception>
    public float GetBinaryLabel(int member)
    {
        if (TryReadBoolean(member, out bool value, out string text))
        {
            return value ? 1f : 0f;
        }

        throw Fail(member, $"{text} is not a class of a binary label (0 or 1, true or false)");
    }

    /// <summary>
    /// The current row's enum label as a class index: the text of a class's name (any case, also with
    /// <c>_ - .</c> and spaces ignored) or a number equal to a class's value.
    /// </summary>
    /// <exception cref="LogisticDataException">The value is NULL or empty, or names or equals no class.</exception>
    /// <exception cref="InvalidOperationException">The binding was made without classes.</exception>
    public int GetClassIndex(int member)
    {
        if (_classNames is null || _classValues is null)
        {
            throw new InvalidOperationException("This binding was made for a binary label; pass the classes to Bind to read an enum label.");
        }

        if (_sources[member] == Source.Text)
        {
            ReadOnlySpan<char> text = ReadText(member).Trim();
            return ClassIndexOfText(text) ?? throw NotAClass(member, Quote(text.ToString()));
        }

        double number = ReadNumber(member);
        if (number == Math.Floor(number) && Math.Abs(number) <= 9.2e18 && IndexOfValue((long)number) is int index)
        {
            return index;
        }

        throw NotAClass(member, Show(number));
    }

    /// <summary>
    /// Reads every remaining record into <paramref name="samples"/> when every column is text (a CSV file's)
    /// and every feature is a float member, with the parsing on a second thread: the reader's thread copies
    /// the text of block after block of records into a ring of eight blocks, up to eight blocks ahead of one
    /// worker that parses them in order and adds their samples in the reader's order. Values and errors are exactly those of <see cref="GetSingles"/> and
    /// <see cref="GetBinaryLabel"/> or <see cref="GetClassIndex"/> record by record: the first bad value,
    /// by row, throws, after the rows before it were added.
    /// </summary>
    /// <param name="samples">Where the samples go.</param>
    /// <returns>False, having read nothing, when a column is not text (read record by record then).</returns>
    /// <exception cref="LogisticDataException">A value is NULL or empty, does not parse, does not fit, or is not a class.</exception>
    public bool TryReadTextRows(ISampleWriter samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (Source source in _sources)
        {
            if (source != Source.Text)
            {
                return false;
            }
        }

        // This thread copies the text of block after block out of the reader into a ring of blocks; one
        // worker parses each, in order, and adds its samples. The ring lets either side run ahead of the
        // other by a few blocks, so neither waits on the other's slower blocks.
        var ring = new TextBlock[RingLength];
        for (int b = 0; b < ring.Length; b++)
        {
            ring[b] = new TextBlock(_ordinals.Length);
        }

        using var filled = new System.Threading.SemaphoreSlim(0);
        using var free = new System.Threading.SemaphoreSlim(RingLength);
        int produced = 0;
        bool stopped = false;
        TextBlock? failed = null;
        Exception? workerError = null;
        System.Threading.Tasks.Task worker = System.Threading.Tasks.Task.Factory.StartNew(
            () =>
            {
                try
                {
                    for (int b = 0; ; b++)
                    {
                        filled.Wait();
                        if (b >= System.Threading.Volatile.Read(ref produced))
                        {
                            return;
                        }

                        TextBlock block = ring[b % RingLength];
                        Parse(block);
                        Commit(block, samples);
                        if (block.ErrorRow >= 0)
                        {
                            failed = block;
                            return;
                        }

                        free.Release();
                    }
                }
                catch (Exception e)
                {
                    // Thrown by the samples' writer (a feature file's disk, say): rethrown on this thread.
                    workerError = e;
                }
                finally
                {
                    System.Threading.Volatile.Write(ref stopped, true);
                    free.Release();
                }
            },
            System.Threading.CancellationToken.None,
            System.Threading.Tasks.TaskCreationOptions.LongRunning,
            System.Threading.Tasks.TaskScheduler.Default);

        Exception? readerError = null;
        int next = 0;
        try
        {
            for (; ; next++)
            {
                free.Wait();
                if (System.Threading.Volatile.Read(ref stopped) || !Fill(ring[next % RingLength]))
                {
                    break;
                }

                System.Threading.Volatile.Write(ref produced, next + 1);
                filled.Release();
            }
        }
        catch (Exception e)
        {
            // The reader failed (a malformed record, a lost connection): the whole records before it, in the
            // blocks copied and the one being copied, are added first, and a bad value among them comes first,
            // as record by record.
            readerError = e;
            if (ring[next % RingLength].Rows > 0 && !System.Threading.Volatile.Read(ref stopped))
            {
                System.Threading.Volatile.Write(ref produced, next + 1);
                filled.Release();
            }
        }
        finally
        {
            // No more blocks: the worker ends once it has taken the ones before (or it has stopped).
            filled.Release();
            worker.Wait();
        }

        if (workerError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(workerError);
        }

        if (failed is not null)
        {
            Row = failed.FirstRow + failed.ErrorRow;
            throw Fail(failed.ErrorMember, failed.ErrorProblem!);
        }

        if (readerError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readerError);
        }

        return true;
    }

    /// <summary>Copies the text of up to a block of records; false when there was none.</summary>
    private bool Fill(TextBlock block)
    {
        DbDataReader reader = _reader;
        int[] ordinals = _ordinals;
        int members = ordinals.Length;
        int[] ends = block.Ends;
        char[] chars = block.Chars;
        int used = 0, at = 0, rows = 0;
        block.Reset(Row + 1);
        while (rows < TextBlock.Capacity && reader.Read())
        {
            Row++;
            if (chars.Length - used < members * CharBufferLength)
            {
                EnsureRoom(ref chars, used, members * CharBufferLength);
                block.Chars = chars;
            }

            if (_textOnlyAsStrings)
            {
                used = CopyRow(ref chars, ends, at, 0, used);
                block.Chars = chars;
                at += members;
                block.Rows = ++rows;
                continue;
            }

            int k = 0;
            try
            {
                // Each field's text follows the one before; its end is kept (~end for a NULL).
                for (; k < members; k++)
                {
                    long length = reader.GetChars(ordinals[k], 0, chars, used, CharBufferLength);
                    if (length is <= 0 or >= CharBufferLength)
                    {
                        // Empty (perhaps NULL) or long (read whole): the careful path, then room for the rest of the record.
                        used = CopyField(k, ref chars, ends, at, used);
                        EnsureRoom(ref chars, used, (members - k - 1) * CharBufferLength);
                        block.Chars = chars;
                        continue;
                    }

                    used += (int)length;
                    ends[at + k] = used;
                }
            }
            catch (Exception)
            {
                // A reader that throws on a NULL rather than giving no characters, or gives text only as strings:
                // the record's remaining fields one by one from the one that failed (a sequential reader cannot
                // go back), telling those from an error, which CopyText lets through.
                used = CopyRow(ref chars, ends, at, k, used);
                block.Chars = chars;
            }

            at += members;

            // Counted once whole: should the reader fail at the next record, the block holds the ones before it.
            block.Rows = ++rows;
        }

        return rows > 0;
    }

    /// <summary>Copies the current record's text from field <paramref name="first"/> on, field by field with <see cref="CopyText"/>, from <paramref name="used"/>; the new end.</summary>
    private int CopyRow(ref char[] chars, int[] ends, int at, int first, int used)
    {
        for (int k = first; k < _ordinals.Length; k++)
        {
            used = CopyField(k, ref chars, ends, at, used);
        }

        return used;
    }

    /// <summary>Copies field <paramref name="member"/>'s text with <see cref="CopyText"/> at <paramref name="used"/> and keeps its end (~end for a NULL); the new end.</summary>
    private int CopyField(int member, ref char[] chars, int[] ends, int at, int used)
    {
        int copied = CopyText(member, ref chars, used);
        used += Math.Max(copied, 0);
        ends[at + member] = copied < 0 ? ~used : used;
        return used;
    }

    /// <summary>Parses a block's text (on the worker): features, then the label; stops at the first problem.</summary>
    private void Parse(TextBlock block)
    {
        int members = _ordinals.Length, n = members - 1;
        int[] ends = block.Ends;
        float[] values = block.Values;
        ReadOnlySpan<char> chars = block.Chars;
        int start = 0, at = 0;
        for (int row = 0; row < block.Rows; row++)
        {
            for (int k = 0; k < members; k++, at++)
            {
                int end = ends[at];
                bool isNull = end < 0;
                end = isNull ? ~end : end;
                ReadOnlySpan<char> text = chars[start..end];
                start = end;
                string? problem;
                if (k < n)
                {
                    // The usual case first: a number that fits (an empty or blank value never parses).
                    if (!isNull && DecimalText.TryParse(text, out float value) && !float.IsInfinity(value))
                    {
                        values[(row * n) + k] = value;
                        continue;
                    }

                    problem = isNull ? NullProblem : text.IsWhiteSpace() ? EmptyProblem : ParseSingleText(text, k, out values[(row * n) + k]);
                }
                else if (isNull)
                {
                    problem = NullProblem;
                }
                else if (text.IsWhiteSpace())
                {
                    problem = EmptyProblem;
                }
                else if (_classNames is null)
                {
                    problem = TryParseBooleanText(text.Trim(), out bool positive) ? null : $"{Quote(text.Trim().ToString())} is not a class of a binary label (0 or 1, true or false)";
                    block.Labels[row] = positive ? 1f : 0f;
                }
                else
                {
                    int? index = ClassIndexOfText(text.Trim());
                    problem = index is null ? NotAClassProblem(Quote(text.Trim().ToString())) : null;
                    block.Labels[row] = index ?? 0;
                }

                if (problem is not null)
                {
                    block.ErrorRow = row;
                    block.ErrorMember = k;
                    block.ErrorProblem = problem;
                    return;
                }
            }
        }
    }

    /// <summary>Adds a parsed block's samples in order, up to its first bad row (which the reader's thread then reports).</summary>
    private void Commit(TextBlock block, ISampleWriter samples)
    {
        int n = _ordinals.Length - 1;
        int rows = block.ErrorRow >= 0 ? block.ErrorRow : block.Rows;
        if (samples is FeatureMatrixBuilder builder)
        {
            builder.AddRange(block.Values.AsSpan(0, rows * n), block.Labels.AsSpan(0, rows));
            return;
        }

        for (int row = 0; row < rows; row++)
        {
            block.Values.AsSpan(row * n, n).CopyTo(samples.Add(block.Labels[row]));
        }
    }

    /// <summary>The text of a block of records and what it parses to.</summary>
    private sealed class TextBlock
    {
        public const int Capacity = 1024;

        public TextBlock(int members)
        {
            Ends = new int[Capacity * members];
            Values = new float[Capacity * (members - 1)];
            Labels = new float[Capacity];
            Chars = new char[Capacity * members * 12];
        }

        /// <summary>
        /// Where each field's text ends in <see cref="Chars"/>, record by record (it starts where the one
        /// before ended); the complement (negative) for a NULL, which has no text.
        /// </summary>
        public int[] Ends { get; }

        public float[] Values { get; }

        public float[] Labels { get; }

        /// <summary>The block's text (a field, so that <see cref="Fill"/> can grow it).</summary>
        public char[] Chars;

        public int Rows { get; set; }

        public int FirstRow { get; private set; }

        public int ErrorRow { get; set; }

        public int ErrorMember { get; set; }

        public string? ErrorProblem { get; set; }

        public void Reset(int firstRow)
        {
            Rows = 0;
            FirstRow = firstRow;
            ErrorRow = -1;
            ErrorProblem = null;
        }
    }

    /// <summary>A float member's text: null and the value, or what is wrong with it (as the messages say it).</summary>
    private string? ParseSingleText(ReadOnlySpan<char> text, int member, out float value)
    {
        // Parsed as a float directly: through a double, a decimal halfway between two floats could round twice.
        if (!DecimalText.TryParse(text, out value))
        {
            return $"{Quote(text.ToString())} is not a number";
        }

        if (float.IsInfinity(value) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double wide) && double.IsFinite(wide))
        {
            return $"{Quote(text.ToString())} does not fit the member {_members[member]} (float)";
        }

        return null;
    }

    /// <summary>true, false, 1, 0 (any case), or 1.0 and 0.0.</summary>
    private static bool TryParseBooleanText(ReadOnlySpan<char> trimmed, out bool value)
    {
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.SequenceEqual("1"))
        {
            value = true;
            return true;
        }

        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) || trimmed.SequenceEqual("0"))
        {
            value = false;
            return true;
        }

        bool number = double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && parsed is 0d or 1d;
        value = number && parsed == 1d;
        return number;
    }

    /// <summary>The class a label's text names (by name, ignoring case and separators, or by value), or null.</summary>
    private int? ClassIndexOfText(ReadOnlySpan<char> trimmed)
    {
        for (int k = 0; k < _classNames!.Count; k++)
        {
            if (NormalizedEquals(trimmed, _classNames[k]))
            {
                return k;
            }
        }

        return long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? IndexOfValue(parsed) : null;
    }

    private int? IndexOfValue(long value)
    {
        for (int k = 0; k < _classValues!.Length; k++)
        {
            if (_classValues[k] == value)
            {
                return k;
            }
        }

        return null;
    }

    private LogisticDataException NotAClass(int member, string shown) => Fail(member, NotAClassProblem(shown));

    private string NotAClassProblem(string shown) =>
        $"{shown} is not a class of {_classTypeName ?? "the label"} ({string.Join(", ", _classNames!)})";

    private static string Describe(string[] members, int k) =>
        k == members.Length - 1 ? $"the label {members[k]}" : $"the feature {members[k]}";

    /// <summary>A name with case and the separators _ - . and space dropped.</summary>
    private static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static bool NormalizedEquals(ReadOnlySpan<char> text, string name)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < text.Length && text[i] is '_' or '-' or '.' or ' ')
            {
                i++;
            }

            while (j < name.Length && name[j] is '_' or '-' or '.' or ' ')
            {
                j++;
            }

            if (i == text.Length || j == name.Length)
            {
                return i == text.Length && j == name.Length;
            }

            if (char.ToLowerInvariant(text[i]) != char.ToLowerInvariant(name[j]))
            {
                return false;
            }

            i++;
            j++;
        }
    }

    private static Source? GetSource(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Single => Source.Single,
        TypeCode.Double => Source.Double,
        TypeCode.Decimal => Source.Decimal,
        TypeCode.Int64 => Source.Int64,
        TypeCode.Int32 => Source.Int32,
        TypeCode.Int16 => Source.Int16,
        TypeCode.Byte => Source.Byte,
        TypeCode.SByte => Source.SByte,
        TypeCode.UInt16 => Source.UInt16,
        TypeCode.UInt32 => Source.UInt32,
        TypeCode.UInt64 => Source.UInt64,
        TypeCode.Boolean => Source.Boolean,
        TypeCode.String => Source.Text,
        _ => null,
    };

    private void CheckNotNull(int member)
    {
        if (_reader.IsDBNull(_ordinals[member]))
        {
            throw Fail(member, NullProblem);
        }
    }

    /// <summary>The value as a double.</summary>
    private double ReadNumber(int member)
    {
        int ordinal = _ordinals[member];
        if (_sources[member] == Source.Text)
        {
            ReadOnlySpan<char> text = ReadText(member);
            if (DecimalText.TryParse(text, out double parsed))
            {
                return parsed;
            }

            throw Fail(member, $"{Quote(text.ToString())} is not a number");
        }

        CheckNotNull(member);
        return ReadTyped(ordinal, _sources[member]);
    }

    /// <summary>A typed column's value as a double.</summary>
    private double ReadTyped(int ordinal, Source source)
    {
        switch (source)
        {
            case Source.Single:
                return _reader.GetFloat(ordinal);
            case Source.Double:
                return _reader.GetDouble(ordinal);
            case Source.Decimal:
                return (double)_reader.GetDecimal(ordinal);
            case Source.Int64:
                return _reader.GetInt64(ordinal);
            case Source.Int32:
                return _reader.GetInt32(ordinal);
            case Source.Int16:
                return _reader.GetInt16(ordinal);
            case Source.Byte:
                return _reader.GetByte(ordinal);
            case Source.SByte:
                return _reader.GetFieldValue<sbyte>(ordinal);
            case Source.UInt16:
                return _reader.GetFieldValue<ushort>(ordinal);
            case Source.UInt32:
                return _reader.GetFieldValue<uint>(ordinal);
            case Source.UInt64:
                return _reader.GetFieldValue<ulong>(ordinal);
            default:
                return _reader.GetBoolean(ordinal) ? 1d : 0d;
        }
    }

    /// <summary>A whole number within [min, max], exactly (integer columns are not rounded through a double).</summary>
    private long ReadInteger(int member, long min, long max, string typeName)
    {
        int ordinal = _ordinals[member];
        long value;
        switch (_sources[member])
        {
            case Source.Int64:
                CheckNotNull(member);
                value = _reader.GetInt64(ordinal);
                break;
            case Source.Text:
                ReadOnlySpan<char> text = ReadText(member);
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
                {
                    break;
                }

                // "3.0" is the whole number 3; "3.5" and "abc" are not.
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
                {
                    throw Fail(member, $"{Quote(text.ToString())} is not a number");
                }

                value = ToWhole(member, parsed, Quote(text.ToString()), typeName);
                break;
            case Source.UInt64:
                CheckNotNull(member);
                ulong unsigned = _reader.GetFieldValue<ulong>(ordinal);
                if (unsigned > (ulong)max)
                {
                    throw DoesNotFit(member, unsigned.ToString(CultureInfo.InvariantCulture), typeName);
                }

                value = (long)unsigned;
                break;
            default:
                double number = ReadNumber(member);
                value = ToWhole(member, number, Show(number), typeName);
                break;
        }

        if (value < min || value > max)
        {
            throw DoesNotFit(member, value.ToString(CultureInfo.InvariantCulture), typeName);
        }

        return value;
    }

    private long ToWhole(int member, double value, string shown, string typeName) =>
        value == Math.Floor(value) && value >= -9.2e18 && value <= 9.2e18
            ? (long)value
            : throw DoesNotFit(member, shown, typeName);

    private bool TryReadBoolean(int member, out bool value, out string shown)
    {
        int ordinal = _ordinals[member];
        switch (_sources[member])
        {
            case Source.Boolean:
                CheckNotNull(member);
                value = _reader.GetBoolean(ordinal);
                shown = string.Empty;
                return true;
            case Source.Text:
                ReadOnlySpan<char> text = ReadText(member).Trim();
                shown = string.Empty; // Set only when the text is no boolean: no string per value.
                if (TryParseBooleanText(text, out value))
                {
                    return true;
                }

                shown = Quote(text.ToString());
                return false;
            default:
                double number = ReadNumber(member);
                value = number == 1d;
                shown = number is 0d or 1d ? string.Empty : Show(number);
                return number is 0d or 1d;
        }
    }

    /// <summary>A text column's value, copied into a reused buffer (no string per value); empty text is an error.</summary>
    private ReadOnlySpan<char> ReadText(int member)
    {
        int length = CopyText(member, ref _chars, 0);
        ReadOnlySpan<char> text = _chars.AsSpan(0, Math.Max(length, 0));
        if (text.IsWhiteSpace())
        {
            // Checked only here, so a value costs no IsDBNull call: a NULL reads as no characters (-1).
            CheckNotNull(member);
            throw Fail(member, EmptyProblem);
        }

        return text;
    }

    /// <summary>
    /// Copies a text value into <paramref name="buffer"/> at <paramref name="offset"/>, growing the buffer as
    /// needed: its length, or -1 for a NULL. The one read of text, for a record at a time and for blocks.
    /// </summary>
    private int CopyText(int member, ref char[] buffer, int offset)
    {
        int ordinal = _ordinals[member];
        bool refused = false;
        if (!_textOnlyAsStrings)
        {
            EnsureRoom(ref buffer, offset, CharBufferLength);
            long length;
            try
            {
                length = _reader.GetChars(ordinal, 0, buffer, offset, CharBufferLength);
            }
            catch (Exception) when (_reader.IsDBNull(ordinal))
            {
                return -1;
            }
            catch (Exception) when (IsTextColumn(ordinal))
            {
                // Perhaps a reader that gives a text column's characters only as a string (System.Data's
                // DataTableReader, whose GetChars reads char[] columns alone): if GetString works, strings from here on.
                refused = true;
                length = CharBufferLength;
            }

            if (length < CharBufferLength)
            {
                return length == 0 && _reader.IsDBNull(ordinal) ? -1 : (int)length;
            }
        }
        else if (_reader.IsDBNull(ordinal))
        {
            return -1;
        }

        // A long field (rare), or a reader without characters: read whole.
        string whole = _reader.GetString(ordinal);
        _textOnlyAsStrings |= refused;
        EnsureRoom(ref buffer, offset, whole.Length);
        whole.CopyTo(buffer.AsSpan(offset));
        return whole.Length;
    }

    private bool IsTextColumn(int ordinal) => _reader.GetFieldType(ordinal) == typeof(string);

    /// <summary>Grows <paramref name="buffer"/>, keeping its first <paramref name="used"/> characters, to room for <paramref name="length"/> more.</summary>
    private static void EnsureRoom(ref char[] buffer, int used, int length)
    {
        if (buffer.Length - used < length)
        {
            char[] larger = new char[Math.Max(buffer.Length * 2, used + length)];
            buffer.AsSpan(0, used).CopyTo(larger);
            buffer = larger;
        }
    }

    private LogisticDataException DoesNotFit(int member, string shown, string typeName) =>
        Fail(member, $"{shown} does not fit the member {_members[member]} ({typeName})");

    private LogisticDataException Fail(int member, string problem)
    {
        string column = _reader.GetName(_ordinals[member]);
        return new LogisticDataException(
            string.Create(CultureInfo.InvariantCulture, $"Row {Row} (the reader's row {Row + 1}), column '{column}': {problem}."),
            Row,
            column);
    }

    private static string Quote(string text) => $"'{text}'";

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
