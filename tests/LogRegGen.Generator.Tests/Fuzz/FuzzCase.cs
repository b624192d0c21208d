using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LogRegGen.Generator.Tests.Fuzz;

/// <summary>
/// What a fuzz case contains, so that a failure report says what was in play and a kind of input
/// can be left out while its fix is pending (see <see cref="FuzzTests.PendingFixes"/>).
/// </summary>
internal enum FuzzCategory
{
    // Inputs whose fixes are under way on other branches (each left out while listed in FuzzTests.PendingFixes).

    /// <summary>[Obsolete] or [Experimental] on a row type, a container or a member.</summary>
    ObsoleteOrExperimental,

    /// <summary>A feature of a base type hidden in the derived row by a method or a static member.</summary>
    BaseFeatureHiddenByMethodOrStatic,

    /// <summary>A user <c>partial class XModel</c> that cannot merge with the generated one (static, abstract, other accessibility).</summary>
    UnmergeableUserPartialModel,

    /// <summary>A <c>ModelName</c> equal to a name the user's code imports or uses unqualified (System, Action, Label, ...).</summary>
    ModelNameOfImportedName,

    /// <summary>A type in namespace <c>LogRegGen</c> named like a type of the runtime (ShapeGuard, FeatureMatrix, ...).</summary>
    RuntimeTypeNameInLogRegGenNamespace,

    /// <summary>A type or namespace named <c>var</c>, <c>nint</c> or <c>nuint</c> (the generated code uses them as types).</summary>
    TypeNamedVarOrNint,

    /// <summary>
    /// A type in namespace <c>LogRegGen</c> named like a type of System or System.Runtime.* (Unsafe, Span,
    /// MemoryMarshal, ...): the kernels file imports both namespaces, so the name is ambiguous there.
    /// </summary>
    TypeInLogRegGenNamespaceNamedLikeAnImportedType,

    /// <summary>
    /// A type named <c>System</c> or <c>LogRegGen</c> in the global namespace: <c>global::System</c> then names
    /// the type, not the namespace (CS0437).
    /// </summary>
    TypeNamedSystemOrLogRegGenInTheGlobalNamespace,

    /// <summary>
    /// A type in namespace <c>LogRegGen.Generated</c>, where each model's kernels get a namespace
    /// <c>LogRegGen.Generated.{Namespace}_{Model}</c>: a model or type there of such a name clashes (CS0101).
    /// </summary>
    TypeInTheGeneratorsNamespace,

    // Everything else the fuzzer writes; these only label the cases in failure reports.

    /// <summary>A row nested in another type.</summary>
    NestedRow,

    /// <summary>A row nested in a generic type (LRG006 expected).</summary>
    GenericContainer,

    /// <summary>A generic row (LRG006 expected).</summary>
    GenericRow,

    /// <summary>A <c>file</c> type: the row or one of its containers.</summary>
    FileLocal,

    /// <summary>A row in two partial declarations.</summary>
    PartialRow,

    /// <summary>A row with a base type that has members.</summary>
    BaseType,

    /// <summary>A user declaration named like a model: a partial class that extends it, or a type that collides.</summary>
    UserTypeWithModelName,

    /// <summary>A <c>ModelName</c> argument.</summary>
    ModelName,

    /// <summary>A <c>ModelName</c> from the list of edge cases (keywords, generated member names, invalid strings, ...).</summary>
    EdgeModelName,

    /// <summary>A type or namespace name from the list of edge cases.</summary>
    EdgeTypeName,

    /// <summary>A member name from the list of edge cases.</summary>
    EdgeMemberName,

    /// <summary>A type in the global namespace.</summary>
    GlobalNamespace,

    /// <summary>A user-defined attribute class named <c>LabelAttribute</c> or <c>IgnoreAttribute</c>.</summary>
    UserAttributeNamedLikeOurs,

    /// <summary>A deliberate error in the user's code (the output need not compile then).</summary>
    BrokenUserCode,

    /// <summary>More features than the generator unrolls.</summary>
    ManyFeatures,

    /// <summary>A class or struct with a primary constructor.</summary>
    PrimaryConstructor,
}

/// <summary>One source file of a fuzz case.</summary>
internal sealed record FuzzFile(string Path, string Text);

/// <summary>
/// One compilation's worth of random declarations, reproducible from <see cref="Seed"/> and <see cref="Index"/>.
/// <see cref="Usage"/> is a file that calls the models and the runtime with arrays of random lengths; it is
/// compiled only for the analyzers (it exercises the shape analyzer), never counted as the user's code.
/// </summary>
internal sealed record FuzzCase(
    int Seed,
    int Index,
    LanguageVersion LanguageVersion,
    NullableContextOptions Nullable,
    ImmutableArray<FuzzFile> Files,
    FuzzFile Usage,
    ImmutableSortedSet<FuzzCategory> Categories)
{
    /// <summary>The command-line settings that rerun exactly this case.</summary>
    public string ReproduceWith =>
        $"{FuzzSettings.SeedVariable}={Seed} {FuzzSettings.FirstVariable}={Index} {FuzzSettings.CasesVariable}=1";

    /// <summary>Everything needed to read and rerun the case: settings, categories and every file.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("LangVersion ").Append(LanguageVersion.ToDisplayString())
            .Append(", nullable ").Append(Nullable)
            .Append(", categories: ").Append(Categories.Count == 0 ? "(none)" : string.Join(", ", Categories))
            .AppendLine();
        foreach (FuzzFile file in Files.Append(Usage))
        {
            text.Append("----- ").Append(file.Path).AppendLine(" -----");
            text.AppendLine(file.Text.TrimEnd());
        }

        return text.ToString();
    }
}

/// <summary>The fuzz run's settings, from environment variables (see README, "Fuzz test").</summary>
internal sealed record FuzzSettings(int Seed, int First, int Cases, bool IncludePending)
{
    public const string SeedVariable = "LOGREGGEN_FUZZ_SEED";
    public const string FirstVariable = "LOGREGGEN_FUZZ_FIRST";
    public const string CasesVariable = "LOGREGGEN_FUZZ_CASES";
    public const string PendingVariable = "LOGREGGEN_FUZZ_INCLUDE_PENDING";

    /// <summary>The CI run: this seed, this many cases.</summary>
    public const int DefaultSeed = 20261130;
    public const int DefaultCases = 300;

    public static FuzzSettings FromEnvironment() => new(
        Read(SeedVariable, DefaultSeed),
        Read(FirstVariable, 0),
        Read(CasesVariable, DefaultCases),
        System.Environment.GetEnvironmentVariable(PendingVariable) is "1" or "true");

    private static int Read(string variable, int fallback) =>
        int.TryParse(System.Environment.GetEnvironmentVariable(variable), out int value) ? value : fallback;

    /// <summary>The seed of case <paramref name="index"/>'s <see cref="System.Random"/>: a mix of both, the same on every machine.</summary>
    public static int CaseSeed(int seed, int index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) + (uint)index + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31)) & int.MaxValue;
    }

    public IEnumerable<int> Indices => Enumerable.Range(First, Cases);
}
