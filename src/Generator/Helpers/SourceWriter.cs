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

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

    public override string ToString() => _builder.ToString();
}
