using System.Collections.Generic;
using System.Text;

namespace LogRegGen.Generator.Tests.Fuzz;

/// <summary>Lines of C# with four-space indentation, for the fuzz cases.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Length != 0)
        {
            _text.Append(' ', 4 * _depth);
        }

        _text.Append(line).Append('\n');
    }

    public void Lines(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            Line(line);
        }
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
    }

    public void Close(string end = "}")
    {
        _depth--;
        Line(end);
    }

    public override string ToString() => _text.ToString();
}
