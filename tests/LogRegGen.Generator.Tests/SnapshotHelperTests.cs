using System;
using System.IO;
using Xunit;
using Xunit.Sdk;

namespace LogRegGen.Generator.Tests;

/// <summary>The snapshot helper itself: it must fail on a missing or different snapshot.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "logreggen-snapshot-" + Guid.NewGuid().ToString("N"));

    private string SourceFile => Path.Combine(_directory, "FakeTests.cs");

    private string Verified => Path.Combine(_directory, "Snapshots", "FakeTests.Case#A.B.g.verified.cs");

    private string Received => Path.Combine(_directory, "Snapshots", "FakeTests.Case#A.B.g.received.cs");

    public SnapshotHelperTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(SourceFile, "// stands in for a test source file");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void MissingSnapshotFailsAndWritesTheReceivedFile()
    {
        if (AcceptIsOn())
        {
            return;
        }

        XunitException ex = Assert.ThrowsAny<XunitException>(() => Verify("line 1\r\nline 2\n"));

        Assert.Contains("FakeTests.Case#A.B.g.verified.cs", ex.Message, StringComparison.Ordinal);
        Assert.Equal("line 1\nline 2\n", File.ReadAllText(Received));
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void MatchingSnapshotPassesWhateverTheLineEndings()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Verified, "line 1\r\nline 2\r\n");
        File.WriteAllText(Received, "stale");

        Verify("line 1\nline 2\n");

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void DifferentSnapshotFailsWithADiff()
    {
        if (AcceptIsOn())
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Verified)!);
        File.WriteAllText(Verified, "a\nb\nc\nd\ne\n");

        XunitException ex = Assert.ThrowsAny<XunitException>(() => Verify("a\nb\nX\nd\ne\n"));

        Assert.Contains("-c\n+X\n", Snapshot.NormalizeLineEndings(ex.Message), StringComparison.Ordinal);
        Assert.Equal("a\nb\nX\nd\ne\n", File.ReadAllText(Received));
        Assert.Equal("a\nb\nc\nd\ne\n", File.ReadAllText(Verified));
    }

    [Fact]
    public void DiffShowsOnlyTheChangedRegionWithContext()
    {
        string expected = string.Join("\n", Array.ConvertAll(new int[40], _ => "same")) + "\nold\n" + "tail\n";
        string actual = string.Join("\n", Array.ConvertAll(new int[40], _ => "same")) + "\nnew\n" + "tail\n";

        string diff = Snapshot.Diff(expected, actual);

        Assert.Equal("--- verified\n+++ received\n@@ line 39 @@\n same\n same\n-old\n+new\n tail\n \n", diff);
    }

    private void Verify(string text) => Snapshot.Verify(text, "A.B.g.cs", parameters: null, sourceFile: SourceFile, testName: "Case");

    private static bool AcceptIsOn() => Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) is "1" or "true" or "True";
}
