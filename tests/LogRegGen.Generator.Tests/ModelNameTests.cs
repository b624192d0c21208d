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
    public void PartialOrOtherTypeThatCannotMergeWithTheModelGetsNoModel(string declaration) =>
        // Static, abstract, another accessibility, a record, struct or interface, or a base class the
        // generated constructors cannot call: the compiler once reported CS0441, CS0418, CS0262, CS0261
        // or CS7036 in the generated file; the declaration analyzer reports LRG008 instead.
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
}
