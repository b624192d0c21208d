using LogRegGen.Generator.Shared;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace LogRegGen.Generator.Tests;

/// <summary>
/// What already has the model's name, or a name the generated code needs: the generator emits no
/// model where the result could not compile (the declaration analyzer reports why), and the rest of
/// the project still builds.
/// </summary>
public sealed class ModelNameTests
{
    [Theory]
    [InlineData("public static partial class EmailModel { }")]
    [InlineData("public abstract partial class EmailModel { }")]
    [InlineData("internal partial class EmailModel { }")]
    [InlineData("public partial record EmailModel { }")]
    [InlineData("public partial struct EmailModel { }")]
    [InlineData("public partial record struct EmailModel { }")]
    [InlineData("public partial interface EmailModel { }")]
    [InlineData("public class Sender { public Sender(int id) { } } public partial class EmailModel : Sender { public EmailModel(int id) : base(id) { } }")]
    [InlineData("public struct EmailModel { }")]
    [InlineData("public partial class EmailModel { public float Bias => 0f; }")]
    [InlineData("public partial class EmailModel { public int FeatureVector => 0; }")]
    [InlineData("public partial class EmailModel { public EmailModel() { } }")]
    [InlineData("public partial class EmailModel { public bool Predict(in Email row) => false; }")]
    [InlineData("public partial class EmailModel { public string ToJson() => \"\"; }")]
    [InlineData("public partial class EmailModel { public required float Threshold { get; set; } }")]
    [InlineData("public partial class EmailModel { protected bool Value { get; set; } }")]
    [InlineData("public partial class EmailModel { public virtual float Score() => 0f; }")]
    [InlineData("public class Sender { public required string Name; } public partial class EmailModel : Sender { }")]
    public void PartialOrOtherTypeThatCannotMergeWithTheModelGetsNoModel(string declaration) =>
        // Static, abstract, another accessibility, a record, struct or interface, or a base class the
        // generated constructors cannot call: the compiler once reported CS0441, CS0418, CS0262, CS0261
        // or CS7036 in the generated file, and a member the generated class declares too CS0102 or
        // CS0111; the declaration analyzer reports LRG008 instead.
        GeneratorHarness.RunExpectingOnlyTheGoodModel($$"""
            namespace Sample
            {
                [LogisticModel]
                public record struct Email(float Length, [Label] bool Spam);

                {{declaration}}
            }
            """);

    [Theory]
    [InlineData("public partial class EmailModel { public bool IsSpam(in Email email) => Predict(in email); }")]
    [InlineData("public sealed partial class EmailModel { }")]
    [InlineData("partial class EmailModel { }")]
    [InlineData("public class Sender { } public partial class EmailModel : Sender { }")]
    [InlineData("public partial class EmailModel : System.IComparable<EmailModel> { public int CompareTo(EmailModel? other) => 0; }")]
    [InlineData("public static partial class EmailModel<T> { }")]
    [InlineData("public partial class EmailModel { public EmailModel(float bias) => Bias = bias; public bool Predict(Email row) => Predict(in row); public string ToJson(bool indented) => ToJson(); }")]
    public void PartialClassThatMergesExtendsTheModel(string declaration)
    {
        string source = $$"""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Email(float Length, [Label] bool Spam);

            {{declaration}}
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.CreateCompilation(source));

        Assert.Single(outcome.ModelSources);
        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName("Sample.EmailModel"));
    }

    [Theory]
    [InlineData("[LogisticModel(ModelName = \"System\")] public record struct Email(float Length, [Label] bool Spam);")]
    [InlineData("[LogisticModel(ModelName = \"LogRegGen\")] public record struct Email(float Length, [Label] bool Spam);")]
    [InlineData("namespace LogRegGen { [LogisticModel(ModelName = \"ShapeGuard\")] public record struct Email(float Length, [Label] bool Spam); }")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct Saved(float Length, [Label] bool Spam); }")]
    [InlineData("namespace Sample { [LogisticModel(ModelName = \"System\")] public record struct Email(float Length, [Label] bool Spam); }")]
    [InlineData("namespace LogRegGen.Tools { [LogisticModel(ModelName = \"ShapeGuard\")] public record struct Email(float Length, [Label] bool Spam); }")]
    [InlineData("namespace Sample { using System; [LogisticModel(ModelName = \"Action\")] public record struct Email(float Length, [Label] bool Spam); }")]
    [InlineData("namespace Sample { [LogisticModel(ModelName = \"LabelAttribute\")] public record struct Email(float Length, [Label] bool Spam); }")]
    [InlineData("namespace LogRegGen.Generated { internal struct Model { } } [LogisticModel(ModelName = \"Model\")] public record struct Email(float Length, [Label] bool Spam);")]
    public void ModelNameThatTakesANameTheGeneratedCodeUsesGetsNoModel(string declaration) =>
        // A model class System in the global namespace captured global::System (CS0437), LogRegGen
        // clashed with the namespace (CS0101), LogRegGen.ShapeGuard (or SavedModel, the default name of
        // Saved) hid the runtime's type (CS0436); a model named like a top-level namespace (Sample.System)
        // or like a type the usings import (Action, LabelAttribute, ShapeGuard with using LogRegGen)
        // would change what the user's own code beside it means (CS0426, CS0616); the declaration
        // analyzer reports LRG023.
        GeneratorHarness.RunExpectingOnlyTheGoodModel(declaration);

    [Theory]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct ShapeGuard(float A, [Label] bool Y); }")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct LogisticMath(float A, [Label] bool Y); }")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct TrainingOptions(float A, [Label] bool Y); }")]
    [InlineData("namespace LogRegGen { public static class ShapeGuard { } }")]
    [InlineData("public sealed class System { }")]
    [InlineData("namespace LogRegGen { public static class Generated { } }")]
    public void TypeThatTakesANameTheGeneratedCodeUsesGetsNoModelAnywhere(string declaration)
    {
        // Such a type breaks the generated code of every model (CS0436, CS0104, CS0437): none is
        // generated, the project still compiles, and every [LogisticModel] type gets LRG023.
        GeneratorOutcome outcome = GeneratorHarness.Run(GeneratorHarness.WithGoodModel(declaration));

        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("namespace Sample { [LogisticModel(ModelName = \"Action\")] public record struct Email(float Length, [Label] bool Spam); }", "Sample.Action")]
    [InlineData("[LogisticModel(ModelName = \"Action\")] public record struct Email(float Length, [Label] bool Spam);", "Action")]
    [InlineData("[LogisticModel(ModelName = \"Math\")] public record struct Email(float Length, [Label] bool Spam);", "Math")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct Email(float Length, [Label] bool Spam); }", "LogRegGen.EmailModel")]
    [InlineData("namespace LogRegGen { [LogisticModel(ModelName = \"Vector128\")] public record struct Email(float Length, [Label] bool Spam); }", "LogRegGen.Vector128")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct Math(float A, [Label] bool Y); }", "LogRegGen.MathModel")]
    [InlineData("namespace LogRegGen { [LogisticModel] public record struct Unsafe(float A, [Label] bool Y); public static class Vector256 { } }", "LogRegGen.UnsafeModel")]
    public void NamesThatCaptureNothingTheGeneratedCodeUsesAreModelled(string declaration, string model)
    {
        // global:: keeps System in a namespace, Action and Math anywhere, and any name outside the
        // global and LogRegGen namespaces from capturing what the generated code names.
        string source = $$"""
            using LogRegGen;

            {{declaration}}
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.NotNull(outcome.OutputCompilation.GetTypeByMetadataName(model));
    }

    [Fact]
    public void KernelsImportTheRuntimesTypesByAliasOnly()
    {
        // ModelRules.GetCapturedName reports a type in namespace LogRegGen only when it hides a runtime
        // type; that holds because the kernels file takes the runtime's types by alias. If it imported
        // the namespace, a type LogRegGen.Math would make Math ambiguous there, unreported.
        GeneratorOutcome outcome = GeneratorHarness.Run("""
            using LogRegGen;

            namespace Sample;

            [LogisticModel]
            public record struct Row(float A, [Label] bool Y);
            """);

        string kernels = outcome.Sources.Single(s => GeneratorHarness.IsKernelsFile(s.HintName)).Text;
        Assert.DoesNotMatch(@"using global::LogRegGen;", kernels);
        Assert.Empty(Regex.Matches(kernels, @"using static global::LogRegGen\.(?!KernelSupport;)"));
        Assert.All(
            Regex.Matches(kernels, @"using (\w+) = global::LogRegGen\.(\w+);").Select(m => (m.Groups[1].Value, m.Groups[2].Value)),
            alias => Assert.Equal(alias.Item1, alias.Item2));
    }

    [Theory]
    [InlineData(4, false, "record struct")]
    [InlineData(30, false, "record struct")]
    [InlineData(4, true, "record struct")]
    [InlineData(30, true, "record struct")]
    [InlineData(4, true, "record class")]
    public void TheTablesOfGeneratedMembersMatchTheGeneratedModel(int featureCount, bool multinomial, string rowKind)
    {
        // ModelRules' member names (LRG007) and method tables (LRG008 for a user's partial member that
        // duplicates a generated one) must describe exactly what the emitter writes, for unrolled
        // binary models, wide ones (which add ReadFeatures) and multinomial ones.
        string features = string.Join(", ", Enumerable.Range(0, featureCount).Select(i => $"float F{i}"));
        GeneratorOutcome outcome = GeneratorHarness.Run($$"""
            using LogRegGen;

            namespace Sample;

            public enum Kind { A, B, C }

            [LogisticModel]
            public {{rowKind}} Row({{features}}, [Label] {{(multinomial ? "Kind" : "bool")}} Y);
            """);

        Microsoft.CodeAnalysis.INamedTypeSymbol row = outcome.OutputCompilation.GetTypeByMetadataName("Sample.Row")!;
        Microsoft.CodeAnalysis.INamedTypeSymbol model = outcome.OutputCompilation.GetTypeByMetadataName("Sample.RowModel")!;
        Microsoft.CodeAnalysis.ITypeSymbol? label = multinomial ? outcome.OutputCompilation.GetTypeByMetadataName("Sample.Kind") : null;
        var names = multinomial ? ModelRules.MultinomialMemberNames : ModelRules.BinaryMemberNames;

        // A struct of floats is read in place by the multinomial batch predictions: its model has no
        // ReadColumn, which the tables keep for rows of other layouts.
        bool readInPlace = multinomial && rowKind == "record struct";
        var table = multinomial ? ModelRules.MultinomialMethods : ModelRules.BinaryMethods;
        var members = model.GetMembers().Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName || m is Microsoft.CodeAnalysis.IMethodSymbol { MethodKind: Microsoft.CodeAnalysis.MethodKind.Constructor }).ToList();
        Assert.All(members.Where(m => m.CanBeReferencedByName), m => Assert.Contains(m.Name, names));
        Assert.Equal(
            names.Where(n => n != "Pretrained" && (n != "ReadColumn" || !readInPlace) && (multinomial || featureCount > 16 || n != "ReadFeatures")).OrderBy(n => n, System.StringComparer.Ordinal),
            members.Where(m => m.CanBeReferencedByName).Select(m => m.Name).Distinct().OrderBy(n => n, System.StringComparer.Ordinal));

        var methods = members.OfType<Microsoft.CodeAnalysis.IMethodSymbol>()
            .Select(m => (m.Name, Key: ModelRules.GetSignatureKey(m, row, label, model.Name)))
            .ToList();
        var expected = table
            .Where(e => (multinomial || featureCount > 16 || e.Key != "ReadFeatures") && (e.Key != "ReadColumn" || !readInPlace))
            .SelectMany(e => e.Value.Select(key => (e.Key, key)))
            .OrderBy(m => m.Item1 + "(" + m.Item2, System.StringComparer.Ordinal);
        Assert.Equal(expected, methods.OrderBy(m => m.Name + "(" + m.Key, System.StringComparer.Ordinal));
    }
}
