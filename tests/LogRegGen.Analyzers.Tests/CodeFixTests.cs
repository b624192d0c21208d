using System.Threading.Tasks;
using LogRegGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Xunit;
using static LogRegGen.Analyzers.Tests.Verify;

namespace LogRegGen.Analyzers.Tests;

/// <summary>
/// The code fixes for LRG001, LRG004 and LRG015: the fixed source, and no fix where the choice is not
/// obvious. On a member the attribute goes on its own line (the formatter's layout); on a parameter, inline.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task LRG001_MarksTheOnlyBoolParameterLabel() => CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
        """
        [LogisticModel]
        public record struct {|#0:Reading|}(float A, float B, bool {|#1:Spam|});
        """,
        """
        [LogisticModel]
        public record struct Reading(float A, float B, [Label] bool Spam);
        """,
        Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1).WithArguments("Reading"));

    [Fact]
    public Task LRG001_MarksThePropertyNamedTargetLabel() => CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
        """
        [LogisticModel]
        public struct {|#0:Customer|}
        {
            public float Spend { get; set; }
            public bool Active { get; set; }
            public int {|#1:Target|} { get; set; }
        }
        """,
        """
        [LogisticModel]
        public struct Customer
        {
            public float Spend { get; set; }
            public bool Active { get; set; }
            [Label]
            public int Target { get; set; }
        }
        """,
        Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1).WithArguments("Customer"));

    [Fact]
    public Task LRG001_NoFixWhenTheLabelIsAmbiguous()
    {
        const string Source = """
            [LogisticModel]
            public record struct {|#0:Reading|}(float A, bool B, bool C);
            """;
        return CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
            Source,
            Source,
            Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Reading"));
    }

    [Fact]
    public Task LRG004_MarksTheUnsupportedMembersIgnore() => CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
        """
        [LogisticModel]
        public struct Visit
        {
            public float Age;
            public string? {|#0:Name|};
            public System.DateTime {|#1:When|} { get; set; }
            [Label] public bool Returned;
        }
        """,
        """
        [LogisticModel]
        public struct Visit
        {
            public float Age;
            [Ignore]
            public string? Name;
            [Ignore]
            public System.DateTime When { get; set; }
            [Label] public bool Returned;
        }
        """,
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Name", "string?"),
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("When", "DateTime"));

    [Fact]
    public Task LRG004_NoFixOnAFieldDeclaredWithOthers()
    {
        // [Ignore] there would apply to both fields, so the fix is not offered.
        const string Source = """
            [LogisticModel]
            public struct Visit
            {
                public float Age;
                public string? {|#0:Name|}, {|#1:Nick|};
                [Label] public bool Returned;
            }
            """;
        return CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
            Source,
            Source,
            Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Name", "string?"),
            Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Nick", "string?"));
    }

    [Fact]
    public Task LRG004_OnAPositionalParameter_UnderAnAlias() => CodeFix<DeclarationAnalyzer, AddAttributeCodeFixProvider>(
        """
        namespace Shop
        {
            using L = LogRegGen;

            [L.LogisticModel]
            public record struct Order(float Total, string {|#0:Coupon|}, [L.Label] bool Returned);
        }
        """,
        """
        namespace Shop
        {
            using L = LogRegGen;

            [L.LogisticModel]
            public record struct Order(float Total, [Ignore] string Coupon, [L.Label] bool Returned);
        }
        """,
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Coupon", "string"));

    [Fact]
    public Task LRG015_SwitchesToTheLayoutCorrectMethod() => CodeFix<ShapeAnalyzer, UseLayoutOverloadCodeFixProvider>(
        """
        public static class Use
        {
            public static FeatureMatrix Samples() => FeatureMatrices.FromSamples({|#0:new float[3, 100]|}, new float[100]);

            public static FeatureMatrix Features() => FeatureMatrices.FromFeatures({|#1:new float[100, 3]|}, new float[100]);
        }
        """,
        """
        public static class Use
        {
            public static FeatureMatrix Samples() => FeatureMatrices.FromFeatures(new float[3, 100], new float[100]);

            public static FeatureMatrix Features() => FeatureMatrices.FromSamples(new float[100, 3], new float[100]);
        }
        """,
        iterations: 2, // one Fix All pass per target method: the two fixes have different equivalence keys
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(0).WithArguments("FeatureMatrices.FromSamples", "(m, n), one row per sample", 3, 100, 100, "FromFeatures"),
        Diagnostic("LRG015", DiagnosticSeverity.Error).WithLocation(1).WithArguments("FeatureMatrices.FromFeatures", "(n, m), one row per feature", 100, 3, 100, "FromSamples"));
}
