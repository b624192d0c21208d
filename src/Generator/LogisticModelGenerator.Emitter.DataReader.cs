using System.Collections.Generic;
using System.Linq;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;

namespace LogRegGen.Generator;

public sealed partial class LogisticModelGenerator
{
    /// <summary>
    /// The data binder of both kinds of model: the column names, <c>ReadRows</c> (a row per record of a
    /// <c>DbDataReader</c>) and <c>Batch.Read</c> (the feature-major batch straight from the reader). The
    /// runtime's <c>DataReaderBinding</c> matches the columns once and converts each value to the member's
    /// type; the code here only names the members, in runs of features of one type, so a model grows by
    /// a constant number of lines, not by a line per feature.
    /// </summary>
    internal static partial class Emitter
    {
        private const string DbDataReader = "global::System.Data.Common.DbDataReader";

        /// <summary><c>FeatureColumns</c> and <c>LabelColumn</c>, after <c>FeatureNames</c>.</summary>
        private static void WriteColumnNames(SourceWriter w, Context e)
        {
            ModelSpec spec = e.Spec;
            w.WriteSummary(
                "The column each feature is read from by <see cref=\"ReadRows\"/> and <see cref=\"Batch.Read\"/>, in the order of",
                "<see cref=\"FeatureNames\"/>: the member's name, or its <c>[ColumnName]</c>. Matched ignoring case and the characters _ - . and space.");
            w.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<string> FeatureColumns { get; } =");
            w.WriteLine($"    global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", spec.Features.Select(f => Literal(f.ColumnName)))} }});");
            w.WriteLine();
            w.WriteSummary("The column the label is read from: the label member's name, or its <c>[ColumnName]</c>.");
            w.WriteLine($"public const string LabelColumn = {Literal(spec.Label.ColumnName)};");
            w.WriteLine();
        }

        /// <summary>The call that matches a reader's columns to this model's members.</summary>
        private static string BindColumns(Context e)
        {
            ModelSpec spec = e.Spec;
            string call = $"{Runtime}DataReaderBinding.Bind(reader, FeatureColumns, LabelColumn, FeatureNames, LabelName";
            if (!spec.IsMultinomial)
            {
                return call + ")";
            }

            string values = string.Join(", ", spec.Classes.Select(static c => $"unchecked((long){c.Value})"));
            return call + $", ClassNames, new long[] {{ {values} }}, {Literal(spec.LabelTypeFullName!.Split('.').Last())})";
        }

        /// <summary><c>ReadRows</c>, when the row type can be created from its features and label.</summary>
        private static void WriteReadRows(SourceWriter w, Context e)
        {
            ModelSpec spec = e.Spec;
            if (spec.Factory == RowFactory.None)
            {
                return;
            }

            w.WriteSummary(
                $"Reads every record of <paramref name=\"reader\"/> into a <see cref=\"{e.Row}\"/>: each feature and the label from the",
                "column of its name (<see cref=\"FeatureColumns\"/>, <see cref=\"LabelColumn\"/>), converted to the member's type;",
                "text columns (a CSV file's) are parsed with the invariant culture. All rows or none: a bad value throws.");
            w.WriteLine("/// <param name=\"reader\">An open reader before its first record: a CSV reader, a database query's.</param>");
            w.WriteLine("/// <returns>The rows, in the reader's order (none if it has no records).</returns>");
            w.WriteLine($"/// <exception cref=\"{Runtime}LogisticDataException\">A member has no column or two; or a value is NULL, empty, not a number, does not fit its member or is not a class (the message names the row and the column).</exception>");
            w.OpenBlock($"public static {e.Row}[] ReadRows({DbDataReader} reader)");
            w.WriteLine($"{Runtime}DataReaderBinding columns = {BindColumns(e)};");
            w.WriteLine($"global::System.Collections.Generic.List<{e.Row}> rows = new global::System.Collections.Generic.List<{e.Row}>();");
            w.OpenBlock("while (columns.Read())");
            int count = spec.Features.Count + 1;
            if (spec.Factory == RowFactory.Constructor)
            {
                IEnumerable<string> arguments = spec.ConstructorOrder.AsSpan().ToArray().Select(k => ReadMember(e, k));
                WriteWrapped(w, $"rows.Add(new {e.Row}(", arguments, "));");
            }
            else
            {
                IEnumerable<string> assignments = Enumerable.Range(0, count).Select(k => $"{Escape(spec.Member(k).Name)} = {ReadMember(e, k)}");
                WriteWrapped(w, $"rows.Add(new {e.Row} {{ ", assignments, " });");
            }

            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("return rows.ToArray();");
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>
        /// <c>Batch.Read</c> (a reader straight into the feature-major batch), <c>Batch.Write</c> (a reader's
        /// records or rows to any <c>ISampleWriter</c>, such as a feature file for data larger than memory) and
        /// <c>Batch.Open</c> (a feature file, mapped).
        /// </summary>
        private static void WriteBatchRead(SourceWriter w, Context e)
        {
            ModelSpec spec = e.Spec;
            int n = spec.Features.Count;
            w.WriteLine();
            w.WriteSummary(
                "Reads every record of <paramref name=\"reader\"/> straight into a batch, in one pass, without rows:",
                "each feature and the label from the column of its name, converted as <see cref=\"ReadRows\"/> does.");
            w.WriteLine("/// <param name=\"reader\">An open reader before its first record.</param>");
            w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The reader has no records.</exception>");
            w.WriteLine($"/// <exception cref=\"{Runtime}LogisticDataException\">A member has no column or two; or a value is NULL, empty, not a number, does not fit its member or is not a class (the message names the row and the column).</exception>");
            w.OpenBlock($"public static Batch Read({DbDataReader} reader)");
            w.WriteLine($"{Runtime}FeatureMatrixBuilder samples = new {Runtime}FeatureMatrixBuilder(FeatureCount);");
            w.WriteLine("Write(reader, samples);");
            w.WriteLine($"{Runtime}ShapeGuard.NotEmpty(samples.Count, \"reader\");");
            w.WriteLine("return new Batch(samples.Build());");
            w.CloseBlock();
            w.WriteLine();

            w.WriteSummary(
                "Writes every record of <paramref name=\"reader\"/> to <paramref name=\"samples\"/>, as <see cref=\"Read\"/> reads it: for data",
                $"larger than memory, a <see cref=\"{Runtime}FeatureFileWriter\"/>, then <see cref=\"Open\"/>.");
            w.WriteLine($"/// <exception cref=\"{Runtime}LogisticDataException\">As <see cref=\"Read\"/>.</exception>");
            w.OpenBlock($"public static void Write({DbDataReader} reader, {Runtime}ISampleWriter samples)");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(samples);");
            w.WriteLine($"{Runtime}DataReaderBinding columns = {BindColumns(e)};");
            if (spec.Features.AsSpan().ToArray().All(static f => f.Kind == NumericKind.Single))
            {
                // Every feature a float: text columns (a CSV file's) are parsed on a second thread.
                w.OpenBlock("if (columns.TryReadTextRows(samples))");
                w.WriteLine("return;");
                w.CloseBlock();
                w.WriteLine();
            }

            w.OpenBlock("while (columns.Read())");
            w.WriteLine(spec.IsMultinomial
                ? $"{Span} x = samples.Add(columns.GetClassIndex({n}));"
                : $"{Span} x = samples.Add(columns.GetBinaryLabel({n}));");

            // One call or loop per run of features of one type (one call for the usual all-float row).
            int start = 0;
            while (start < n)
            {
                NumericKind kind = spec.Features[start].Kind;
                int end = start + 1;
                while (end < n && spec.Features[end].Kind == kind)
                {
                    end++;
                }

                string read = ReadAsFloat(kind, "j");
                if (kind == NumericKind.Single && end - start > 1)
                {
                    // A run of floats in one call: the runtime parses them without a call per value.
                    w.WriteLine(start == 0 && end == n ? "columns.GetSingles(0, x);" : $"columns.GetSingles({start}, x.Slice({start}, {end - start}));");
                }
                else if (end - start == 1)
                {
                    w.WriteLine($"x[{start}] = {ReadAsFloat(kind, start.ToString(System.Globalization.CultureInfo.InvariantCulture))};");
                }
                else
                {
                    w.OpenBlock($"for (int j = {start}; j < {end}; j++)");
                    w.WriteLine($"x[j] = {read};");
                    w.CloseBlock();
                }

                start = end;
            }

            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();

            w.WriteSummary("Writes every row to <paramref name=\"samples\"/>, its features as <c>GetFeatures</c> reads them.");
            w.WriteLine($"/// <exception cref=\"{Runtime}LogisticDataException\">A label is not {(spec.IsMultinomial ? "a member of the enum" : "0 or 1")}.</exception>");
            w.OpenBlock($"public static void Write(global::System.Collections.Generic.IEnumerable<{e.Row}> rows, {Runtime}ISampleWriter samples)");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(rows);");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(samples);");
            w.WriteLine("int i = 0;");
            w.OpenBlock($"foreach ({e.Row} row in rows)");
            w.WriteLine("GetFeatures(in row, samples.Add(LabelAt(in row, i++)));");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();

            w.WriteSummary(
                $"Maps a feature file written by <see cref=\"{Runtime}FeatureFileWriter\"/>: its X is read from the file's pages on every pass",
                "(the operating system keeps what fits in memory), never loaded whole; training gives the model an in-memory batch gives.");
            w.WriteLine("/// <exception cref=\"global::System.IO.InvalidDataException\">The file is not a feature file, is cut short, or has another feature count.</exception>");
            w.WriteLine($"public static Batch Open(string path) => new({Runtime}FeatureFile.Open(path, FeatureCount));");
        }

        /// <summary>Reads member <paramref name="k"/> (a feature, or the label at n) as the member's own type.</summary>
        private static string ReadMember(Context e, int k)
        {
            ModelSpec spec = e.Spec;
            MemberSpec member = spec.Member(k);
            if (k == spec.Features.Count)
            {
                if (spec.IsMultinomial)
                {
                    return $"ClassAt(columns.GetClassIndex({k}))";
                }

                string label = $"columns.GetBinaryLabel({k})";
                return member.Kind switch
                {
                    NumericKind.Boolean => $"{label} == 1f",
                    NumericKind.Single => label,
                    _ => $"({TypeKeyword(member.Kind)}){label}",
                };
            }

            return $"columns.{Getter(member.Kind)}({k})";
        }

        /// <summary>Reads a feature as the float the model sees, as <see cref="Context.Read"/> converts the member.</summary>
        private static string ReadAsFloat(NumericKind kind, string index) => kind switch
        {
            NumericKind.Single => $"columns.GetSingle({index})",
            NumericKind.Boolean => $"(columns.GetBoolean({index}) ? 1f : 0f)",
            _ => $"(float)columns.{Getter(kind)}({index})",
        };

        private static string Getter(NumericKind kind) => kind switch
        {
            NumericKind.Single => "GetSingle",
            NumericKind.Double => "GetDouble",
            NumericKind.Int32 => "GetInt32",
            NumericKind.Int64 => "GetInt64",
            NumericKind.Int16 => "GetInt16",
            NumericKind.Byte => "GetByte",
            _ => "GetBoolean",
        };

        private static string TypeKeyword(NumericKind kind) => kind switch
        {
            NumericKind.Double => "double",
            NumericKind.Int32 => "int",
            NumericKind.Int64 => "long",
            NumericKind.Int16 => "short",
            NumericKind.Byte => "byte",
            _ => "float",
        };

        /// <summary>A call with many arguments, eight to a line.</summary>
        private static void WriteWrapped(SourceWriter w, string open, IEnumerable<string> parts, string close)
        {
            string[] all = parts.ToArray();
            if (all.Length <= 8)
            {
                w.WriteLine(open + string.Join(", ", all) + close);
                return;
            }

            w.WriteLine(open);
            w.Indent(1);
            for (int i = 0; i < all.Length; i += 8)
            {
                bool last = i + 8 >= all.Length;
                w.WriteLine(string.Join(", ", all.Skip(i).Take(8)) + (last ? close : ","));
            }

            w.Indent(-1);
        }
    }
}
