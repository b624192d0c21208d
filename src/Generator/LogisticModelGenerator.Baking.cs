using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;
using LogRegGen.Generator.Shared;

namespace LogRegGen.Generator;

/// <summary>
/// A JSON additional file, read once however many models name it: the saved model's feature names,
/// weights and bias, or why it is not a saved model (<see cref="Problem"/>).
/// </summary>
internal sealed record WeightsFile(string FileName, string? Problem, EquatableArray<string> FeatureNames, EquatableArray<float> Weights, float Bias, EquatableArray<string> ClassNames = default, EquatableArray<float> Biases = default);

/// <summary>Weights read at build time from a model's <c>WeightsFile</c>.</summary>
internal sealed record BakedWeights(string FileName, EquatableArray<float> Weights, float Bias, EquatableArray<float> Biases = default);

/// <summary>A model to emit: its spec and, when its weights file was found and fits, the baked weights.</summary>
internal sealed record ModelToEmit(ModelSpec Spec, BakedWeights? Baked);

/// <summary>A <c>WeightsFile</c> to check: the type, the name given, the model's feature names, and where the argument is written.</summary>
internal sealed record WeightsFileRequest(string TypeName, string WeightsFile, EquatableArray<string> FeatureNames, LocationInfo? Location, EquatableArray<string> ClassNames = default);

public sealed partial class LogisticModelGenerator
{
    /// <summary>
    /// Bakes the model that a <c>[LogisticModel]</c> names in <c>WeightsFile</c> into the code: the JSON
    /// that the generated <c>Save</c> writes (<see cref="SavedModelFormat"/>), read once per file by
    /// <see cref="Read"/>, and matched against each model's feature names by <see cref="Bake"/>. Both
    /// pipeline branches use that one match: the code branch for the constants, the diagnostics branch
    /// for LRG019 (not found) and LRG020 (unreadable, or saved from other features).
    /// </summary>
    internal static class Baking
    {
        /// <summary>Reads one additional file as a saved model. Never throws; a problem is kept in the result.</summary>
        public static WeightsFile Read(string fileName, string content)
        {
            try
            {
                var root = new JsonReader(content).ReadDocument() as Dictionary<string, object?>
                    ?? throw new FormatException("the file is not a JSON object");
                if (Number(root, SavedModelFormat.FormatVersionKey) is not double version || version != SavedModelFormat.Version)
                {
                    throw new FormatException($"it is not format version {SavedModelFormat.Version} of a model saved by LogRegGen");
                }

                string[] names = Array(root, SavedModelFormat.FeatureNamesKey).Select(static v => v as string ?? throw new FormatException("a feature name is not a string")).ToArray();
                float[] weights = Array(root, SavedModelFormat.WeightsKey).Select(static v => v is double d ? (float)d : throw new FormatException("a weight is not a number")).ToArray();
                if (root.ContainsKey(SavedModelFormat.ClassNamesKey))
                {
                    // A multinomial model: K class names, K rows of n weights and K intercepts.
                    string[] classes = Array(root, SavedModelFormat.ClassNamesKey).Select(static v => v as string ?? throw new FormatException("a class name is not a string")).ToArray();
                    float[] biases = Array(root, SavedModelFormat.BiasesKey).Select(static v => v is double d ? (float)d : throw new FormatException("an intercept is not a number")).ToArray();
                    if (weights.Length != names.Length * classes.Length || biases.Length != classes.Length)
                    {
                        throw new FormatException($"it has {names.Length} feature names and {classes.Length} class names but {weights.Length} weights and {biases.Length} intercepts");
                    }

                    return new WeightsFile(fileName, null, Equatable(names), new EquatableArray<float>(weights.ToImmutableArray()), 0f, Equatable(classes), new EquatableArray<float>(biases.ToImmutableArray()));
                }

                float bias = (float)(Number(root, SavedModelFormat.BiasKey) ?? throw new FormatException("it has no bias"));
                if (names.Length != weights.Length)
                {
                    throw new FormatException($"it has {names.Length} feature names but {weights.Length} weights");
                }

                return new WeightsFile(fileName, null, Equatable(names), new EquatableArray<float>(weights.ToImmutableArray()), bias);
            }
            catch (FormatException e)
            {
                return new WeightsFile(fileName, e.Message, default, default, 0f);
            }
        }

        /// <summary>
        /// The weights for a model with <paramref name="featureNames"/> from the file it names, or null with
        /// the diagnostic (LRG019 when no additional file has that name, LRG020 when the file does not fit).
        /// </summary>
        /// <param name="classNames">The class names of a multinomial model; empty for a binary one.</param>
        public static BakedWeights? Bake(string weightsFile, EquatableArray<string> featureNames, EquatableArray<string> classNames, EquatableArray<WeightsFile> files, out string? problem)
        {
            string fileName = FileName(weightsFile);
            WeightsFile? file = files.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.Ordinal));
            if (file is null)
            {
                problem = null;
                return null;
            }

            problem = file.Problem ?? Mismatch(file, featureNames) ?? ClassMismatch(file, classNames);
            return problem is null ? new BakedWeights(fileName, file.Weights, file.Bias, file.Biases) : null;
        }

        /// <summary>The baked weights of a spec, or null when it names no weights file or the file does not fit.</summary>
        public static BakedWeights? Resolve(ModelSpec spec, EquatableArray<WeightsFile> files) =>
            spec.WeightsFile is { } name ? Bake(name, FeatureNames(spec), ClassNames(spec), files, out _) : null;

        /// <summary>The class names of a multinomial spec (the enum's members), empty for a binary one.</summary>
        public static EquatableArray<string> ClassNames(ModelSpec spec) =>
            new(spec.Classes.Select(static c => c.Name).ToImmutableArray());

        private static EquatableArray<string> Equatable(string[] values) => new(values.ToImmutableArray());

        /// <summary>Why a file's classes do not fit the model's (a binary file for a multinomial model, or the reverse), or null.</summary>
        private static string? ClassMismatch(WeightsFile file, EquatableArray<string> classNames)
        {
            if (file.ClassNames.Count == 0 && classNames.Count == 0)
            {
                return null;
            }

            if (file.ClassNames.Count == 0)
            {
                return $"it was saved from a binary model, but this model is multinomial with the classes ({string.Join(", ", classNames)})";
            }

            if (classNames.Count == 0)
            {
                return $"it was saved from a multinomial model with the classes ({string.Join(", ", file.ClassNames)}), but this model is binary";
            }

            if (!file.ClassNames.SequenceEqual(classNames, StringComparer.Ordinal))
            {
                return $"it was saved for the classes ({string.Join(", ", file.ClassNames)}) but the model has ({string.Join(", ", classNames)})";
            }

            return file.Biases.Any(static b => float.IsNaN(b) || float.IsInfinity(b)) ? "an intercept is not a finite float" : null;
        }

        /// <summary>The diagnostic for a request, or null when its file is found and fits.</summary>
        public static DiagnosticInfo? Check(WeightsFileRequest request, EquatableArray<WeightsFile> files)
        {
            if (Bake(request.WeightsFile, request.FeatureNames, request.ClassNames, files, out string? problem) is not null)
            {
                return null;
            }

            return problem is null
                ? new DiagnosticInfo(Descriptors.WeightsFileNotFound, request.Location, new EquatableArray<string>(ImmutableArray.Create(request.TypeName, request.WeightsFile)))
                : new DiagnosticInfo(Descriptors.WeightsFileMismatch, request.Location, new EquatableArray<string>(ImmutableArray.Create(request.TypeName, request.WeightsFile, problem)));
        }

        /// <summary>The check's input for a parsed model that names a weights file, else null.</summary>
        public static WeightsFileRequest? Request(ParsedModel? parsed) =>
            parsed?.Spec.WeightsFile is { } file
                ? new WeightsFileRequest(parsed.Spec.RowTypeName, file, FeatureNames(parsed.Spec), parsed.WeightsFileLocation, ClassNames(parsed.Spec))
                : null;

        public static EquatableArray<string> FeatureNames(ModelSpec spec) =>
            new(spec.Features.Select(static f => f.Name).ToImmutableArray());

        private static string? Mismatch(WeightsFile file, EquatableArray<string> featureNames)
        {
            if (!file.FeatureNames.SequenceEqual(featureNames, StringComparer.Ordinal))
            {
                return $"it was saved for the features ({string.Join(", ", file.FeatureNames)}) but the model has ({string.Join(", ", featureNames)})";
            }

            return file.Weights.Any(static w => float.IsNaN(w) || float.IsInfinity(w)) || float.IsNaN(file.Bias) || float.IsInfinity(file.Bias)
                ? "a weight or the bias is not a finite float"
                : null;
        }

        private static string FileName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        private static double? Number(Dictionary<string, object?> o, string key) => o.TryGetValue(key, out object? v) ? v as double? : null;

        private static List<object?> Array(Dictionary<string, object?> o, string key) =>
            o.TryGetValue(key, out object? v) && v is List<object?> list ? list : throw new FormatException($"it has no '{key}' array");
    }

    /// <summary>
    /// A small JSON reader (objects, arrays, strings, numbers, true, false, null) for the weights file:
    /// analyzers cannot bring System.Text.Json into every compiler host. It does not recurse: the open
    /// arrays and objects are on a stack of its own, at most <see cref="MaxDepth"/> deep (a saved model
    /// needs two), so a file of nested brackets is an invalid weights file (LRG020), never a stack
    /// overflow in the compiler.
    /// </summary>
    private sealed class JsonReader
    {
        /// <summary>The deepest nesting of arrays and objects read.</summary>
        public const int MaxDepth = 64;

        private readonly string _text;
        private int _position;

        public JsonReader(string text) => _text = text;

        public object? ReadDocument()
        {
            var open = new Stack<Container>();
            while (true)
            {
                // The start of a value: an array or object to open, or a whole scalar.
                SkipWhitespace();
                if (_position >= _text.Length)
                {
                    throw Error("the JSON ends too early");
                }

                object? value;
                char c = _text[_position];
                if (c is '[' or '{')
                {
                    if (open.Count >= MaxDepth)
                    {
                        throw Error($"arrays and objects are nested more than {MaxDepth} deep");
                    }

                    _position++;
                    SkipWhitespace();
                    var container = new Container(c == '{');
                    if (Peek() != container.Close)
                    {
                        if (container.Object is not null)
                        {
                            container.Key = ReadKey();
                        }

                        open.Push(container);
                        continue;
                    }

                    _position++;
                    value = container.Value;
                }
                else
                {
                    value = ReadScalar(c);
                }

                // A value is complete: add it to the innermost open container, and close every container
                // that ends after it, until one goes on with a ',' (or the document ends).
                while (true)
                {
                    if (open.Count == 0)
                    {
                        SkipWhitespace();
                        return _position == _text.Length ? value : throw Error("unexpected text after the JSON value");
                    }

                    Container top = open.Peek();
                    top.Add(value);
                    SkipWhitespace();
                    if (Peek() == ',')
                    {
                        _position++;
                        if (top.Object is not null)
                        {
                            top.Key = ReadKey();
                        }

                        break;
                    }

                    Expect(top.Close);
                    open.Pop();
                    value = top.Value;
                }
            }
        }

        private object? ReadScalar(char c) => c switch
        {
            '"' => ReadString(),
            't' => ReadLiteral("true", true),
            'f' => ReadLiteral("false", false),
            'n' => ReadLiteral("null", null),
            _ => ReadNumber(),
        };

        /// <summary>An object member's name and its ':'.</summary>
        private string ReadKey()
        {
            SkipWhitespace();
            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            return key;
        }

        /// <summary>An open array or object, and for an object the name of the member being read.</summary>
        private sealed class Container
        {
            public Container(bool isObject)
            {
                if (isObject)
                {
                    Object = new Dictionary<string, object?>(StringComparer.Ordinal);
                }
                else
                {
                    Array = new List<object?>();
                }
            }

            public Dictionary<string, object?>? Object { get; }

            public List<object?>? Array { get; }

            public string Key { get; set; } = string.Empty;

            public char Close => Object is null ? ']' : '}';

            public object Value => (object?)Object ?? Array!;

            public void Add(object? value)
            {
                if (Object is not null)
                {
                    Object[Key] = value;
                }
                else
                {
                    Array!.Add(value);
                }
            }
        }

        private string ReadString()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (_position < _text.Length)
            {
                char c = _text[_position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                char escaped = _position < _text.Length ? _text[_position++] : throw Error("the JSON ends inside a string");
                switch (escaped)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length)
                        {
                            throw Error("a \\u escape is cut short");
                        }

                        builder.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _position += 4;
                        break;
                    default:
                        throw Error($"unknown escape '\\{escaped}'");
                }
            }

            throw Error("the JSON ends inside a string");
        }

        private double ReadNumber()
        {
            int start = _position;
            while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            {
                _position++;
            }

            string token = _text.Substring(start, _position - start);
            // Some hosts parse "-0" as +0; keep the sign, which decides the logit's sign at z = 0.
            return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? (value == 0d && token[0] == '-' ? -0d : value)
                : throw Error(token.Length == 0 ? $"unexpected character '{_text[start]}'" : $"'{token}' is not a number");
        }

        private object? ReadLiteral(string literal, object? value)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw Error("unexpected text");
            }

            _position += literal.Length;
            return value;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            _position++;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void SkipWhitespace()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }

        private FormatException Error(string message) =>
            new(string.Format(CultureInfo.InvariantCulture, "the JSON is not valid at character {0}: {1}", _position, message));
    }
}
