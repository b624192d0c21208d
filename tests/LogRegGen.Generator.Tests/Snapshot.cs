using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// A minimal snapshot assertion that follows the Verify conventions for source generators.
/// </summary>
/// <remarks>
/// <para>
/// The snapshot of <c>Class.Test</c> for the generated file <c>HintName.g.cs</c> lives in
/// <c>Snapshots/Class.Test#HintName.g.verified.cs</c>, next to the test source file (found through
/// <see cref="CallerFilePathAttribute"/>). As in Verify, the hint name's <c>.cs</c> extension is
/// dropped before <c>.verified.cs</c> is appended, and a theory can add a parameter suffix
/// (<c>Class.Test_suffix#...</c>). <c>Class</c> is the name of the test's source file.
/// </para>
/// <para>
/// When the text differs from the verified file, or there is no verified file yet, the text is
/// written to a <c>.received.cs</c> file beside it and the test fails with a short diff.
/// </para>
/// <para>
/// To accept the received text, run the tests with the environment variable
/// <c>LOGREGGEN_ACCEPT=1</c>: the verified file is then (over)written instead of failing, and any
/// stale <c>.received.cs</c> file is deleted. Review the diff of the verified files before committing.
/// </para>
/// Line endings are normalized to <c>\n</c> on both sides before comparing and writing.
/// </remarks>
internal static class Snapshot
{
    /// <summary>The environment variable that turns a mismatch into an update of the verified file.</summary>
    public const string AcceptVariable = "LOGREGGEN_ACCEPT";

    private const int MaxDiffLines = 60;

    public static void Verify(
        string text,
        string hintName,
        string? parameters = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string testName = "")
    {
        string directory = Path.Combine(ResolveSourceDirectory(sourceFile), "Snapshots");
        string className = Path.GetFileNameWithoutExtension(sourceFile);
        string test = parameters is null ? testName : testName + "_" + parameters;
        string hint = hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;
        string stem = Path.Combine(directory, $"{className}.{test}#{hint}");
        string verifiedPath = stem + ".verified.cs";
        string receivedPath = stem + ".received.cs";

        string received = NormalizeLineEndings(text);
        string? verified = File.Exists(verifiedPath) ? NormalizeLineEndings(File.ReadAllText(verifiedPath)) : null;

        if (verified == received)
        {
            DeleteIfExists(receivedPath);
            return;
        }

        if (IsAcceptEnabled())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            DeleteIfExists(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        string name = Path.GetFileName(verifiedPath);
        string message = verified is null
            ? $"No verified snapshot {name}; wrote {Path.GetFileName(receivedPath)}. Review it and rerun with {AcceptVariable}=1 to accept."
            : $"Snapshot {name} differs (received file written beside it; rerun with {AcceptVariable}=1 to accept):\n"
              + Diff(verified, received);
        throw new XunitException(message);
    }

    /// <summary>
    /// Verifies every file a test generated (a model's API file and its kernels file, say), each against
    /// its own snapshot, and fails once, naming every file that differs, after writing all the received files.
    /// </summary>
    public static void VerifyAll(
        IEnumerable<GeneratedSource> sources,
        string? parameters = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string testName = "")
    {
        var failures = new List<string>();
        int count = 0;
        foreach (GeneratedSource source in sources)
        {
            count++;
            try
            {
                Verify(source.Text, source.HintName, parameters, sourceFile, testName);
            }
            catch (XunitException e)
            {
                failures.Add(e.Message);
            }
        }

        if (count == 0)
        {
            throw new XunitException("No generated files to verify.");
        }

        if (failures.Count > 0)
        {
            throw new XunitException(string.Join("\n\n", failures));
        }
    }

    public static string NormalizeLineEndings(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static bool IsAcceptEnabled()
    {
        string? value = Environment.GetEnvironmentVariable(AcceptVariable);
        return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The directory of the calling test source. A deterministic CI build maps source paths
    /// (for example to <c>/_/tests/...</c>); then the mapped path is resolved against the ancestors of
    /// the test's output directory.
    /// </summary>
    private static string ResolveSourceDirectory(string sourceFile)
    {
        string? directory = Path.GetDirectoryName(sourceFile);
        if (directory is not null && Directory.Exists(directory))
        {
            return directory;
        }

        string normalized = sourceFile.Replace('\\', '/');
        int mapped = normalized.IndexOf("/_", StringComparison.Ordinal);
        if (mapped >= 0)
        {
            int slash = normalized.IndexOf('/', mapped + 1);
            string relative = slash >= 0 ? normalized[(slash + 1)..] : normalized;
            for (DirectoryInfo? root = new(AppContext.BaseDirectory); root is not null; root = root.Parent)
            {
                string candidate = Path.Combine(root.FullName, relative);
                if (File.Exists(candidate))
                {
                    return Path.GetDirectoryName(candidate)!;
                }
            }
        }

        throw new InvalidOperationException($"Cannot locate the directory of the test source '{sourceFile}'.");
    }

    /// <summary>A unified-style line diff (longest common subsequence), shortened to a few hunks.</summary>
    internal static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');

        // Trim the common prefix and suffix so that the quadratic table stays small.
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        int n = a.Length - prefix - suffix;
        int m = b.Length - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[prefix + i] == b[prefix + j]
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        // Edit script over the whole files: ' ' common, '-' only expected, '+' only actual.
        var lines = new List<(char Kind, string Text, int Line)>();
        for (int k = 0; k < prefix; k++)
        {
            lines.Add((' ', a[k], k + 1));
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                lines.Add((' ', a[prefix + x], prefix + x + 1));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', a[prefix + x], prefix + x + 1));
                x++;
            }
            else
            {
                lines.Add(('+', b[prefix + y], prefix + y + 1));
                y++;
            }
        }

        for (int k = a.Length - suffix; k < a.Length; k++)
        {
            lines.Add((' ', a[k], k + 1));
        }

        const int context = 2;
        var output = new StringBuilder().Append("--- verified\n+++ received\n");
        int written = 0;
        int lastPrinted = -1;
        for (int i = 0; i < lines.Count && written < MaxDiffLines; i++)
        {
            bool near = false;
            for (int k = Math.Max(0, i - context); k <= Math.Min(lines.Count - 1, i + context); k++)
            {
                if (lines[k].Kind != ' ')
                {
                    near = true;
                    break;
                }
            }

            if (!near)
            {
                continue;
            }

            if (i != lastPrinted + 1)
            {
                output.Append("@@ line ").Append(lines[i].Line).Append(" @@\n");
            }

            output.Append(lines[i].Kind).Append(lines[i].Text).Append('\n');
            lastPrinted = i;
            written++;
        }

        if (written >= MaxDiffLines)
        {
            output.Append("... (diff truncated)\n");
        }

        return output.ToString();
    }
}
