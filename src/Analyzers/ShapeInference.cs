using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LogRegGen.Analyzers;

/// <summary>
/// The shape analysis: an abstract <see cref="Shape"/> for an expression, computed over Roslyn's
/// operation tree. Facts flow from array creations and initializers, collection expressions (with
/// spreads), <c>stackalloc</c>, span constructors, <c>AsSpan</c>, <c>Slice</c>, ranges, integer
/// arithmetic, <c>Length</c> and <c>Count</c>, the generated models' <c>FeatureNames</c> and
/// <c>ClassNames</c>, and inline arrays, through
/// <list type="bullet">
/// <item>locals: every assignment to the local anywhere in its body (lambdas and local functions
/// included) is a definition, and the local's value is the join of them all — known only when all
/// agree; a local written any other way (<c>ref</c>, <c>out</c>, compound assignment, deconstruction,
/// a pattern) is unknown;</item>
/// <item>readonly fields: the join of the initializer and every assignment in the constructors and
/// <c>init</c> accessors of the declaring type;</item>
/// <item>helper methods of the same compilation (not virtual, not generated): the join of every
/// returned value, with the helper's parameters bound to the call's arguments, to a depth of
/// <see cref="MaxCallDepth"/> and never recursively.</item>
/// </list>
/// Anything else is unknown, and the analyzers stay silent about it: a false positive is worse than a miss.
/// </summary>
internal sealed class ShapeInference
{
    /// <summary>Helpers followed through at most this many nested calls.</summary>
    public const int MaxCallDepth = 3;

    /// <summary>Operations visited per query at most; past it the answer is unknown.</summary>
    private const int MaxSteps = 2048;

    /// <summary>Fields followed through at most this many fields defined by fields.</summary>
    private const int MaxFieldDepth = 8;

    private readonly Compilation _compilation;
    private readonly Func<INamedTypeSymbol, string, int?> _generatedCount;
    private readonly ConditionalWeakTable<IOperation, WriteTable> _writes = new();
    private readonly ConcurrentDictionary<ISymbol, Shape> _fields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);

    /// <param name="compilation">The compilation whose helpers and fields may be followed.</param>
    /// <param name="generatedCount">
    /// For a generated model and a member name (<c>FeatureNames</c>, <c>ClassNames</c>), the number of
    /// entries that member holds; null for any other type or member.
    /// </param>
    public ShapeInference(Compilation compilation, Func<INamedTypeSymbol, string, int?> generatedCount)
    {
        _compilation = compilation;
        _generatedCount = generatedCount;
    }

    /// <summary>The abstract value of an expression.</summary>
    public Shape Evaluate(IOperation? operation, CancellationToken cancellationToken) =>
        new Walker(this, cancellationToken).Evaluate(operation, null);

    /// <summary>The number of elements of an array, span, collection or inline array, if known.</summary>
    public int? GetLength(IOperation? operation, CancellationToken cancellationToken) => Evaluate(operation, cancellationToken).Length;

    /// <summary>
    /// The object creation that a value of <paramref name="type"/> comes from, through locals with a single
    /// definition; null if there is none or more than one.
    /// </summary>
    public IObjectCreationOperation? GetCreation(IOperation? operation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (int depth = 0; depth < 4 && operation is not null; depth++)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, type):
                    return creation;
                case ILocalReferenceOperation { Local.IsRef: false } local:
                    WriteTable.Entry? entry = GetWrites(local, cancellationToken).Find(local.Local);
                    if (entry is not { Declared: true, Unknown: false, Definitions.Count: 1 })
                    {
                        return null;
                    }

                    operation = entry.Definitions[0];
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The object creation of <paramref name="type"/> that a helper of this compilation returns when its
    /// whole body is that one <c>return</c> (<c>=&gt; new T { ... }</c>), and the helper writes none of its
    /// parameters; null otherwise (other statements could change or bypass what the call passes).
    /// </summary>
    public IObjectCreationOperation? GetFactoryCreation(IMethodSymbol method, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        IOperation? body = GetBody(method, cancellationToken);
        IBlockOperation? block = body switch
        {
            IMethodBodyOperation methodBody => methodBody.BlockBody ?? methodBody.ExpressionBody,
            IBlockOperation local => local,
            _ => null,
        };
        if (block is not { Operations.Length: 1 } || block.Operations[0] is not IReturnOperation { ReturnedValue: { } value }
            || Unwrap(value) is not IObjectCreationOperation creation
            || !SymbolEqualityComparer.Default.Equals(creation.Type, type))
        {
            return null;
        }

        WriteTable writes = GetWrites(body!, cancellationToken);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (writes.Find(parameter) is { } entry && (entry.Unknown || entry.Definitions.Count > 0))
            {
                return null;
            }
        }

        return creation;
    }

    /// <summary>Strips argument, conversion and parenthesis wrappers.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IArgumentOperation argument:
                    operation = argument.Value;
                    break;
                case IConversionOperation conversion when IsLengthPreserving(conversion):
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

    /// <summary>
    /// A conversion that keeps the number of elements and an integer's value: built-in ones other than
    /// explicit numeric conversions, and the runtime's implicit array-to-span and span-to-read-only-span operators.
    /// </summary>
    private static bool IsLengthPreserving(IConversionOperation conversion) =>
        conversion.OperatorMethod is null
            ? !(conversion.Conversion.IsNumeric && !conversion.Conversion.IsImplicit) // (byte)300 is not 300
            : IsSpan(conversion.OperatorMethod.ContainingType);

    private static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Arity: 1, Name: "Span" or "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsInSystemNamespace(INamedTypeSymbol? type, string name, string ns) =>
        type is not null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;

    /// <summary>
    /// Whether a local, parameter or field of this type holds a length that cannot change once assigned:
    /// arrays, spans, inline arrays and integers. (A list's count can; it is followed only where it is created.)
    /// </summary>
    private static bool IsTracked(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || IsSpan(type)
        || (type is INamedTypeSymbol { TypeKind: TypeKind.Struct } named && GetInlineArrayLength(named) is not null)
        || type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
            or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32;

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

    private WriteTable GetWrites(IOperation reference, CancellationToken cancellationToken)
    {
        IOperation root = reference;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return _writes.GetValue(root, r => WriteTable.Build(r, cancellationToken));
    }

    private SemanticModel? GetModel(SyntaxTree tree) =>
        _compilation.ContainsSyntaxTree(tree)
#pragma warning disable RS1030 // A helper or field declared in another file of the same compilation; the driver's semantic-model provider hands out its cached model.
            ? _compilation.GetSemanticModel(tree)
#pragma warning restore RS1030
            : null;

    /// <summary>The body of a helper that can be followed: declared once in this compilation, with a body, not virtual and not generated.</summary>
    private IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = (method.PartialImplementationPart ?? method).OriginalDefinition;
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly)
            || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        return _bodies.GetOrAdd(method, m =>
        {
            SyntaxNode syntax = m.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (syntax.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase)
                || syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || GetModel(syntax.SyntaxTree) is not { } model)
            {
                return null;
            }

            return model.GetOperation(syntax, cancellationToken) switch
            {
                IMethodBodyOperation body => body,
                ILocalFunctionOperation local => local.Body ?? (IOperation?)local.IgnoredBody,
                _ => null,
            };
        });
    }

    /// <summary>The values returned by the body itself, not by lambdas or local functions inside it.</summary>
    private static void CollectReturns(IOperation operation, ImmutableArray<IOperation>.Builder values, bool isRoot)
    {
        if (!isRoot && operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
        {
            return;
        }

        if (operation is IReturnOperation { ReturnedValue: { } value })
        {
            values.Add(value);
            return;
        }

        foreach (IOperation child in operation.ChildOperations)
        {
            CollectReturns(child, values, isRoot: false);
        }
    }

    /// <summary>One call's parameter bindings: the helper, its body and the arguments of the call being followed.</summary>
    private sealed class Frame
    {
        public Frame(IMethodSymbol method, IOperation body, ImmutableArray<IArgumentOperation> arguments, Frame? caller)
        {
            Method = method;
            Body = body;
            Arguments = arguments;
            Caller = caller;
            Depth = caller is null ? 1 : caller.Depth + 1;
        }

        public IMethodSymbol Method { get; }

        public IOperation Body { get; }

        public ImmutableArray<IArgumentOperation> Arguments { get; }

        public Frame? Caller { get; }

        public int Depth { get; }
    }

    /// <summary>One query: the step budget, the symbols being followed (a cycle is unknown) and the cancellation.</summary>
    private sealed class Walker
    {
        private readonly ShapeInference _owner;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<ISymbol> _following = new(SymbolEqualityComparer.Default);
        private int _steps;

        /// <summary>How many field walkers enclose this one (a chain of fields defined by fields).</summary>
        private int _fieldDepth;

        /// <summary>The type whose field this walker computes: its other non-constant fields may not be set yet.</summary>
        private INamedTypeSymbol? _fieldType;

        /// <summary>
        /// Whether an answer was cut short by a symbol already being followed or by the nesting limit,
        /// so it depends on where the query started and must not be cached.
        /// </summary>
        private bool _cut;

        public Walker(ShapeInference owner, CancellationToken cancellationToken)
        {
            _owner = owner;
            _cancellationToken = cancellationToken;
        }

        public Shape Evaluate(IOperation? operation, Frame? frame)
        {
            if (operation is null || ++_steps > MaxSteps)
            {
                return Shape.Unknown;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            operation = Unwrap(operation);
            if (operation.ConstantValue is { HasValue: true, Value: { } constant })
            {
                return constant switch
                {
                    int i => Shape.OfInteger(i),
                    long l => Shape.OfInteger(l),
                    short s => Shape.OfInteger(s),
                    byte b => Shape.OfInteger(b),
                    sbyte b => Shape.OfInteger(b),
                    ushort u => Shape.OfInteger(u),
                    uint u => Shape.OfInteger(u),
                    _ => Shape.Unknown,
                };
            }

            // A value of an inline array type (such as a generated FeatureVector) has the type's length.
            if (operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } inline && GetInlineArrayLength(inline) is int inlineLength)
            {
                return Shape.OfLength(inlineLength);
            }

            switch (operation)
            {
                case IBinaryOperation binary:
                    return EvaluateArithmetic(binary, frame);

                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation when Evaluate(negation.Operand, frame).Integer is int negated:
                    return Shape.OfInteger(-(long)negated);

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return Evaluate(conditional.WhenTrue, frame).Join(Evaluate(whenFalse, frame));

                case IArrayCreationOperation creation:
                    return EvaluateArrayCreation(creation, frame);

                case IObjectCreationOperation { Constructor: { } constructor } creation when IsSpan(creation.Type):
                    return EvaluateSpanConstructor(constructor, creation.Arguments, frame);

                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation, frame);

                case IPropertyReferenceOperation property:
                    return EvaluateProperty(property, frame);

                case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0] is IRangeOperation range:
                    return Slice(Evaluate(element.ArrayReference, frame).Length, range, frame);

                case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } indexer:
                    return Slice(Evaluate(indexer.Instance, frame).Length, range, frame);

                case ILocalReferenceOperation local:
                    return EvaluateLocal(local, frame);

                case IParameterReferenceOperation parameter:
                    return EvaluateParameter(parameter, frame);

                case IFieldReferenceOperation { Field.IsFixedSizeBuffer: true } buffer:
                    return Shape.OfLength(buffer.Field.FixedSize);

                case IFieldReferenceOperation field:
                    return EvaluateField(field.Field);

                case IDefaultValueOperation { Type: { } type } when IsSpan(type):
                    return Shape.OfLength(0);
            }

            // Collection expressions and stackalloc have no public operation in Roslyn 4.8; read the syntax.
            return EvaluateSyntax(operation, frame);
        }

        private Shape EvaluateArithmetic(IBinaryOperation binary, Frame? frame)
        {
            if (binary.OperatorMethod is not null
                || binary.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)
                || Evaluate(binary.LeftOperand, frame).Integer is not int left
                || Evaluate(binary.RightOperand, frame).Integer is not int right)
            {
                return Shape.Unknown;
            }

            return binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => Shape.OfInteger((long)left + right),
                BinaryOperatorKind.Subtract => Shape.OfInteger((long)left - right),
                BinaryOperatorKind.Multiply => Shape.OfInteger((long)left * right),
                BinaryOperatorKind.Divide when right != 0 => Shape.OfInteger((long)left / right),
                BinaryOperatorKind.Remainder when right != 0 => Shape.OfInteger((long)left % right),
                _ => Shape.Unknown,
            };
        }

        private Shape EvaluateArrayCreation(IArrayCreationOperation creation, Frame? frame)
        {
            bool jagged = creation.Type is IArrayTypeSymbol { ElementType: IArrayTypeSymbol };
            if (creation.Initializer is { } initializer)
            {
                ImmutableArray<IOperation> elements = initializer.ElementValues;
                if (creation.DimensionSizes.Length == 2)
                {
                    int columns = elements.Length == 0 ? 0 : (elements[0] as IArrayInitializerOperation)?.ElementValues.Length ?? -1;
                    return columns < 0 ? Shape.Unknown : Shape.OfMatrix(elements.Length, columns);
                }

                if (creation.DimensionSizes.Length != 1)
                {
                    return Shape.Unknown;
                }

                return Shape.OfLength(elements.Length, jagged ? RowLengths(elements, frame) : default);
            }

            ImmutableArray<IOperation> sizes = creation.DimensionSizes;
            return sizes.Length switch
            {
                1 => Shape.OfLength(Evaluate(sizes[0], frame).Integer),
                2 when Evaluate(sizes[0], frame).Integer is int rows && Evaluate(sizes[1], frame).Integer is int columns => Shape.OfMatrix(rows, columns),
                _ => Shape.Unknown,
            };
        }

        private ImmutableArray<int> RowLengths(IReadOnlyList<IOperation> rows, Frame? frame)
        {
            var lengths = ImmutableArray.CreateBuilder<int>(rows.Count);
            foreach (IOperation row in rows)
            {
                lengths.Add(Evaluate(row, frame).Length ?? Shape.UnknownRow);
            }

            return lengths.MoveToImmutable();
        }

        /// <summary><c>new Span&lt;T&gt;(array)</c>, <c>(in value)</c>, <c>(pointer, length)</c> or <c>(array, start, length)</c>.</summary>
        private Shape EvaluateSpanConstructor(IMethodSymbol constructor, ImmutableArray<IArgumentOperation> arguments, Frame? frame)
        {
            ImmutableArray<IParameterSymbol> parameters = constructor.Parameters;
            if (arguments.Length != parameters.Length)
            {
                return Shape.Unknown;
            }

            return parameters.Length switch
            {
                1 when parameters[0].Type is IArrayTypeSymbol => Shape.OfLength(Evaluate(arguments[0], frame).Length),
                1 when parameters[0].RefKind != RefKind.None => Shape.OfLength(1),
                2 or 3 => Shape.OfLength(Evaluate(arguments[parameters.Length - 1], frame).Integer),
                _ => Shape.Unknown,
            };
        }

        private Shape EvaluateInvocation(IInvocationOperation invocation, Frame? frame)
        {
            IMethodSymbol method = invocation.TargetMethod;
            ImmutableArray<IArgumentOperation> arguments = invocation.Arguments;
            INamedTypeSymbol type = method.ContainingType;
            switch (method.Name)
            {
                case "AsSpan" when method.IsExtensionMethod && IsInSystemNamespace(type, "MemoryExtensions", "System") && arguments.Length >= 1
                    && arguments[0].Value.Type is IArrayTypeSymbol:
                    return SliceCall(Evaluate(arguments[0], frame).Length, arguments, 1, frame);

                case "Slice" when IsSpan(type) && invocation.Instance is { } span:
                    return SliceCall(Evaluate(span, frame).Length, arguments, 0, frame);

                case "ToArray" when IsSpan(type) && invocation.Instance is { } span && arguments.IsEmpty:
                    return Shape.OfLength(Evaluate(span, frame).Length);

                case "CreateSpan" or "CreateReadOnlySpan" when IsInSystemNamespace(type, "MemoryMarshal", "System.Runtime.InteropServices") && arguments.Length == 2:
                    return Shape.OfLength(Evaluate(arguments[1], frame).Integer);

                case "AsSpan" when IsInSystemNamespace(type, "CollectionsMarshal", "System.Runtime.InteropServices") && arguments.Length == 1:
                    return Shape.OfLength(GetNewListCount(arguments[0].Value));

                case "Empty" when IsInSystemNamespace(type, "Array", "System") && arguments.IsEmpty:
                    return Shape.OfLength(0);

                case "GetLength" when invocation.Instance is { Type: IArrayTypeSymbol } array && arguments.Length == 1:
                    Shape shape = Evaluate(array, frame);
                    return (Evaluate(arguments[0], frame).Integer, shape.Rectangle, shape.Length) switch
                    {
                        (0, { } rectangle, _) => Shape.OfInteger(rectangle.Rows),
                        (1, { } rectangle, _) when shape.Kind == ShapeKind.Matrix => Shape.OfInteger(rectangle.Columns),
                        (0, null, int length) => Shape.OfInteger(length),
                        _ => Shape.Unknown,
                    };
            }

            return FollowHelper(invocation, frame);
        }

        /// <summary>A slice of a buffer of <paramref name="length"/> elements by (), (start), (start, length), (Index) or (Range).</summary>
        private Shape SliceCall(int? length, ImmutableArray<IArgumentOperation> arguments, int skip, Frame? frame)
        {
            switch (arguments.Length - skip)
            {
                case 0:
                    return Shape.OfLength(length);

                case 1:
                    IOperation argument = Unwrap(arguments[skip]);
                    if (argument is IRangeOperation range)
                    {
                        return Slice(length, range, frame);
                    }

                    return length is int n && Bound(argument, n, frame) is int start && start >= 0 && start <= n
                        ? Shape.OfLength(n - start)
                        : Shape.Unknown;

                case 2:
                    if (arguments[skip + 1].Parameter?.Type.SpecialType != SpecialType.System_Int32
                        || Evaluate(arguments[skip + 1], frame).Integer is not int count)
                    {
                        return Shape.Unknown;
                    }

                    // When the start is known too, a slice that runs past the end throws rather than having this length.
                    return length is int total && Evaluate(arguments[skip], frame).Integer is int first && (first < 0 || first + count > total)
                        ? Shape.Unknown
                        : Shape.OfLength(count);

                default:
                    return Shape.Unknown;
            }
        }

        /// <summary>The length of <c>source[range]</c> for a source of <paramref name="length"/> elements.</summary>
        private Shape Slice(int? length, IRangeOperation range, Frame? frame)
        {
            if (length is not int n)
            {
                return Shape.Unknown;
            }

            int? start = range.LeftOperand is null ? 0 : Bound(range.LeftOperand, n, frame);
            int? end = range.RightOperand is null ? n : Bound(range.RightOperand, n, frame);
            return start is int s && end is int e && s >= 0 && s <= e && e <= n ? Shape.OfLength(e - s) : Shape.Unknown;
        }

        /// <summary>An index into a buffer of <paramref name="length"/> elements: <c>k</c> or <c>^k</c>.</summary>
        private int? Bound(IOperation index, int length, Frame? frame)
        {
            // int to Index is the runtime's conversion operator; other conversions as everywhere.
            index = Unwrap(index);
            while (index is IConversionOperation { OperatorMethod.ContainingType: { } operatorType } conversion
                && IsInSystemNamespace(operatorType, "Index", "System"))
            {
                index = Unwrap(conversion.Operand);
            }

            if (index is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
            {
                return Evaluate(hat.Operand, frame).Integer is int fromEnd ? length - fromEnd : null;
            }

            return Evaluate(index, frame).Integer;
        }

        /// <summary>The count of a list created right there: <c>new List&lt;T&gt; { a, b }</c> or a collection expression.</summary>
        private int? GetNewListCount(IOperation list)
        {
            list = Unwrap(list);
            if (!IsList(list.Type))
            {
                return null;
            }

            if (list is IObjectCreationOperation { Initializer: { } initializer } creation
                && creation.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32)
                && initializer.Initializers.All(i => i is IInvocationOperation { Arguments.Length: 1, TargetMethod: { Name: "Add", IsExtensionMethod: false } add } && IsList(add.ContainingType)))
            {
                return initializer.Initializers.Length;
            }

            return list.Syntax is CollectionExpressionSyntax collection && collection.Elements.All(e => e is ExpressionElementSyntax)
                ? collection.Elements.Count
                : null;
        }

        private static bool IsList(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Arity: 1 } named && IsInSystemNamespace(named, "List", "System.Collections.Generic");

        /// <summary>The length properties of arrays, spans and the read-only collections (not a user's or an extension's of that name).</summary>
        private static bool IsLengthProperty(IPropertySymbol property) =>
            property.ContainingType is { } type
            && (IsSpan(type)
                || IsInSystemNamespace(type, "Array", "System")
                || (type.Arity == 1 && type.Name is "IReadOnlyCollection" or "ICollection" && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"));

        private Shape EvaluateProperty(IPropertyReferenceOperation reference, Frame? frame)
        {
            IPropertySymbol property = reference.Property;
            switch (property.Name)
            {
                case "Length" or "LongLength" or "Count" when reference.Instance is { } instance && reference.Arguments.IsEmpty && IsLengthProperty(property):
                    return Evaluate(instance, frame).Length is int count ? Shape.OfInteger(count) : Shape.Unknown;

                case "Empty" when reference.Instance is null && IsSpan(property.ContainingType):
                    return Shape.OfLength(0);

                case "FeatureNames" or "ClassNames" when reference.Instance is null:
                    return Shape.OfLength(_owner._generatedCount(property.ContainingType, property.Name));

                default:
                    return Shape.Unknown;
            }
        }

        private Shape EvaluateLocal(ILocalReferenceOperation reference, Frame? frame)
        {
            ILocalSymbol local = reference.Local;
            if (local.IsRef || !IsTracked(local.Type))
            {
                return Shape.Unknown;
            }

            WriteTable.Entry? entry = _owner.GetWrites(reference, _cancellationToken).Find(local);
            if (entry is not { Declared: true })
            {
                return Shape.Unknown;
            }

            // A jagged array's rows can be replaced through any other use of the local (x[1] = ..., or a
            // method it is passed to): its rows' lengths hold only when this is the local's one read.
            Shape shape = Join(local, entry, frame);
            return entry.Reads > 1 ? shape.WithoutRowLengths() : shape;
        }

        /// <summary>
        /// A parameter of the helper being followed is the argument of the call, unless the helper
        /// writes it; any other parameter is unknown.
        /// </summary>
        private Shape EvaluateParameter(IParameterReferenceOperation reference, Frame? frame)
        {
            IParameterSymbol parameter = reference.Parameter;
            if (frame is null || !IsTracked(parameter.Type) || parameter.RefKind is RefKind.Out or RefKind.Ref
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, frame.Method))
            {
                return Shape.Unknown;
            }

            WriteTable.Entry? written = _owner.GetWrites(frame.Body, _cancellationToken).Find(parameter);
            if (written is { Unknown: true } || written?.Definitions.Count > 0)
            {
                return Shape.Unknown;
            }

            foreach (IArgumentOperation argument in frame.Arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                {
                    return Evaluate(argument.Value, frame.Caller).WithoutRowLengths();
                }
            }

            return Shape.Unknown;
        }

        /// <summary>A readonly field: the join of its initializer and the assignments in its type's constructors.</summary>
        private Shape EvaluateField(IFieldSymbol field)
        {
            field = field.OriginalDefinition;
            if (!field.IsReadOnly || !IsTracked(field.Type)
                || !SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, _owner._compilation.Assembly)
                // A struct's instance field is 0 in default(S), and this = ... resets it in any method.
                || (!field.IsStatic && field.ContainingType.IsValueType))
            {
                return Shape.Unknown;
            }

            // While a field of this type is being computed, its other fields may not be assigned yet
            // (static initializers run in order, constructors assign in order).
            if (_fieldType is not null && SymbolEqualityComparer.Default.Equals(field.ContainingType, _fieldType))
            {
                return Shape.Unknown;
            }

            if (_owner._fields.TryGetValue(field, out Shape cached))
            {
                return cached;
            }

            // A field's value does not depend on the query that reaches it: a walker of its own (a budget of
            // its own, so the cached answer does not depend on the order of the queries) that keeps the
            // symbols being followed, so a cycle through fields is unknown rather than endless.
            if (_following.Contains(field) || _fieldDepth >= MaxFieldDepth)
            {
                _cut = true;
                return Shape.Unknown;
            }

            var walker = new Walker(_owner, _cancellationToken) { _fieldDepth = _fieldDepth + 1, _fieldType = field.ContainingType };
            walker._following.UnionWith(_following);
            Shape shape = walker.ComputeField(field).WithoutRowLengths();
            if (walker._cut)
            {
                _cut = true;
            }
            else
            {
                _owner._fields.TryAdd(field, shape);
            }

            return shape;
        }

        private Shape ComputeField(IFieldSymbol field)
        {
            var entry = new WriteTable.Entry { Declared = true };
            foreach (SyntaxReference declaration in field.DeclaringSyntaxReferences)
            {
                if (declaration.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                    && _owner.GetModel(initializer.SyntaxTree)?.GetOperation(initializer, _cancellationToken) is IFieldInitializerOperation { Value: { } value })
                {
                    entry.Definitions.Add(value);
                }
            }

            // Where a readonly field can be assigned: the constructors of its own kind and the init accessors.
            foreach (ISymbol member in field.ContainingType.GetMembers())
            {
                if (member is not IMethodSymbol method
                    || !(method.MethodKind == (field.IsStatic ? MethodKind.StaticConstructor : MethodKind.Constructor) || (!field.IsStatic && method.IsInitOnly)))
                {
                    continue;
                }

                foreach (SyntaxReference declaration in method.DeclaringSyntaxReferences)
                {
                    SyntaxNode syntax = declaration.GetSyntax(_cancellationToken);
                    if (syntax is TypeDeclarationSyntax)
                    {
                        continue; // A primary constructor: the field initializers above are its body.
                    }

                    if (_owner.GetModel(syntax.SyntaxTree)?.GetOperation(syntax, _cancellationToken) is not { } body)
                    {
                        entry.Unknown = true;
                        continue;
                    }

                    WriteTable.Entry? writes = _owner.GetWrites(body, _cancellationToken).Find(field);
                    if (writes is not null)
                    {
                        entry.Unknown |= writes.Unknown;
                        entry.Definitions.AddRange(writes.Definitions);
                    }
                }
            }

            return Join(field, entry, null);
        }

        /// <summary>The join of every definition of a local or field; unknown if any write is not a plain assignment, or there is none.</summary>
        private Shape Join(ISymbol symbol, WriteTable.Entry entry, Frame? frame)
        {
            if (entry.Unknown || entry.Definitions.Count == 0)
            {
                return Shape.Unknown;
            }

            if (!_following.Add(symbol))
            {
                _cut = true;
                return Shape.Unknown;
            }

            Shape result = Evaluate(entry.Definitions[0], frame);
            for (int i = 1; i < entry.Definitions.Count && result.IsKnown; i++)
            {
                result = result.Join(Evaluate(entry.Definitions[i], frame));
            }

            _following.Remove(symbol);
            return result;
        }

        /// <summary>A helper of this compilation: the join of its returned values, its parameters bound to this call's arguments.</summary>
        private Shape FollowHelper(IInvocationOperation invocation, Frame? frame)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if ((frame?.Depth ?? 0) >= MaxCallDepth || !IsTracked(method.ReturnType) || method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return Shape.Unknown;
            }

            IMethodSymbol definition = (method.PartialImplementationPart ?? method).OriginalDefinition;
            IOperation? body = _owner.GetBody(definition, _cancellationToken);
            if (body is null)
            {
                return Shape.Unknown;
            }

            if (!_following.Add(definition))
            {
                _cut = true;
                return Shape.Unknown;
            }

            var callee = new Frame(definition, body, invocation.Arguments, frame);
            var returns = ImmutableArray.CreateBuilder<IOperation>();
            CollectReturns(body, returns, isRoot: true);
            Shape result = Shape.Unknown;
            for (int i = 0; i < returns.Count; i++)
            {
                Shape value = Evaluate(returns[i], callee);
                result = i == 0 ? value : result.Join(value);
                if (!result.IsKnown)
                {
                    break;
                }
            }

            _following.Remove(definition);
            return result.WithoutRowLengths();
        }

        private Shape EvaluateSyntax(IOperation operation, Frame? frame)
        {
            SyntaxNode? syntax = operation.Syntax;
            while (syntax is ParenthesizedExpressionSyntax parenthesized)
            {
                syntax = parenthesized.Expression;
            }

            SemanticModel? model = operation.SemanticModel;
            switch (syntax)
            {
                case CollectionExpressionSyntax collection when model is not null:
                    return EvaluateCollection(collection, operation.Type, model, frame);

                case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                    return Shape.OfLength(implicitStackAlloc.Initializer.Expressions.Count);

                case StackAllocArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return Shape.OfLength(initializer.Expressions.Count);

                case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType } when model is not null && arrayType.RankSpecifiers[0].Sizes.Count == 1:
                    return Shape.OfLength(Evaluate(model.GetOperation(arrayType.RankSpecifiers[0].Sizes[0], _cancellationToken), frame).Integer);

                default:
                    return Shape.Unknown;
            }
        }

        /// <summary>A collection expression: one element per expression, a spread's length per spread (and, for a jagged array, each row's length).</summary>
        private Shape EvaluateCollection(CollectionExpressionSyntax collection, ITypeSymbol? type, SemanticModel model, Frame? frame)
        {
            bool jagged = type is IArrayTypeSymbol { ElementType: IArrayTypeSymbol };
            var rows = jagged ? ImmutableArray.CreateBuilder<int>(collection.Elements.Count) : null;
            long count = 0;
            foreach (CollectionElementSyntax element in collection.Elements)
            {
                switch (element)
                {
                    case ExpressionElementSyntax expression:
                        count++;
                        rows?.Add(Evaluate(model.GetOperation(expression.Expression, _cancellationToken), frame).Length ?? Shape.UnknownRow);
                        break;
                    case SpreadElementSyntax spread when Evaluate(model.GetOperation(spread.Expression, _cancellationToken), frame).Length is int spreadLength:
                        count += spreadLength;
                        rows = null;
                        break;
                    default:
                        return Shape.Unknown;
                }
            }

            return count > int.MaxValue ? Shape.Unknown : Shape.OfLength((int)count, rows?.ToImmutable() ?? default);
        }
    }

    /// <summary>
    /// Every write to the locals and parameters of one body (a method, constructor or accessor with its
    /// lambdas and local functions), or to fields: plain assignments are definitions, other writes make
    /// the symbol unknown.
    /// </summary>
    private sealed class WriteTable
    {
        private readonly Dictionary<ISymbol, Entry> _entries = new(SymbolEqualityComparer.Default);

        public sealed class Entry
        {
            /// <summary>Declared by a plain declaration statement (not a pattern, foreach, using, for, out var or catch).</summary>
            public bool Declared { get; set; }

            /// <summary>Written in a way that is not a plain assignment of a value.</summary>
            public bool Unknown { get; set; }

            public List<IOperation> Definitions { get; } = new();

            /// <summary>How many references read the symbol.</summary>
            public int Reads { get; set; }
        }

        public Entry? Find(ISymbol symbol) => _entries.TryGetValue(symbol, out Entry? entry) ? entry : null;

        public static WriteTable Build(IOperation root, CancellationToken cancellationToken)
        {
            var table = new WriteTable();
            foreach (IOperation operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        Entry entry = table.Get(declarator.Symbol);
                        if (IsPlainDeclaration(declarator) && !declarator.Symbol.IsRef)
                        {
                            entry.Declared = true;
                            if (declarator.Initializer?.Value is { } value)
                            {
                                entry.Definitions.Add(value);
                            }
                        }
                        else
                        {
                            entry.Unknown = true;
                        }

                        break;
                    case ILocalReferenceOperation local:
                        table.Classify(local, local.Local);
                        break;
                    case IParameterReferenceOperation parameter:
                        table.Classify(parameter, parameter.Parameter);
                        break;
                    case IFieldReferenceOperation field:
                        table.Classify(field, field.Field);
                        break;
                    case ISimpleAssignmentOperation { Target: IInstanceReferenceOperation }:
                        // this = other; in a struct's constructor: every field takes another value.
                        table._wholeInstanceWritten = true;
                        break;
                }
            }

            if (table._wholeInstanceWritten)
            {
                foreach (Entry each in table._entries.Values)
                {
                    each.Unknown = true;
                }
            }

            return table;
        }

        private bool _wholeInstanceWritten;

        private Entry Get(ISymbol symbol)
        {
            if (!_entries.TryGetValue(symbol, out Entry? entry))
            {
                entry = new Entry();
                _entries.Add(symbol, entry);
            }

            return entry;
        }

        /// <summary>A declaration statement in a block or switch section: <c>T x = value;</c> or <c>T x;</c>.</summary>
        private static bool IsPlainDeclaration(IVariableDeclaratorOperation declarator) =>
            declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IBlockOperation or ISwitchCaseOperation } };

        /// <summary>Whether a reference reads, defines (a plain assignment) or otherwise writes the symbol.</summary>
        private void Classify(IOperation reference, ISymbol symbol)
        {
            IOperation? parent = reference.Parent;
            if (parent is IConditionalOperation { IsRef: true })
            {
                // (flag ? ref x : ref y) = value, or a ref alias of it: a write the assignment does not name.
                Get(symbol).Unknown = true;
                return;
            }

            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    if (assignment.IsRef)
                    {
                        Get(symbol).Unknown = true;
                    }
                    else
                    {
                        Get(symbol).Definitions.Add(assignment.Value);
                    }

                    return;
                case ISimpleAssignmentOperation { IsRef: true }:
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }: // ref, out, in and ref readonly (Unsafe.AsRef(in x) = ...)
                case ICompoundAssignmentOperation compound when compound.Target == reference:
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == reference:
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation:
                case IReturnOperation when reference.Syntax.Parent is RefExpressionSyntax:
                    Get(symbol).Unknown = true;
                    return;
            }

            // A deconstruction target: (x, y) = ... or ((x), y) = ...
            IOperation child = reference;
            while (parent is ITupleOperation or IConversionOperation or IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            if (parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == child)
            {
                Get(symbol).Unknown = true;
                return;
            }

            Get(symbol).Reads++;
        }
    }
}
