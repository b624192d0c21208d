using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using LogRegGen.Generator.Helpers;
using LogRegGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LogRegGen.Generator;

/// <summary>An <c>AdditionalFiles</c> JSON file: its file name and text.</summary>
internal sealed record WeightsFileText(string FileName, string Content);

/// <summary>Weights read at build time from a model's <c>WeightsFile</c>.</summary>
internal sealed record BakedWeights(string FileName, EquatableArray<float> Weights, float Bias);

/// <summary>A model to emit: its spec and, when its weights file was found and fits, the baked weights.</summary>
internal sealed record ModelToEmit(ModelSpec Spec, BakedWeights? Baked);

/// <summary>Where a diagnostic goes, as plain values (no <see cref="Location"/> in the pipeline).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node)
    {
        if (node is null)
        {
            return null;
        }

        Location location = node.GetLocation();
        return location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}

/// <summary>A <c>WeightsFile</c> to check: the name given, the model's feature names, and where the argument is written.</summary>
internal sealed record WeightsFileRequest(string TypeName, string WeightsFile, EquatableArray<string> FeatureNames, LocationInfo? Location);

/// <summary>A diagnostic as plain values.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);

public sealed partial class LogisticModelGenerator
{
    /// <summary>
    /// Reads the <c>WeightsFile</c> a <c>[LogisticModel]</c> names from the additional files: the
    /// JSON that the generated <c>Save</c> writes (format version 1), checked against the model's
    /// feature names. Problems become LRG019 (not found) and LRG020 (unreadable or other features),
    /// reported on a branch of their own; the code branch then emits no <c>Pretrained</c> class.
    /// </summary>
    internal static class Baking
    {
        public const string NotFoundId = "LRG019";
        public const string MismatchId = "LRG020";

        public static readonly DiagnosticDescriptor NotFound = new(
            NotFoundId,
            "Weights file not found",
            "'{0}' names the weights file \"{1}\", but no AdditionalFiles item has that file name; add <AdditionalFiles Include=\"{1}\" /> to the project",
            "LogRegGen.Declaration",
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator bakes the weights of a saved model into the code at build time. It reads the file only when the project passes it to the compiler as an AdditionalFiles item.",
            helpLinkUri: "https://github.com/logreggen/logreggen/blob/main/docs/diagnostics/LRG019.md");

        public static readonly DiagnosticDescriptor Mismatch = new(
            MismatchId,
            "Weights file does not fit the model",
            "The weights file \"{1}\" cannot be baked into '{0}': {2}",
            "LogRegGen.Declaration",
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A baked weights file must be a model saved by the generated Save method of a model with the same features, in the same order, so that each weight multiplies the feature it was trained for.",
            helpLinkUri: "https://github.com/logreggen/logreggen/blob/main/docs/diagnostics/LRG020.md");

        /// <summary>The weights for <paramref name="spec"/>, or null when it names no file or the file does not fit.</summary>
        public static BakedWeights? Resolve(ModelSpec spec, EquatableArray<WeightsFileText> files)
        {
            if (spec.WeightsFile is not { } name)
            {
                return null;
            }

            string[] featureNames = spec.Features.Select(static f => f.Name).ToArray();
            return Read(name, featureNames, files, out _, out BakedWeights? baked) ? baked : null;
        }

        /// <summary>The diagnostic for a request, or null when its file is found and fits.</summary>
        public static DiagnosticInfo? Check(WeightsFileRequest request, EquatableArray<WeightsFileText> files)
        {
            if (Read(request.WeightsFile, request.FeatureNames.ToArray(), files, out string? problem, out _))
            {
                return null;
            }

            return problem is null
                ? new DiagnosticInfo(NotFoundId, request.Location, new EquatableArray<string>(ImmutableArray.Create(request.TypeName, request.WeightsFile)))
                : new DiagnosticInfo(MismatchId, request.Location, new EquatableArray<string>(ImmutableArray.Create(request.TypeName, request.WeightsFile, problem)));
        }

        /// <summary>The check's input for a <c>[LogisticModel]</c> type with a <c>WeightsFile</c>, else null.</summary>
        public static WeightsFileRequest? Request(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            ModelSpec? spec = Parser.Parse(context, cancellationToken);
            if (spec?.WeightsFile is not { } file)
            {
                return null;
            }

            SyntaxNode? argument = null;
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                {
                    argument = syntax.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == "WeightsFile") ?? (SyntaxNode)syntax;
                }
            }

            return new WeightsFileRequest(
                spec.RowTypeName,
                file,
                new EquatableArray<string>(spec.Features.Select(static f => f.Name).ToImmutableArray()),
                LocationInfo.From(argument));
        }

        private static bool Read(string name, string[] featureNames, EquatableArray<WeightsFileText> files, out string? problem, out BakedWeights? baked)
        {
            baked = null;
            problem = null;
            string fileName = FileName(name);
            WeightsFileText? file = files.FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.Ordinal));
            if (file is null)
            {
                return false;
            }

            try
            {
                var root = new JsonReader(file.Content).ReadDocument() as Dictionary<string, object?>
                    ?? throw new FormatException("the file is not a JSON object");
                if (Number(root, "formatVersion") is not 1d)
                {
                    throw new FormatException("it is not format version 1 of a model saved by LogRegGen");
                }

                string[] names = Array(root, "featureNames").Select(static v => v as string ?? throw new FormatException("a feature name is not a string")).ToArray();
                float[] weights = Array(root, "weights").Select(static v => v is double d ? (float)d : throw new FormatException("a weight is not a number")).ToArray();
                float bias = (float)(Number(root, "bias") ?? throw new FormatException("it has no bias"));
                if (names.Length != weights.Length)
                {
                    throw new FormatException($"it has {names.Length} feature names but {weights.Length} weights");
                }

                if (!names.SequenceEqual(featureNames, StringComparer.Ordinal))
                {
                    throw new FormatException($"it was saved for the features ({string.Join(", ", names)}) but the model has ({string.Join(", ", featureNames)})");
                }

                if (weights.Any(static w => float.IsNaN(w) || float.IsInfinity(w)) || float.IsNaN(bias) || float.IsInfinity(bias))
                {
                    throw new FormatException("a weight or the bias is not a finite float");
                }

                baked = new BakedWeights(fileName, new EquatableArray<float>(weights.ToImmutableArray()), bias);
                return true;
            }
            catch (FormatException e)
            {
                problem = e.Message;
                return false;
            }
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
    /// analyzers cannot bring System.Text.Json into every compiler host.
    /// </summary>
    private sealed class JsonReader
    {
        private readonly string _text;
        private int _position;

        public JsonReader(string text) => _text = text;

        public object? ReadDocument()
        {
            object? value = ReadValue();
            SkipWhitespace();
            return _position == _text.Length ? value : throw Error("unexpected text after the JSON value");
        }

        private object? ReadValue()
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                throw Error("the JSON ends too early");
            }

            char c = _text[_position];
            switch (c)
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    return ReadString();
                case 't':
                    return ReadLiteral("true", true);
                case 'f':
                    return ReadLiteral("false", false);
                case 'n':
                    return ReadLiteral("null", null);
                default:
                    return ReadNumber();
            }
        }

        private Dictionary<string, object?> ReadObject()
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                string key = ReadString();
                SkipWhitespace();
                Expect(':');
                result[key] = ReadValue();
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect('}');
                return result;
            }
        }

        private List<object?> ReadArray()
        {
            var result = new List<object?>();
            _position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return result;
            }

            while (true)
            {
                result.Add(ReadValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    continue;
                }

                Expect(']');
                return result;
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
