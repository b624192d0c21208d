using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace LogRegGen.Generator.Helpers;

/// <summary>
/// A small indenting writer for emitted C#: four spaces per level, <c>\n</c> line endings,
/// and a UTF-8 <see cref="SourceText"/> at the end.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void WriteLine()
    {
        _builder.Append('\n');
    }

    public void WriteLine(string line)
    {
        if (line.Length != 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    /// <summary>Writes an opening brace and indents what follows.</summary>
    public void OpenBlock(string? header = null)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
    }

    /// <summary>Outdents and writes a closing brace (with an optional suffix such as <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("CloseBlock without a matching OpenBlock.");
        }

        _indent--;
        WriteLine("}" + suffix);
    }

    /// <summary>
    /// Writes <paramref name="header"/> and an opening brace, and returns a scope whose disposal closes
    /// the block (with <paramref name="suffix"/>), so the emitter's nesting mirrors the output's:
    /// <c>using (w.Block("for (...)")) { ... }</c>.
    /// </summary>
    public Scope Block(string header, string suffix = "")
    {
        OpenBlock(header);
        return new Scope(this, suffix);
    }

    /// <summary>
    /// Writes a multi-line template (a raw string literal in the emitter) at the current indentation:
    /// one line per line of <paramref name="text"/>, blank lines left empty (so a template that ends
    /// with an empty line leaves a blank line after it).
    /// </summary>
    /// <summary>Changes the indentation by <paramref name="levels"/> (for lines between two templates that leave a block open).</summary>
    public void Indent(int levels) => _indent += levels;

    public void WriteLines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            WriteLine(line);
        }
    }

    /// <summary>Writes an XML doc <c>summary</c> (one line per element of <paramref name="lines"/>).</summary>
    public void WriteSummary(params string[] lines)
    {
        WriteLine("/// <summary>");
        foreach (string line in lines)
        {
            WriteLine("/// " + line);
        }

        WriteLine("/// </summary>");
    }

    /// <summary>An open block; disposing it writes the closing brace.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _suffix;

        public Scope(SourceWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose() => _writer.CloseBlock(_suffix);
    }

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

    public override string ToString() => _builder.ToString();
}
