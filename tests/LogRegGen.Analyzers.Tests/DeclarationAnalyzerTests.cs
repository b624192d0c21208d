using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static LogRegGen.Analyzers.Tests.Verify;

namespace LogRegGen.Analyzers.Tests;

/// <summary>LRG001–LRG010 on [LogisticModel] declarations: each reported where it should be and nowhere else.</summary>
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
    public Task LRG029_InternalMemberThatLooksLikeAFeature() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public partial struct Loan
        {
            public float Income;
            internal float {|#0:Debt|};
            internal int {|#1:Age|} { get; set; }
            [Label] public bool Defaulted;

            // Not reported: deliberately hidden, ignored, static, or not a feature type.
            private float _cache;
            [Ignore] internal float Scratch;
            internal static float Scale;
            internal string? Note;

            public float Cached => _cache;
        }
        """,
        Diagnostic("LRG029", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Debt", "internal", "Loan"),
        Diagnostic("LRG029", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Age", "internal", "Loan"));

    [Fact]
    public Task LRG029_ProtectedInternalMemberOfAClassRow() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public class {|#0:Reading|}
        {
            public float A { get; set; }
            protected internal float {|#1:B|} { get; set; }
            protected float C { get; set; }
            [Label] public bool Y { get; set; }
        }
        """,
        Diagnostic("LRG029", DiagnosticSeverity.Info).WithLocation(1).WithArguments("B", "protected internal", "Reading"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(0).WithArguments("Reading", "class"));

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
    public Task EnumLabel_MakesAMultinomialModel_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        public enum Species { Setosa, Versicolor, Virginica }

        [LogisticModel]
        public record struct Iris(float PetalLength, float PetalWidth, [Label] Species Species);

        public static class Use
        {
            public static Species Guess(IrisModel model, Iris row) => model.Predict(in row);
        }
        """);

    [Fact]
    public Task LRG003_NullableEnumLabel() => Analyzer<DeclarationAnalyzer>("""
        public enum Species { Setosa, Versicolor }

        [LogisticModel]
        public record struct Iris(float PetalLength, [Label] Species? {|#0:Species|});
        """,
        Diagnostic("LRG003", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Species", "Species?"));

    [Fact]
    public Task LRG024_FlagsEnumLabel() => Analyzer<DeclarationAnalyzer>("""
        [System.Flags]
        public enum Symptom { None = 0, Fever = 1, Cough = 2 }

        [LogisticModel]
        public record struct Visit(float Age, [Label] Symptom {|#0:Symptom|});
        """,
        Diagnostic("LRG024", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Symptom", "Symptom"));

    [Fact]
    public Task LRG025_EnumLabelWithAliases() => Analyzer<DeclarationAnalyzer>("""
        public enum Size { Small, Medium, Large, Default = Medium }

        [LogisticModel]
        public record struct Parcel(float Weight, [Label] Size {|#0:Size|});
        """,
        Diagnostic("LRG025", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Size", "Size", "'Medium' and 'Default' are both 1"));

    [Theory]
    [InlineData("public enum Verdict { Guilty }", 1)]
    [InlineData("public enum Verdict { }", 0)]
    public Task LRG026_EnumLabelWithFewerThanTwoMembers(string declaration, int count) => Analyzer<DeclarationAnalyzer>($$"""
        {{declaration}}

        [LogisticModel]
        public record struct Case(float Evidence, [Label] Verdict {|#0:Verdict|});
        """,
        Diagnostic("LRG026", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Verdict", "Verdict", count));

    [Fact]
    public Task LRG022_ObsoleteEnumLabel() => Analyzer<DeclarationAnalyzer>("""
        [System.Obsolete("Use Grade.")]
        public enum Mark { Low, High }

        #pragma warning disable CS0618 // the user's own use of the obsolete enum
        [LogisticModel]
        public record struct Exam(float Hours, [Label] Mark {|#0:Mark|});
        """,
        Diagnostic("LRG022", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Mark", "its enum 'Mark' is marked obsolete or experimental"));

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
        // Reported on the row type, with the inherited member as an additional location.
        Diagnostic("LRG004", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0),
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

            // As for a type: the generator emits no model, so LRG008 is the only error.
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

            // The generator emits no model (once it did, and the compiler reported CS0101 inside the
            // generated file), so LRG008 is the only error.
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
    public Task LRG008_NotForTheNameOfATypeThatGetsNoModel() => Analyzer<DeclarationAnalyzer>("""
        namespace Clinic
        {
            [LogisticModel]
            public record struct Scan(float A, [Label] bool B);

            public static class Brain
            {
                // No label: no model, so ScanModel is the top-level Scan's alone (the generator emits it).
                [LogisticModel]
                public record struct {|#0:Scan|}(float A);
            }
        }
        """,
        Diagnostic("LRG001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Brain.Scan"));

    [Theory]
    [InlineData("public static partial class EmailModel { }", "it is static")]
    [InlineData("public abstract partial class EmailModel { }", "it is abstract")]
    [InlineData("internal partial class EmailModel { }", "it is internal")]
    [InlineData("public class Sender { public Sender(int id) { } } public partial class EmailModel : Sender { public EmailModel(int id) : base(id) { } }", "its base class 'Sender' has no parameterless constructor the generated constructors can call")]
    [InlineData("public partial class EmailModel { public float Bias => 0f; }", "it declares a member 'Bias', which the generated class declares too")]
    [InlineData("public partial class EmailModel { public class Batch { } }", "it declares a member 'Batch', which the generated class declares too")]
    [InlineData("public partial class EmailModel { public void Weights() { } }", "it declares a method 'Weights', a name the generated class gives to another member")]
    [InlineData("public partial class EmailModel { public EmailModel() { } }", "it declares a constructor with the parameters (), which the generated class declares too")]
    [InlineData("public partial class EmailModel { public bool Predict(in Email row) => false; }", "it declares a method 'Predict' with the parameters (in Email row), which the generated class declares too")]
    [InlineData("public partial class EmailModel { public void Predict(System.ReadOnlySpan<Email> rows, System.Span<bool> into) { } }", "it declares a method 'Predict' with the parameters (ReadOnlySpan<Email> rows, Span<bool> into), which the generated class declares too")]
    [InlineData("public partial class EmailModel { public static EmailModel Train(System.ReadOnlySpan<Email> rows, LogRegGen.TrainingOptions? options) => new(); }", "it declares a method 'Train' with the parameters (ReadOnlySpan<Email> rows, TrainingOptions? options), which the generated class declares too")]
    [InlineData("public partial class EmailModel { public void Save(string file) { } }", "it declares a method 'Save' with the parameters (string file), which the generated class declares too")]
    [InlineData("public partial class EmailModel { public required float Threshold { get; set; } }", "it declares the required member 'Threshold', which the generated constructors do not set (CS9035)")]
    [InlineData("public partial class EmailModel { protected bool Value { get; set; } }", "it declares the protected member 'Value', which the generated sealed class warns about (CS0628)")]
    [InlineData("public partial class EmailModel { public virtual float Score() => 0f; }", "it declares the virtual member 'Score', which the generated sealed class cannot have (CS0549)")]
    [InlineData("public class Sender { public required string Name; } public partial class EmailModel : Sender { }", "its base class 'Sender' declares the required member 'Name', which the generated constructors do not set (CS9035)")]
    public Task LRG008_PartialClassThatCannotMerge(string declaration, string reason) => Analyzer<DeclarationAnalyzer>($$"""
        namespace Mail
        {
            [LogisticModel]
            public record struct {|#0:Email|}(float Length, [Label] bool Spam);

            {{declaration}}
        }
        """,
        Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "EmailModel",
            "the partial class 'EmailModel' declared in this namespace, which cannot merge with the generated public sealed partial class because " + reason,
            "Email"));

    [Fact]
    public Task LRG008_PartialRecordOfTheModelsName() => Analyzer<DeclarationAnalyzer>("""
        namespace Mail
        {
            [LogisticModel]
            public record struct {|#0:Email|}(float Length, [Label] bool Spam);

            public partial record EmailModel(int Id);
        }
        """,
        Diagnostic("LRG008", DiagnosticSeverity.Error).WithLocation(0).WithArguments("EmailModel", "the record 'EmailModel' declared in this namespace", "Email"));

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
    public Task LRG008_PartialClassWithOverloadsOfGeneratedMethods_NoDiagnostic() => Analyzer<DeclarationAnalyzer>("""
        namespace Mail
        {
            [LogisticModel]
            public record struct Email(float Length, [Label] bool Spam);

            public sealed partial class EmailModel
            {
                public EmailModel(float bias) => Bias = bias;
                public bool Predict(Email row) => Predict(in row);
                public void Predict(Email[] rows, System.Span<bool> predictions) => Predict(rows.AsSpan(), predictions);
                public void Save(string path, bool overwrite) { }
                public string ToJson(bool indented) => ToJson();
                public static EmailModel Train(System.Collections.Generic.List<Email> rows) => Train(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
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
    public Task ManyFeatures_NoDiagnostic() => Analyzer<DeclarationAnalyzer>($$"""
        [LogisticModel]
        public struct Wide
        {
            {{Fields(200)}}
            [Label] public bool Y;
        }
        """);

    [Fact]
    public Task LRG009_ObsoleteRowType() => Analyzer<DeclarationAnalyzer>("""
        [Obsolete("Use Reading2.", true)]
        [LogisticModel]
        public record struct {|#0:Reading|}(float A, [Label] bool Y);
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Reading",
            "it is marked [Obsolete] as an error, and the generated model, which names it in every member, would not compile without warnings or errors"));

    [Fact]
    public Task LRG009_RowNestedInExperimentalType() => Analyzer<DeclarationAnalyzer>("""
        [System.Diagnostics.CodeAnalysis.Experimental("LAB001")]
        public static class Lab
        {
            [LogisticModel]
            public record struct {|#0:Reading|}(float A, [Label] bool Y);
        }
        """,
        Diagnostic("LRG009", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Lab.Reading",
            "it is nested in 'Lab', which is marked [Experimental(\"LAB001\")], and the generated model, which names it in every member, would not compile without warnings or errors"));

    [Fact]
    public Task LRG021_ObsoleteAndExperimentalFeatures() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public struct Reading
        {
            [Obsolete] public float {|#0:A|};
            [System.Diagnostics.CodeAnalysis.Experimental("NEW001")] public float {|#1:B|};
            [Obsolete, Ignore] public float C;
            public float D;
            [Label] public bool Y;
        }
        """,
        Diagnostic("LRG021", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("A", "it is marked [Obsolete]"),
        Diagnostic("LRG021", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("B", "it is marked [Experimental(\"NEW001\")]"));

    [Fact]
    public Task LRG021_BaseFeatureHiddenByAMethod() => Analyzer<DeclarationAnalyzer>("""
        public record Base(float {|#0:A|}, float B, [property: Label] bool Y);

        [LogisticModel]
        public sealed record {|#1:Row|}(float C, float B, bool Y) : Base(C, B, Y)
        {
            public new float A() => 0f;
        }
        """,
        Diagnostic("LRG021", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0).WithArguments("A", "a method, 'Row.A', hides it"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Row", "record class"));

    [Fact]
    public Task LRG022_LabelHiddenByAStaticMember() => Analyzer<DeclarationAnalyzer>("""
        public record Base(float A, [property: Label] bool {|#0:Y|});

        [LogisticModel]
        public sealed record {|#1:Row|}(float A, bool Z) : Base(A, Z)
        {
            public static new bool Y => true;
        }
        """,
        Diagnostic("LRG022", DiagnosticSeverity.Error).WithLocation(1).WithLocation(0).WithArguments("Y", "a static member, 'Row.Y', hides it"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Row", "record class"));

    [Fact]
    public Task LRG022_BaseModelsLabelHiddenInADerivedModel_OnTheDerivedType() => Analyzer<DeclarationAnalyzer>("""
        // Fuzz seed 2, case 3432: the base is a model of its own (and gets one); the derived row's
        // problem was reported on the base's label, where it read as the base's.
        [LogisticModel]
        public record {|#2:Parent|}
        {
            public float A { get; init; }
            [Label] public float {|#0:Y|} { get; init; }
        }

        [LogisticModel]
        public sealed record {|#1:Scan|} : Parent
        {
            public double Density { get; init; }
            public new float Y() => 1f;
        }
        """,
        Diagnostic("LRG022", DiagnosticSeverity.Error).WithLocation(1).WithLocation(0).WithArguments("Y", "a method, 'Scan.Y', hides it"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(2).WithArguments("Parent", "record class"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Scan", "record class"));

    [Fact]
    public Task LRG023_ATypeWhereAModelsKernelsGo() => Analyzer<DeclarationAnalyzer>("""
        // Fuzz seed 2, case 7955: the kernels of the global namespace's model Model go in namespace
        // LogRegGen.Generated.Model, which a type of that name takes (CS0101 in the generated file).
        namespace LogRegGen.Generated
        {
            internal struct Model { }
        }

        [LogisticModel(ModelName = {|#0:"Model"|})]
        public record struct Reading(float A, [Label] bool Y);
        """,
        Diagnostic("LRG023", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Reading",
            "its model 'Model'",
            "the generator puts the model's kernels in namespace 'LogRegGen.Generated.Model', and a type 'LogRegGen.Generated.Model' is declared"));

    [Fact]
    public Task LRG022_ObsoleteLabel() => Analyzer<DeclarationAnalyzer>("""
        [LogisticModel]
        public class {|#1:Reading|}
        {
            public float A;
            [Obsolete("Use Z.")] [Label] public bool {|#0:Y|};
        }
        """,
        Diagnostic("LRG022", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Y", "it is marked [Obsolete]"),
        Diagnostic("LRG010", DiagnosticSeverity.Info).WithLocation(1).WithArguments("Reading", "class"));

    [Fact]
    public Task LRG023_ModelNameHidesARuntimeType() => Analyzer<DeclarationAnalyzer>("""
        namespace LogRegGen
        {
            [LogisticModel(ModelName = {|#0:"ShapeGuard"|})]
            public record struct Email(float Length, [Label] bool Spam);
        }
        """,
        Diagnostic("LRG023", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "Email",
            "its model 'ShapeGuard'",
            "in namespace 'LogRegGen' it hides the runtime's type 'LogRegGen.ShapeGuard', which the generated code uses"));

    [Fact]
    public Task LRG023_NotForATypeInTheRuntimeNamespaceNamedLikeASystemType() => Analyzer<DeclarationAnalyzer>("""
        namespace LogRegGen
        {
            public static class Unsafe { }
        }

        namespace Mail
        {
            [LogisticModel]
            public record struct Email(float Length, [Label] bool Spam);
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
