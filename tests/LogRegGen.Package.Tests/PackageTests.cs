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
public sealed class PackageTests : IClassFixture<PackedPackage>, IDisposable
{
    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "logreggen-app-" + Guid.NewGuid().ToString("N"));

    public PackageTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
        Directory.CreateDirectory(_work);
        _output.WriteLine(package.Log);
    }

    public void Dispose() => Commands.DeleteQuietly(_work);

    [Fact]
    public void The_package_installs_builds_without_warnings_runs_and_analyzes()
    {
        string version = _package.Version;
        string feed = _package.Feed;
        string packages = Path.Combine(_work, "packages");
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

            // A multiclass model from an enum label: three classes by the sign of a and of b.
            var points = rows.Select(r => new Point(r.A, r.B, r.A < 0 ? Region.West : r.B < 0 ? Region.SouthEast : Region.NorthEast)).ToArray();
            PointModel multi = PointModel.FromJson(PointModel.Train(points, new TrainingOptions { C = 100 }).ToJson());
            Region region = multi.Predict(new Point(1.5f, 1.5f, Region.West));
            double accuracy = multi.Evaluate(points).Accuracy;
            Console.WriteLine($"classes={PointModel.ClassCount} region={region} accuracy={accuracy:F2}");
            return p > 0.9f && region == Region.NorthEast && accuracy > 0.9 ? 0 : 1;

            [LogisticModel]
            public readonly record struct Reading(float A, float B, [Label] bool Positive);

            public enum Region { West, SouthEast, NorthEast }

            [LogisticModel]
            public readonly record struct Point(float A, float B, [Label] Region Region);
            """);

        string build = Run("dotnet", "build -c Release", app);
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
        string run = Run("dotnet", "run -c Release --no-build", app);
        Assert.Contains("features=2 solver=Newton", run, StringComparison.Ordinal);
        Assert.Contains("classes=3 region=NorthEast", run, StringComparison.Ordinal);

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

    [Fact]
    public void Packing_the_same_sources_twice_gives_the_same_bytes()
    {
        string again = _package.PackAgain(Path.Combine(_work, "feed-again"));
        string first = Path.Combine(_package.Feed, $"LogRegGen.{_package.Version}.nupkg");
        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(first)),
            System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(again)));
    }

    [NativeAotFact]
    public void A_NativeAot_build_has_no_warnings_and_predicts_what_the_jit_build_predicts()
    {
        // The feed of the package plus the usual sources: NativeAOT needs the ILCompiler package.
        string app = Path.Combine(_work, "aot");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{_package.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Aot.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <InvariantGlobalization>true</InvariantGlobalization>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <PublishAot>true</PublishAot>
                <!-- Each trim warning on its own (not one IL2104 per assembly), so that one ID can be named:
                     Sylvan.Data.Csv 1.4.4's GetFieldType override lacks the [DynamicallyAccessedMembers]
                     annotation of DbDataReader's (IL2093, an annotation mismatch, not a trimmed member). -->
                <TrimmerSingleWarn>false</TrimmerSingleWarn>
                <NoWarn>$(NoWarn);IL2093</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LogRegGen" Version="{_package.Version}" />
                <PackageReference Include="Sylvan.Data.Csv" Version="{Commands.PinnedVersion("Sylvan.Data.Csv")}" />
              </ItemGroup>
            </Project>
            """);
        var text = new System.Text.StringBuilder("a,b,c,above\n");
        var random = new Random(11);
        for (int i = 0; i < 300; i++)
        {
            float a = (float)random.NextDouble() * 6 - 3, b = (float)random.NextDouble() * 6 - 3, c = (float)random.NextDouble();
            bool above = 0.8f * a - b + c + (float)(random.NextDouble() - 0.5) > 0;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:R},{b:R},{c:R},{(above ? 1 : 0)}\n");
        }

        File.WriteAllText(Path.Combine(app, "points.csv"), text.ToString());
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using LogRegGen;
            using Sylvan.Data.Csv;

            // Read the CSV through the generated binder (no reflection), train, save, load (System.Text.Json
            // source generation), and print every probability.
            Point[] rows;
            using (CsvDataReader csv = CsvDataReader.Create(args[0]))
            {
                rows = PointModel.ReadRows(csv);
            }

            PointModel trained = PointModel.Train(rows, new TrainingOptions { C = 1 });
            PointModel model = PointModel.FromJson(trained.ToJson());
            var probabilities = new float[rows.Length];
            model.PredictProbabilities(rows, probabilities);
            Console.WriteLine(string.Join(' ', probabilities.Select(p => p.ToString("R", CultureInfo.InvariantCulture))));

            [LogisticModel]
            public readonly record struct Point(float A, float B, float C, [Label] bool Above);
            """);

        string published = Path.Combine(app, "published");
        string publish = Run("dotnet", $"publish -c Release -r linux-x64 -o \"{published}\"", app);
        Assert.DoesNotContain("warning", publish, StringComparison.OrdinalIgnoreCase);
        string native = Run(Path.Combine(published, "Aot"), "points.csv", app).Trim();
        string jit = Run("dotnet", "run -c Release -- points.csv", app).Trim();
        float[] nativeProbabilities = Parse(native);
        float[] jitProbabilities = Parse(jit);
        Assert.Equal(300, nativeProbabilities.Length);
        Assert.Equal(jitProbabilities.Length, nativeProbabilities.Length);

        // The same predictions; the probabilities may differ in the last bits, because the native
        // code targets a baseline instruction set (no AVX2/FMA unless asked for), which changes the
        // SIMD path and the rounding of fused multiply-adds, in training and in prediction.
        for (int i = 0; i < jitProbabilities.Length; i++)
        {
            Assert.Equal(jitProbabilities[i] >= 0.5f, nativeProbabilities[i] >= 0.5f);
            Assert.True(Math.Abs(jitProbabilities[i] - nativeProbabilities[i]) <= 1e-5f, $"row {i}: JIT {jitProbabilities[i]:R}, NativeAOT {nativeProbabilities[i]:R}");
        }
    }

    private static float[] Parse(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private string Run(string file, string arguments, string directory)
    {
        (int exitCode, string output) = Execute(file, arguments, directory);
        Assert.True(exitCode == 0, $"'{file} {arguments}' exited with {exitCode}:\n{output}");
        return output;
    }

    private (int ExitCode, string Output) Execute(string file, string arguments, string directory)
    {
        (int exitCode, string output) = Commands.Execute(file, arguments, directory);
        _output.WriteLine($"$ {file} {arguments}  (exit {exitCode})\n{output}\n");
        return (exitCode, output);
    }
}

/// <summary>Packs the LogRegGen package once, from a copy of the sources, into a local feed.</summary>
public sealed class PackedPackage : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "logreggen-package-" + Guid.NewGuid().ToString("N"));

    private readonly string _sources;

    public PackedPackage()
    {
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Feed = Path.Combine(_work, "feed");
        _sources = Path.Combine(_work, "sources");
        Commands.CopySources(Commands.RepositoryRoot(), _sources);
        Log = Pack(Feed);
    }

    /// <summary>Packs the same sources and version again (a rebuild) into another folder; returns the .nupkg path.</summary>
    public string PackAgain(string feed)
    {
        // A full rebuild: every assembly is compiled again, with new file times.
        foreach (string project in Directory.EnumerateDirectories(Path.Combine(_sources, "src")))
        {
            Commands.DeleteQuietly(Path.Combine(project, "bin"));
            Commands.DeleteQuietly(Path.Combine(project, "obj"));
        }

        Pack(feed);
        return Path.Combine(feed, $"LogRegGen.{Version}.nupkg");
    }

    private string Pack(string feed)
    {
        (int exitCode, string output) = Commands.Execute("dotnet", $"pack src/Runtime/LogRegGen.Runtime.csproj -c Release -o \"{feed}\" -p:Version={Version}", _sources);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + output);
        }

        return $"$ dotnet pack (exit {exitCode})\n{output}";
    }

    /// <summary>The version packed: unique per run, so no cached package can stand in for it.</summary>
    public string Version { get; }

    /// <summary>The local feed folder holding the .nupkg.</summary>
    public string Feed { get; }

    /// <summary>What packing printed.</summary>
    public string Log { get; }

    public void Dispose() => Commands.DeleteQuietly(_work);
}

/// <summary>
/// A fact that runs only where NativeAOT can link: a C compiler and linker (clang or gcc) on the
/// PATH; elsewhere it is reported as skipped, with the reason.
/// </summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "The NativeAOT check publishes for linux-x64 and runs only on Linux.";
        }
        else if (!Commands.OnPath("clang") && !Commands.OnPath("gcc"))
        {
            Skip = "NativeAOT prerequisites are missing: no clang or gcc on the PATH to link the native executable.";
        }
    }
}

/// <summary>Running dotnet and other commands for the end-to-end tests.</summary>
internal static class Commands
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    public static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not a test failure.
        }
    }

    public static (int ExitCode, string Output) Execute(string file, string arguments, string directory)
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

        return (process.ExitCode, output);
    }

    /// <summary>The version Directory.Packages.props pins for a package, so an app the tests write uses the same.</summary>
    public static string PinnedVersion(string package)
    {
        System.Xml.Linq.XDocument props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Packages.props"));
        return props.Descendants("PackageVersion").First(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
    }

    public static string RepositoryRoot()
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
    public static void CopySources(string root, string destination)
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
