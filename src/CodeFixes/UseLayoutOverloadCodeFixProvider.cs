using System.Collections.Immutable;
using System.Composition;
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
/// LRG015: calls the method whose layout matches the array, <c>FeatureMatrices.FromFeatures</c>
/// instead of <c>FromSamples</c> or the reverse; the arguments stay as they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLayoutOverloadCodeFixProvider))]
[Shared]
public sealed class UseLayoutOverloadCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.Transposed);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(PropertyKeys.Replacement, out string? replacement) && replacement is not null)
            {
                TextSpan span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {replacement}, which takes this layout",
                        ct => ReplaceMethodAsync(context.Document, span, replacement, ct),
                        equivalenceKey: DiagnosticIds.Transposed + replacement),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> ReplaceMethodAsync(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        InvocationExpressionSyntax? invocation = root?.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        SimpleNameSyntax? name = invocation?.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        if (root is null || name is null)
        {
            return document;
        }

        SyntaxToken identifier = SyntaxFactory.Identifier(replacement).WithTriviaFrom(name.Identifier);
        return document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, identifier));
    }
}
