using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static LogRegGen.Analyzers.Tests.Verify;

namespace LogRegGen.Analyzers.Tests;

/// <summary>LRG001–LRG011 on [LogisticModel] declarations: each reported where it should be and nowhere else.</summary>
public sealed class DeclarationAnalyzerTests
{
    [Fact]
    public Task ValidRecordStruct_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public readonly record struct Loan(float Income, float Debt, int LatePayments, [Label] bool Defaulted);
        """);

    [Fact]
    public Task UnmarkedTypes_AreNotAnalyzed() => Analyzer<DeclarationAnalyzer>("""
        public record struct NotAModel(string Name);
        public class Generic<T> { public T? Value; }
        """);

    [Fact]
    public Task LRG001_NoLabel() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct {|#0:Reading|}(float A, float B, int C);
        """,
        Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Reading"));

    [Fact]
    public Task LRG001_NoLabel_WithCandidate_PointsAtIt() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct {|#0:Reading|}(float A, float B, bool {|#1:Y|});
        """,
        Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1));

    [Fact]
    public Task LRG002_TwoLabels() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct {|#0:Vote|}(float A, [Label] bool {|#1:B|}, [Label] bool {|#2:C|});
        """,
        Diagnostic("LRG002", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("Vote", 2, "B, C"));

    [Fact]
    public Task LRG003_StringLabel() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct Mail(float Length, [Label] string {|#0:Kind|});
        """,
        Diagnostic("LRG003", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Kind", "string"));

    [Fact]
    public Task LRG003_NullableLabelOnProperty() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public struct Mail
        {
            public float Length;
            [Label] public bool? {|#0:Spam|} { get; set; }
        }
        """,
        Diagnostic("LRG003", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Spam", "bool?"));

    [Fact]
    public Task LRG004_UnsupportedFeatures() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public struct Visit
        {
            public float Age;
            public string? {|#0:Name|};
            public DateTime {|#1:When|} { get; set; }
            public int? {|#2:Rooms|} { get; set; }
            public object? {|#3:Extra|};
            public decimal {|#4:Price|};
            [Label] public bool Returned;
        }
        """,
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Name", "string?"),
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("When", "DateTime"),
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("Rooms", "int?"),
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("Extra", "object?"),
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(4).WithArguments("Price", "decimal"));

    [Fact]
    public Task LRG004_IgnoredAndNonPublicMembers_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct House(float Area, [Ignore] string Address, [Label] bool Sold)
        {
            private readonly string _note = "";
            internal DateTime Listed { get; init; }
            public static string Currency => "EUR";
            public const string Unit = "m2";
            public string Describe() => _note;
        }
        """);

    [Fact]
    public Task LRG004_InheritedMember() => Analyzer<DeclarationAnalyzer>("""
        public class Base
        {
            public string? {|#0:Name|} { get; set; }
        }

        [LogisticModel]
        public sealed class {|#1:Derived|} : Base
        {
            public float A { get; set; }
            [Label] public bool Y { get; set; }
        }
        """,
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(0),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1));

    [Fact]
    public Task LRG005_NoFeatures() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct {|#0:OnlyLabel|}([Label] bool B, [Ignore] float Unused);
        """,
        Diagnostic("LRG005", DiagnosticSeverity.Error).WithLocation(0).WithArguments("OnlyLabel"));

    [Fact]
    public Task LRG006_GenericType() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public record struct {|#0:Generic|}<T>(float A, [Label] bool B);
        """,
        Diagnostic("LRG006", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Generic<T>"));

    [Fact]
    public Task LRG006_NestedInGenericType() => Analyzer<DeclarationAnalyzer>("""
        public class Container<T>
        {
            [LogisticModel]
            public record struct {|#0:Nested|}(float A, [Label] bool B);
        }
        """,
        Diagnostic("LRG006", DiagnosticSeverity.Error).WithLocation(0));

    private const string GeneratedMember = "it is the name of a member or nested type of the generated class";

    private const string LowercaseAscii = "it has only lower-case ASCII letters, and the compiler warns (CS8981) that such type names may become keywords";

    private const string ContextualKeyword = "it is a contextual keyword or a name C# gives a meaning to, which generated code cannot use as a class name";

    [Theory]
    [InlineData("Bad Name", "it is not a C# identifier")]
    [InlineData("class", "it is a C# keyword")]
    [InlineData("1Model", "it is not a C# identifier")]
    [InlineData("required", ContextualKeyword)]
    [InlineData("file", ContextualKeyword)]
    [InlineData("scoped", ContextualKeyword)]
    [InlineData("record", ContextualKeyword)]
    [InlineData("var", ContextualKeyword)]
    [InlineData("partial", ContextualKeyword)]
    [InlineData("extension", ContextualKeyword)]
    [InlineData("field", ContextualKeyword)]
    [InlineData("dynamic", ContextualKeyword)]
    [InlineData("Batch", GeneratedMember)]
    [InlineData("FeatureVector", GeneratedMember)]
    [InlineData("Gradients", GeneratedMember)]
    [InlineData("TrainingReport", GeneratedMember)]
    [InlineData("Weights", GeneratedMember)]
    [InlineData("spammodel", LowercaseAscii)]
    [InlineData("m", LowercaseAscii)]
    public Task LRG007_InvalidModelName(string name, string reason) => Analyzer<DeclarationAnalyzer>($$"""
        [LogisticModel(ModelName = {|#0:"{{name}}"|})]
        public record struct Email(float Length, [Label] bool Spam);
        """,
        Diagnostic("LRG007", DiagnosticSeverity.Error).WithLocation(0).WithArguments(name, reason));

    [Fact]
    public Task LRG007_EmptyModelName_UsesDefault_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel(ModelName = "")]
        public record struct Email(float Length, [Label] bool Spam);
        """);

    [Fact]
    public Task LRG008_ModelNameIsTheRowType() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel(ModelName = {|#0:"Email"|})]
        public record struct Email(float Length, [Label] bool Spam);
        """,
        Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Email", "the row type itself", "Email"));

    [Fact]
    public Task LRG008_ModelNameCollidesWithANamespace()
    {
        var test = new Test<DeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>
        {
            TestCode = Usings + """
                namespace Mail.EmailModel
                {
                    public static class Helpers { }
                }

                namespace Mail
                {
                    [LogisticModel]
                    public record struct {|#0:Email|}(float Length, [Label] bool Spam);
                }
                """,

            // As for a type: the generator emits no model, so the compiler reports nothing.
        };
        test.ExpectedDiagnostics.Add(
            Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("EmailModel", "the namespace 'Mail.EmailModel' declared in this namespace", "Email"));
        return test.RunAsync();
    }

    [Fact]
    public Task LRG008_ModelNameCollidesWithExistingType()
    {
        var test = new Test<DeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>
        {
            TestCode = Usings + """
                namespace Mail
                {
                    public struct EmailModel { }

                    [LogisticModel]
                    public record struct {|#0:Email|}(float Length, [Label] bool Spam);
                }
                """,

            // The generator emits no model (it once did, and the compiler reported CS0101 inside the
            // generated file), so LRG008 is the only diagnostic.
        };
        test.ExpectedDiagnostics.Add(
            Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("EmailModel", "the struct 'EmailModel' declared in this namespace", "Email"));
        return test.RunAsync();
    }

    [Fact]
    public Task LRG008_TwoModelsWithTheSameName() => Analyzer<DeclarationAnalyzer>("""
        namespace Clinic
        {
            public static class Lungs
            {
                [LogisticModel]
                public record struct {|#0:Scan|}(float A, [Label] bool B);
            }

            public static class Brain
            {
                [LogisticModel]
                public record struct {|#1:Scan|}(float A, [Label] bool B);
            }
        }
        """,
        Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("ScanModel", "the model of 'Brain.Scan'", "Lungs.Scan"),
        Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(1).WithArguments("ScanModel", "the model of 'Lungs.Scan'", "Brain.Scan"));

    [Fact]
    public Task LRG008_PartialClassExtendingTheModel_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        namespace Mail
        {
            [LogisticModel]
            public record struct Email(float Length, [Label] bool Spam);

            public sealed partial class EmailModel
            {
                public bool IsSpam(in Email email) => Predict(in email);
            }
        }
        """);

    [Fact]
    public Task LRG008_GenericTypeOfTheSameName_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        namespace Mail
        {
            [LogisticModel]
            public record struct Email(float Length, [Label] bool Spam);

            public static class EmailModel<T>
            {
            }
        }
        """);

    [Fact]
    public Task LRG009_PrivateNestedType() => Analyzer<DeclarationAnalyzer>("""
        public class Container
        {
            [LogisticModel]
            private record struct {|#0:Hidden|}(float A, [Label] bool B);
        }
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task LRG009_NestedInProtectedType() => Analyzer<DeclarationAnalyzer>("""
        public class Container
        {
            protected class Inner
            {
                [LogisticModel]
                public record struct {|#0:Hidden|}(float A, [Label] bool B);
            }
        }
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task LRG009_NestedInFileLocalType() => Analyzer<DeclarationAnalyzer>("""
        file static class Container
        {
            [LogisticModel]
            public record struct {|#0:Hidden|}(float A, [Label] bool B);
        }
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Container.Hidden", "it is nested in 'Container', which is file-local, so the generated model in another file cannot see it"));

    [Fact]
    public Task LRG009_RefStruct() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public ref struct {|#0:Window|}
        {
            public float A;
            [Label] public bool B;
        }
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0));

    [Fact]
    public Task LRG010_RecordClassAndClass() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public sealed record {|#0:Applicant|}(float Income, [Label] bool Approved);

        [LogisticModel]
        public sealed class {|#1:Customer|}
        {
            public float Spend { get; set; }
            [Label] public bool Churned { get; set; }
        }
        """,
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Applicant", "record class"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Customer", "class"));

    [Fact]
    public Task LRG011_MoreFeaturesThanUnrolled() => Analyzer<DeclarationAnalyzer>($$"""
        [LogisticModel]
        public struct {|#0:Wide|}
        {
            {{Fields(65)}}
            [Label] public bool Y;
        }
        """,
        Diagnostic("LRG011", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Wide", 65, 64));

    [Fact]
    public Task LRG011_AtTheLimit_NoDiagnostic() => Analyzer<DeclarationAnalyzer>($$"""
        [LogisticModel]
        public struct Wide
        {
            {{Fields(64)}}
            [Label] public bool Y;
        }
        """);

    private static string Fields(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = "F" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "public float " + string.Join(", ", names) + ";";
    }
}
