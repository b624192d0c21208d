using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LogRegGen.Analyzers;

/// <summary>
/// The lengths and shapes of arguments that are known at compile time: array creations with
/// constant sizes or initializers, collection expressions without spreads, <c>stackalloc</c>, spans
/// over those (<c>AsSpan</c>, <c>Slice</c>, span constructors), inline arrays such as the generated
/// <c>FeatureVector</c>, and locals initialized with any of these and never assigned again.
/// Anything else is unknown, and the analyzers stay silent about it.
/// </summary>
internal static class CompileTimeShape
{
    private const int MaxLocalDepth = 4;

    /// <summary>The number of elements of a one-dimensional argument (array, span or inline array).</summary>
    public static int? GetLength(IOperation? operation, CancellationToken cancellationToken) =>
        GetLength(operation, 0, cancellationToken);

    /// <summary>The (rows, columns) of a two-dimensional or jagged array argument.</summary>
    public static (int Rows, int Columns)? GetShape(IOperation? operation, CancellationToken cancellationToken) =>
        GetShape(operation, 0, cancellationToken);

    private static int? GetLength(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        operation = Unwrap(operation);
        if (operation is null)
        {
            return null;
        }

        // A value of an inline array type (such as a generated FeatureVector) converted to a span.
        if (operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } inlineArray && GetInlineArrayLength(inlineArray) is int inlineLength)
        {
            return inlineLength;
        }

        switch (operation)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1 } creation:
                return creation.Initializer is { } initializer
                    ? initializer.ElementValues.Length
                    : AsInt(creation.DimensionSizes[0].ConstantValue);

            case IObjectCreationOperation { Constructor: { } constructor } creation when IsSpan(creation.Type):
                return GetSpanConstructorLength(constructor, creation.Arguments, depth, cancellationToken);

            case IInvocationOperation invocation:
                return GetSpanMethodLength(invocation, depth, cancellationToken);

            case ILocalReferenceOperation local:
                return GetLocalInitializer(local, depth, cancellationToken) is { } value ? GetLength(value, depth + 1, cancellationToken) : null;

            case IFieldReferenceOperation { Field.IsFixedSizeBuffer: true } buffer:
                return buffer.Field.FixedSize;
        }

        // Collection expressions and stackalloc have no public operation in Roslyn 4.8; read the syntax.
        return GetSyntaxLength(operation, cancellationToken);
    }

    private static (int Rows, int Columns)? GetShape(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        operation = Unwrap(operation);
        switch (operation)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 2 } creation:
                if (creation.Initializer is { } initializer)
                {
                    int rows = initializer.ElementValues.Length;
                    int? columns = rows == 0 ? 0 : (initializer.ElementValues[0] as IArrayInitializerOperation)?.ElementValues.Length;
                    return columns is int c ? (rows, c) : null;
                }

                return AsInt(creation.DimensionSizes[0].ConstantValue) is int r && AsInt(creation.DimensionSizes[1].ConstantValue) is int k
                    ? (r, k)
                    : null;

            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: { } jagged, Type: IArrayTypeSymbol { ElementType: IArrayTypeSymbol { Rank: 1 } } }:
                return GetJaggedShape(jagged.ElementValues.Select(e => GetLength(e, depth + 1, cancellationToken)).ToArray());

            case ILocalReferenceOperation local:
                return GetLocalInitializer(local, depth, cancellationToken) is { } value ? GetShape(value, depth + 1, cancellationToken) : null;
        }

        // A collection expression of collection expressions: [[1, 2], [3, 4]].
        if (operation?.Syntax is CollectionExpressionSyntax collection && operation.Type is IArrayTypeSymbol { ElementType: IArrayTypeSymbol })
        {
            var lengths = new int?[collection.Elements.Count];
            for (int i = 0; i < lengths.Length; i++)
            {
                if (collection.Elements[i] is not ExpressionElementSyntax element)
                {
                    return null;
                }

                lengths[i] = GetSyntaxElementCount(element.Expression, operation.SemanticModel, cancellationToken);
            }

            return GetJaggedShape(lengths);
        }

        return null;
    }

    private static (int Rows, int Columns)? GetJaggedShape(int?[] lengths)
    {
        if (lengths.Length == 0 || lengths[0] is not int columns)
        {
            return null;
        }

        foreach (int? length in lengths)
        {
            if (length != columns)
            {
                return null;
            }
        }

        return (lengths.Length, columns);
    }

    /// <summary>Strips argument, conversion and parenthesis wrappers.</summary>
    private static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IArgumentOperation argument:
                    operation = argument.Value;
                    break;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static int? AsInt(Optional<object?> constant) => constant is { HasValue: true, Value: int value } && value >= 0 ? value : null;

    private static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Arity: 1, Name: "Span" or "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>new Span&lt;T&gt;(array)</c>, <c>(array, start, length)</c> or <c>(pointer, length)</c>.</summary>
    private static int? GetSpanConstructorLength(IMethodSymbol constructor, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int depth, CancellationToken cancellationToken)
    {
        switch (constructor.Parameters.Length)
        {
            case 1 when constructor.Parameters[0].Type is IArrayTypeSymbol:
                return GetLength(arguments[0], depth, cancellationToken);
            case 2:
            case 3:
                return AsInt(arguments[arguments.Length - 1].Value.ConstantValue);
            default:
                return null;
        }
    }

    /// <summary><c>array.AsSpan()</c>, <c>AsSpan(start)</c>, <c>AsSpan(start, length)</c>, <c>span.Slice(...)</c>.</summary>
    private static int? GetSpanMethodLength(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!IsSpan(method.ReturnType))
        {
            return null;
        }

        IOperation? source;
        int skip;
        if (method.Name == "AsSpan" && method.IsExtensionMethod && method.ContainingType.Name == "MemoryExtensions" && invocation.Arguments.Length >= 1)
        {
            source = invocation.Arguments[0];
            skip = 1;
        }
        else if (method.Name == "Slice" && IsSpan(method.ContainingType) && invocation.Instance is not null)
        {
            source = invocation.Instance;
            skip = 0;
        }
        else
        {
            return null;
        }

        int extra = invocation.Arguments.Length - skip;
        if (extra == 2)
        {
            return invocation.Arguments[skip + 1].Parameter?.Type.SpecialType == SpecialType.System_Int32
                ? AsInt(invocation.Arguments[skip + 1].Value.ConstantValue)
                : null;
        }

        if (GetLength(source, depth + 1, cancellationToken) is not int length)
        {
            return null;
        }

        if (extra == 0)
        {
            return length;
        }

        return extra == 1 && invocation.Arguments[skip].Parameter?.Type.SpecialType == SpecialType.System_Int32 && AsInt(invocation.Arguments[skip].Value.ConstantValue) is int start && start <= length
            ? length - start
            : null;
    }

    /// <summary>The <c>[InlineArray(n)]</c> length of a struct, if it is an inline array.</summary>
    public static int? GetInlineArrayLength(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "InlineArrayAttribute" } c
                && c.ContainingNamespace.ToDisplayString() == "System.Runtime.CompilerServices"
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int length)
            {
                return length;
            }
        }

        return null;
    }

    /// <summary>
    /// The initializer of a local that is declared with one and never written again in its
    /// declaring body, so its value at every use is the initializer's.
    /// </summary>
    private static IOperation? GetLocalInitializer(ILocalReferenceOperation reference, int depth, CancellationToken cancellationToken)
    {
        ILocalSymbol local = reference.Local;
        if (depth >= MaxLocalDepth || local.IsRef || reference.SemanticModel is not { } semanticModel)
        {
            return null;
        }

        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
            || declarator.SyntaxTree != semanticModel.SyntaxTree)
        {
            return null;
        }

        SyntaxNode? body = declarator.FirstAncestorOrSelf<SyntaxNode>(static n =>
            n is BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax }
            or GlobalStatementSyntax
            or ArrowExpressionClauseSyntax);
        SyntaxNode scope = body is GlobalStatementSyntax ? body.Parent! : body ?? declarator.Parent!;
        if (IsWritten(scope, local.Name))
        {
            return null;
        }

        return semanticModel.GetOperation(value, cancellationToken);
    }

    /// <summary>
    /// Whether any assignment (including a deconstruction), increment, or ref/out argument in the
    /// scope targets a name (syntax only, conservative).
    /// </summary>
    private static bool IsWritten(SyntaxNode scope, string name)
    {
        foreach (SyntaxNode node in scope.DescendantNodes())
        {
            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                RefExpressionSyntax reference => reference.Expression,
                _ => null,
            };

            if (target is not null && Targets(target, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an assignment target is the name, in parentheses or as an element of a deconstruction.</summary>
    private static bool Targets(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        ParenthesizedExpressionSyntax parenthesized => Targets(parenthesized.Expression, name),
        TupleExpressionSyntax tuple => tuple.Arguments.Any(a => Targets(a.Expression, name)),
        _ => false,
    };

    private static int? GetSyntaxLength(IOperation operation, CancellationToken cancellationToken) =>
        GetSyntaxElementCount(operation.Syntax as ExpressionSyntax, operation.SemanticModel, cancellationToken);

    /// <summary>The element count of a collection expression without spreads, or of a <c>stackalloc</c>.</summary>
    private static int? GetSyntaxElementCount(ExpressionSyntax? syntax, SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        while (syntax is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized.Expression;
        }

        switch (syntax)
        {
            case CollectionExpressionSyntax collection:
                return collection.Elements.All(static e => e is ExpressionElementSyntax) ? collection.Elements.Count : null;

            case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                return implicitStackAlloc.Initializer.Expressions.Count;

            case StackAllocArrayCreationExpressionSyntax stackAlloc:
                if (stackAlloc.Initializer is { } initializer)
                {
                    return initializer.Expressions.Count;
                }

                if (stackAlloc.Type is ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType
                    && arrayType.RankSpecifiers[0].Sizes.Count == 1
                    && semanticModel is not null)
                {
                    return AsInt(semanticModel.GetConstantValue(arrayType.RankSpecifiers[0].Sizes[0], cancellationToken));
                }

                return null;

            case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax when semanticModel is not null:
                return GetLength(semanticModel.GetOperation(syntax, cancellationToken), MaxLocalDepth, cancellationToken);

            default:
                return null;
        }
    }
}
