using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace LogRegGen.Package.Tests;

/// <summary>
/// End to end, as a user meets LogRegGen: pack the one package from a copy of the sources, create a
/// fresh console project that references it by version from a local feed (nothing else on the feed),
/// build it with warnings as errors, run it; and check that the packaged analyzers report a shape
/// mistake in that project.
/// </summary>
/// <remarks>
/// The sources are copied so that packing builds in its own folders and never touches the
/// assemblies the other test projects are running from. Packages restore into a private folder,
/// so a package of the same version cached from an earlier run cannot stand in for this one.
/// </remarks>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "logreggen-package-" + Guid.NewGuid().ToString("N"));

    public PackageTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_work);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not a test failure.
        }
    }

    [Fact]
    public void The_package_installs_builds_without_warnings_runs_and_analyzes()
    {
        string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string feed = Path.Combine(_work, "feed");
        string packages = Path.Combine(_work, "packages");
        string sources = Path.Combine(_work, "sources");
        CopySources(RepositoryRoot(), sources);

        Run("dotnet", $"pack src/Runtime/LogRegGen.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version}", sources);
        string nupkg = Path.Combine(feed, $"LogRegGen.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} was not created");
        using (ZipArchive archive = ZipFile.OpenRead(nupkg))
        {
            string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/net8.0/LogRegGen.Runtime.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/LogRegGen.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/LogRegGen.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/LogRegGen.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
        }

        string app = Path.Combine(_work, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LogRegGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using LogRegGen;

            var random = new Random(7);
            var rows = new Reading[400];
            for (int i = 0; i < rows.Length; i++)
            {
                float a = (float)random.NextDouble() * 4 - 2, b = (float)random.NextDouble() * 4 - 2;
                rows[i] = new Reading(a, b, a + b + (float)(random.NextDouble() - 0.5) > 0);
            }

            ReadingModel model = ReadingModel.Train(rows);
            ReadingModel loaded = ReadingModel.FromJson(model.ToJson());
            float p = loaded.PredictProbability(new Reading(1.5f, 1.5f, true));
            Console.WriteLine($"features={ReadingModel.FeatureCount} solver={model.TrainingReport!.Solver} p={p:F3}");
            return p > 0.9f ? 0 : 1;

            [LogisticModel]
            public readonly record struct Reading(float A, float B, [Label] bool Positive);
            """);

        string build = Run("dotnet", "build -c Release", app);
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
        string run = Run("dotnet", "run -c Release --no-build", app);
        Assert.Contains("features=2 solver=Newton", run, StringComparison.Ordinal);

        // The analyzers came with the package: a feature vector of the wrong length is a build error.
        File.WriteAllText(Path.Combine(app, "Mistake.cs"), """
            public static class Mistake
            {
                public static float Score(ReadingModel model) => model.PredictProbability(new float[3]);
            }
            """);
        (int exitCode, string output) = Execute("dotnet", "build -c Release", app);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("error LRG012", output, StringComparison.Ordinal);
    }

    private string Run(string file, string arguments, string directory)
    {
        (int exitCode, string output) = Execute(file, arguments, directory);
        Assert.True(exitCode == 0, $"'{file} {arguments}' exited with {exitCode}:\n{output}");
        return output;
    }

    private (int ExitCode, string Output) Execute(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The test host runs inside `dotnet test`; its MSBuild settings must not leak into the child builds.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {arguments}' did not finish within {CommandTimeout}.");
        }

        process.WaitForExit();
        string output;
        lock (lines)
        {
            output = string.Join('\n', lines);
        }

        _output.WriteLine($"$ {file} {arguments}  (exit {process.ExitCode})\n{output}\n");
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LogRegGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LogRegGen.sln was not found above the test output folder.");
    }

    /// <summary>The files packing needs: src/ (without build outputs) and the repository-wide settings.</summary>
    private static void CopySources(string root, string destination)
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "LICENSE" })
        {
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(root, file), Path.Combine(destination, file));
        }

        string src = Path.Combine(root, "src");
        foreach (string file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }

            string target = Path.Combine(destination, "src", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
