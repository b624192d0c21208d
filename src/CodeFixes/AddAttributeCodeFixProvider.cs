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
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.NoLabel)
            {
                if (diagnostic.Properties.TryGetValue(PropertyKeys.LabelCandidate, out string? member)
                    && member is not null
                    && diagnostic.AdditionalLocations.Count == 1
                    && diagnostic.AdditionalLocations[0].SourceTree == diagnostic.Location.SourceTree)
                {
                    TextSpan span = diagnostic.AdditionalLocations[0].SourceSpan;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Mark '{member}' [Label]",
                            ct => AddAttributeAsync(context.Document, span, ModelRules.LabelAttributeMetadataName, ct),
                            equivalenceKey: DiagnosticIds.NoLabel),
                        diagnostic);
                }
            }
            else
            {
                TextSpan span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Mark the member [Ignore]",
                        ct => AddAttributeAsync(context.Document, span, ModelRules.IgnoreAttributeMetadataName, ct),
                        equivalenceKey: DiagnosticIds.UnsupportedFeatureType),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> AddAttributeAsync(Document document, TextSpan span, string attributeMetadataName, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
        SyntaxNode? target = node.FirstAncestorOrSelf<SyntaxNode>(static n => n is ParameterSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax);
        if (target is null || target is FieldDeclarationSyntax { Declaration.Variables.Count: > 1 })
        {
            // Several fields in one declaration: an attribute there would apply to all of them.
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
