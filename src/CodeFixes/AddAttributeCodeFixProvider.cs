using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LogRegGen.Analyzers;
using LogRegGen.Generator.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LogRegGen.CodeFixes;

/// <summary>
/// LRG001: marks the obvious label member (named Label, Target or Y, or the only bool) <c>[Label]</c>.
/// LRG004: marks a member of an unsupported type <c>[Ignore]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAttributeCodeFixProvider))]
[Shared]
public sealed class AddAttributeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.NoLabel, DiagnosticIds.UnsupportedFeatureType);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // LRG001 names its candidate in an additional location; LRG004 is reported on the member.
            Location location = diagnostic.Id == DiagnosticIds.NoLabel
                ? (diagnostic.AdditionalLocations.Count == 1 ? diagnostic.AdditionalLocations[0] : Location.None)
                : diagnostic.Location;
            if (location.SourceTree != root.SyntaxTree || FindTarget(root, location.SourceSpan) is null)
            {
                // Nothing this fix can mark: no obvious label, a member declared in another file or
                // assembly, or a field declared together with others.
                continue;
            }

            TextSpan span = location.SourceSpan;
            bool label = diagnostic.Id == DiagnosticIds.NoLabel;
            string member = label && diagnostic.Properties.TryGetValue(PropertyKeys.LabelCandidate, out string? name) && name is not null ? name : "the member";
            context.RegisterCodeFix(
                CodeAction.Create(
                    label ? $"Mark '{member}' [Label]" : "Mark the member [Ignore]",
                    ct => AddAttributeAsync(context.Document, span, label ? ModelRules.LabelAttributeMetadataName : ModelRules.IgnoreAttributeMetadataName, ct),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    /// <summary>
    /// The parameter, property or single-variable field declaration at a span, or null: an
    /// attribute on a declaration of several fields would apply to all of them.
    /// </summary>
    private static SyntaxNode? FindTarget(SyntaxNode root, TextSpan span)
    {
        SyntaxNode? target = root.FindNode(span, getInnermostNodeForTie: true)
            .FirstAncestorOrSelf<SyntaxNode>(static n => n is ParameterSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax);
        return target is FieldDeclarationSyntax { Declaration.Variables.Count: > 1 } ? null : target;
    }

    private static async Task<Document> AddAttributeAsync(Document document, TextSpan span, string attributeMetadataName, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        SyntaxNode? target = root is null ? null : FindTarget(root, span);
        if (root is null || semanticModel is null || target is null)
        {
            return document;
        }

        NameSyntax name = GetAttributeName(semanticModel, target.SpanStart, attributeMetadataName);
        SyntaxTriviaList leading = target.GetLeadingTrivia();
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.Space);

        SyntaxNode updated = target.WithoutLeadingTrivia() switch
        {
            ParameterSyntax parameter => parameter.WithAttributeLists(parameter.AttributeLists.Insert(0, list)),
            MemberDeclarationSyntax member => member.WithAttributeLists(member.AttributeLists.Insert(0, list)),
            _ => target,
        };

        return document.WithSyntaxRoot(root.ReplaceNode(target, updated));
    }

    /// <summary><c>Label</c> when the runtime namespace is imported at the position, else <c>global::LogRegGen.Label</c>.</summary>
    private static NameSyntax GetAttributeName(SemanticModel semanticModel, int position, string attributeMetadataName)
    {
        string typeName = attributeMetadataName.Substring(attributeMetadataName.LastIndexOf('.') + 1);
        string shortName = typeName.Substring(0, typeName.Length - "Attribute".Length);
        INamedTypeSymbol? attribute = semanticModel.Compilation.GetTypeByMetadataName(attributeMetadataName);
        bool imported = attribute is not null
            && semanticModel.LookupNamespacesAndTypes(position, name: typeName).Any(s => SymbolEqualityComparer.Default.Equals(s, attribute))
            && !semanticModel.LookupNamespacesAndTypes(position, name: shortName).Any(s => s is INamedTypeSymbol);
        return imported
            ? SyntaxFactory.IdentifierName(shortName)
            : SyntaxFactory.QualifiedName(
                SyntaxFactory.AliasQualifiedName(
                    SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)),
                    SyntaxFactory.IdentifierName(ModelRules.RuntimeNamespace)),
                SyntaxFactory.IdentifierName(shortName));
    }
}
