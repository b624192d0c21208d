using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LogRegGen.Generator.Tests.Fuzz;

/// <summary>
/// Writes random <c>[LogisticModel]</c> declarations as a new user might: records (positional and nominal),
/// record structs, readonly structs, classes and structs, nested in other types (generic ones too), in
/// file-scoped, block and global namespaces, several per compilation (also in one namespace, with names
/// that differ only in case or are reused across namespaces and containers), with every member kind and
/// type, zero, one or two labels, unusual but legal names and model names. Everything comes from one
/// <see cref="Random"/> seeded per case, so a case is reproduced by its seed and index.
/// </summary>
/// <remarks>
/// The user's code is meant to compile (names are kept unique where C# needs them to be); when it does
/// not, the checks that depend on it are skipped for that case (<see cref="FuzzCaseChecker"/>).
/// </remarks>
internal sealed class DeclarationFuzzer
{
    // ----- Names: the ones new users write, and the ones that have broken generators -----

    private static readonly Name[] s_typeNames =
    {
        "Row", "Scan", "Loan", "Email", "Tumor", "Flower", "Patient", "Sample", "Item", "Reading", "Point", "Data",
    };

    private static readonly Name[] s_edgeTypeNames =
    {
        "row", "ROW", new(@"\u0052ow", "Row"), new(@"R\u006Fw", "Row"), new("@class", "class"), new("@event", "event"),
        new("@record", "record"), "Größe", "数据", "Ñandú", "_Row", "Row_", "A_B", "X", "_",
        "Math", "Span", "ReadOnlySpan", "Vector", "Vector256", "Vector128", "Unsafe", "MemoryMarshal", "Kernels", "Generated",
        "KernelSupport", "FeatureMatrix", "TrainingOptions", "TrainingReport", "LogisticMath", "LogisticKernels",
        "ILogisticKernel", "ShapeGuard", "Metrics", "Batch", "FeatureVector", "Gradients", "Weights", "Pretrained",
        "System", "LogRegGen", "Action", "Func", "String", "Object", "Exception", "Attribute", "Stream", "IReadOnlyList",
        "Single", "Double", "Int32", "Boolean", "DateTime", "Nullable", "Model", "RowModel", "ScanModel", "Sample_0RowModel",
        "Label", "Ignore", "LogisticModel", "dynamic", "value", "async", "await", "nameof", "Obsolete",
        "JsonSerializer", "GeneratedCode", "CodeDom", "InlineArray", "Global",
    };

    /// <summary>Names the generated code writes as types of its locals (a pending fix).</summary>
    private static readonly Name[] s_localTypeNames = { "var", new("@var", "var"), "nint", new("@nint", "nint"), "nuint" };

    private static readonly string[] s_namespaces =
    {
        "Sample", "Sample", "Models", "Demo", "Sample.Inner", "Acme.Data", "A", "A.B", "Ab.Cd", "Ab",
    };

    private static readonly string[] s_edgeNamespaces =
    {
        "@class.Sample", "Größe.Daten", "Ns._Part", "Ns_.Part", "A_B", "LogRegGen", "LogRegGen.Generated", "LogRegGen.Sample",
        "Sample.System", "Sample.LogRegGen", "System.Fuzz", "Row", "Kernels", "Generated", "Sample.RowModel", "Global",
        "@event", "Model", @"\u0053ample", "My.Very.Deep.Namespace.Of.Models", "Sample.Sample", "Microsoft.Data",
    };

    private static readonly Name[] s_memberNames =
    {
        "A", "B", "C", "X1", "X2", "Age", "Income", "Debt", "Score", "Length", "Width", "Height", "Density",
        "Volume", "Count", "Value", "Ratio", "Flag", "Amount", "Weight", "Temperature", "Pressure",
    };

    private static readonly Name[] s_edgeMemberNames =
    {
        new("@class", "class"), new("@event", "event"), new("@bool", "bool"), new("@float", "float"), new("@this", "this"),
        new("@base", "base"), new("@return", "return"), new("@default", "default"), "var", "value", "field", "record",
        "async", "await", "nameof", "dynamic", "global", "scoped", "file", "required", "Größe", "données", "数据", "Ω",
        new(@"\u0041ge", "Age"), new(@"A\u0062c", "Abc"), "_", "__x", "A_B", "x", "i", "j", "n", "m", "w", "b", "z", "y",
        "row", "rows", "features", "destination", "span", "sum", "batch", "weights", "bias", "options", "result",
        "Weights", "Bias", "FeatureCount", "LabelName", "FeatureNames", "Predict", "Batch", "Kernels", "Train", "Cost",
        "GetFeatures", "GetLabel", "TrainingReport", "System", "LogRegGen", "Math", "Span", "Vector256", "Unsafe", "Item",
        "Label", "Target", "Y", "Ignore", "Model", "Matrix", "Count",
    };

    private static readonly Name[] s_reservedMemberNames =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "Finalize", "MemberwiseClone", "ReferenceEquals",
        "EqualityContract", "PrintMembers", "Deconstruct", "Clone",
    };

    private static readonly string[] s_keywordModelNames =
    {
        "class", "int", "@class", "event", "this", "namespace", "record", "var", "required", "file", "scoped", "partial",
        "field", "extension", "async", "await", "value", "nameof", "dynamic", "global", "when", "with", "init", "get",
        "set", "add", "remove", "where", "select", "from", "let", "unmanaged", "notnull", "nint", "nuint", "args", "_",
        "allows", "managed", "and", "or", "not", "yield", "alias",
    };

    private static readonly string[] s_generatedMemberModelNames =
    {
        "Batch", "Weights", "FeatureVector", "Gradients", "TrainingReport", "Predict", "Pretrained", "Bias", "FeatureCount",
        "FeatureNames", "LabelName", "Train", "Cost", "Kernels", "Load", "Save", "ToJson", "GetLabel", "Matrix", "Count",
        "Create", "Generated", "KernelSupport", "LogisticKernels", "FeatureMatrix", "TrainingOptions", "Unsafe", "Math",
        "Vector256", "Span", "ReadOnlySpan", "MemoryMarshal", "LogRegGen", "Model", "Row",
    };

    private static readonly string[] s_oddModelNames =
    {
        "", " ", "1abc", "a-b", "a b", "Row.Model", "Ns.X", "Ñ", "\u0041bc", "A\u0300", "𝒳Model", "Größe", "数据Model",
        "Model_", "_Model", "__", "M", "\u00C5ngström", "Row\u200D", "a\"b", "a\\b", "\t", "ABC123", "@Row", "Mo del",
    };

    /// <summary>Names the user's code may import or use unqualified: a model class of that name captures them.</summary>
    private static readonly string[] s_importedModelNames =
    {
        "System", "Action", "Func", "DateTime", "String", "Math", "Console", "Exception", "Attribute", "Obsolete",
        "Label", "Ignore", "LogisticModel", "LabelAttribute", "Serializable", "Guid", "TimeSpan", "Half", "Single", "LogRegGen",
    };

    private static readonly string[] s_supportTypeNames = { "Color", "Kind", "Level", "Point2", "Pair", "Status", "Unit", "Mode" };

    /// <summary>The runtime's types in namespace LogRegGen (a row of the same name there is a pending fix).</summary>
    private static readonly ImmutableHashSet<string> s_runtimeTypeNames = typeof(LogisticModelAttribute).Assembly
        .GetTypes()
        .Where(t => t.Namespace == "LogRegGen" && t.IsPublic)
        .Select(t => t.Name.Split('`')[0])
        .ToImmutableHashSet(StringComparer.Ordinal);

    // ----- State of one case -----

    private readonly Random _random;
    private readonly IReadOnlyCollection<FuzzCategory> _excluded;
    private readonly SortedSet<FuzzCategory> _used = new();
    private readonly Dictionary<string, Scope> _namespaceScopes = new(StringComparer.Ordinal);
    private readonly List<FileBuilder> _files = new();
    private readonly List<RowInfo> _rows = new();
    private LanguageVersion _languageVersion;
    private bool _globalUsingLogRegGen;
    private int _counter;

    private DeclarationFuzzer(Random random, IReadOnlyCollection<FuzzCategory> excluded)
    {
        _random = random;
        _excluded = excluded;
    }

    /// <summary>The case of this seed and index; <paramref name="excluded"/> kinds of input are never written.</summary>
    public static FuzzCase Create(int seed, int index, IReadOnlyCollection<FuzzCategory> excluded)
    {
        var fuzzer = new DeclarationFuzzer(new Random(FuzzSettings.CaseSeed(seed, index)), excluded);
        return fuzzer.Build(seed, index);
    }

    private FuzzCase Build(int seed, int index)
    {
        _languageVersion = Weighted((LanguageVersion.CSharp12, 6), (LanguageVersion.CSharp13, 2), (LanguageVersion.Preview, 2));
        NullableContextOptions nullable = Weighted(
            (NullableContextOptions.Enable, 7),
            (NullableContextOptions.Disable, 2),
            (NullableContextOptions.Warnings, 1),
            (NullableContextOptions.Annotations, 1));

        _namespaceScopes[""] = new Scope(null);
        _globalUsingLogRegGen = Chance(0.1);
        int fileCount = Weighted((1, 55), (2, 30), (3, 15));
        for (int i = 0; i < fileCount; i++)
        {
            _files.Add(NewFile(i));
        }

        int rowCount = Weighted((1, 20), (2, 30), (3, 25), (4, 15), (6, 10));
        for (int i = 0; i < rowCount; i++)
        {
            AddRow();
        }

        if (Chance(0.04))
        {
            AddUserAttributeNamedLikeOurs();
        }

        ImmutableArray<FuzzFile> files = _files.Select(f => new FuzzFile($"Input{f.Index}.cs", f.Render())).ToImmutableArray();
        if (Chance(0.03))
        {
            files = Break(files);
        }

        return new FuzzCase(seed, index, _languageVersion, nullable, files, new FuzzFile("Usage.cs", WriteUsage()), _used.ToImmutableSortedSet());
    }

    // ----- Files, namespaces and containers -----

    private FileBuilder NewFile(int index)
    {
        var file = new FileBuilder(index);
        if (index == 0 && _globalUsingLogRegGen)
        {
            file.Usings.Add("global using LogRegGen;");
        }

        file.UsesLogRegGen = _globalUsingLogRegGen || Chance(0.85);
        if (file.UsesLogRegGen && !_globalUsingLogRegGen)
        {
            file.Usings.Add("using LogRegGen;");
        }

        file.UsesSystem = Chance(0.5);
        if (file.UsesSystem)
        {
            file.Usings.Add("using System;");
        }

        if (Chance(0.06))
        {
            file.ModelAlias = Pick(new[] { "LM", "Logistic" });
            file.Usings.Add($"using {file.ModelAlias} = LogRegGen.LogisticModelAttribute;");
        }

        if (Chance(0.06))
        {
            file.NumberAlias = "Num";
            file.Usings.Add("using Num = System.Double;");
        }

        if (Chance(0.03))
        {
            file.Usings.Add("using static System.Math;");
        }

        double layout = _random.NextDouble();
        if (layout < 0.4)
        {
            file.FileScoped = true;
            file.Sections.Add(new Section(file, NewNamespace(), fileScoped: true));
        }
        else if (layout < 0.55)
        {
            file.GlobalOnly = true;
            file.Sections.Add(new Section(file, null, fileScoped: false));
        }

        return file;
    }

    /// <summary>A namespace (dotted, as written) whose every segment is free to be a namespace.</summary>
    private string NewNamespace()
    {
        for (int attempt = 0; attempt < 6; attempt++)
        {
            string candidate;
            double p = _random.NextDouble();
            if (p < 0.03 && Allowed(FuzzCategory.TypeNamedVarOrNint))
            {
                candidate = Pick(new[] { "var", "Sample.var", "@var", "nint", "A.nint" });
            }
            else if (p < 0.63)
            {
                candidate = Pick(s_namespaces);
            }
            else if (p < 0.93)
            {
                candidate = Pick(s_edgeNamespaces);
            }
            else
            {
                candidate = RandomIdentifier().Source + (Chance(0.5) ? "." + RandomIdentifier().Source : "");
            }

            bool generatorsNamespace = Unescape(candidate) == "LogRegGen.Generated" || candidate.StartsWith("LogRegGen.Generated.", StringComparison.Ordinal);
            if (generatorsNamespace && !Allowed(FuzzCategory.TypeInTheGeneratorsNamespace))
            {
                continue;
            }

            if (TryRegisterNamespace(candidate))
            {
                if (generatorsNamespace)
                {
                    Use(FuzzCategory.TypeInTheGeneratorsNamespace);
                }

                if (candidate.Split('.').Any(s => Unescape(s) is "var" or "nint" or "nuint"))
                {
                    Use(FuzzCategory.TypeNamedVarOrNint);
                }

                if (!s_namespaces.Contains(candidate))
                {
                    Use(FuzzCategory.EdgeTypeName);
                }

                return candidate;
            }
        }

        string fallback = "Fuzz" + _counter++ + "Ns";
        TryRegisterNamespace(fallback);
        return fallback;
    }

    private bool TryRegisterNamespace(string dotted)
    {
        string[] segments = dotted.Split('.').Select(Unescape).ToArray();
        string path = "";
        for (int i = 0; i < segments.Length && _namespaceScopes.TryGetValue(path, out Scope? parent); i++)
        {
            if (!parent.CanAddNamespace(segments[i]))
            {
                return false;
            }

            path = path.Length == 0 ? segments[i] : path + "." + segments[i];
        }

        path = "";
        foreach (string segment in segments)
        {
            _namespaceScopes[path].AddNamespace(segment);
            path = path.Length == 0 ? segment : path + "." + segment;
            if (!_namespaceScopes.ContainsKey(path))
            {
                _namespaceScopes[path] = new Scope(null);
            }
        }

        return true;
    }

    private Section ChooseSection()
    {
        FileBuilder file = Pick(_files);
        if (file.FileScoped || file.GlobalOnly)
        {
            return file.Sections[0];
        }

        if (file.Sections.Count > 0 && Chance(0.45))
        {
            return Pick(file.Sections);
        }

        Section section = Chance(0.2)
            ? file.Sections.FirstOrDefault(s => s.Namespace is null) ?? new Section(file, null, fileScoped: false)
            : new Section(file, Chance(0.3) && _files.SelectMany(f => f.Sections).FirstOrDefault(s => s.Namespace is not null) is { } existing
                ? existing.Namespace
                : NewNamespace(), fileScoped: false);
        if (!file.Sections.Contains(section))
        {
            file.Sections.Add(section);
        }

        return section;
    }

    private Scope NamespaceScope(Section section) => _namespaceScopes[section.NamespaceValue];

    /// <summary>Where a row goes: the top level of a section, or inside a (new or existing) container.</summary>
    private Place ChoosePlace(Section section)
    {
        var top = new Place(section, null, NamespaceScope(section));
        if (section.Namespace is null)
        {
            Use(FuzzCategory.GlobalNamespace);
        }

        if (!Chance(0.3))
        {
            return top;
        }

        Use(FuzzCategory.NestedRow);
        List<Place> containers = section.Containers;
        if (containers.Count > 0 && Chance(0.4))
        {
            return Pick(containers);
        }

        Place place = NewContainer(top);
        if (Chance(0.2))
        {
            place = NewContainer(place);
        }

        return place;
    }

    private Place NewContainer(Place outer)
    {
        ContainerKind kind = Weighted(
            (ContainerKind.StaticClass, 30), (ContainerKind.Class, 25), (ContainerKind.SealedClass, 5), (ContainerKind.Struct, 10),
            (ContainerKind.Record, 10), (ContainerKind.RecordStruct, 5), (ContainerKind.Interface, 5));
        bool generic = Chance(0.08);
        bool fileLocal = outer.Container is null && Chance(0.04);
        string access = fileLocal ? "file" : ContainerAccessibility(outer);
        Name name = NewTypeName(outer.Scope, outer.Section, Chance(0.7) ? new Name[] { "Outer", "Container", "Lungs", "Brain", "Group", "Models", "Holder" } : null);

        if (generic)
        {
            Use(FuzzCategory.GenericContainer);
        }

        if (fileLocal)
        {
            Use(FuzzCategory.FileLocal);
        }

        bool partial = Chance(0.15);
        if (partial && outer.Container is null && kind is ContainerKind.Class or ContainerKind.SealedClass or ContainerKind.StaticClass)
        {
            // A top-level partial class is where a model of that name would go: it may not merge (a pending fix).
            if (_rows.Any(r => r.ModelName == name.Value && r.Place.Section.NamespaceValue == outer.Section.NamespaceValue))
            {
                partial = Allowed(FuzzCategory.UnmergeableUserPartialModel);
                if (partial)
                {
                    Use(FuzzCategory.UnmergeableUserPartialModel);
                }
            }

            if (partial)
            {
                outer.Scope.PartialClasses.Add(name.Value);
            }
        }

        string keyword = kind switch
        {
            ContainerKind.StaticClass => "static " + Partial(partial) + "class",
            ContainerKind.SealedClass => "sealed " + Partial(partial) + "class",
            ContainerKind.Class => Partial(partial) + "class",
            ContainerKind.Struct => Partial(partial) + "struct",
            ContainerKind.Record => Partial(partial) + "record",
            ContainerKind.RecordStruct => Partial(partial) + "record struct",
            _ => Partial(partial) + "interface",
        };

        var lines = new List<string>();
        if (Chance(0.03) && Allowed(FuzzCategory.ObsoleteOrExperimental))
        {
            Use(FuzzCategory.ObsoleteOrExperimental);
            lines.Add(ObsoleteAttribute(outer.Section.File));
        }

        lines.Add($"{Modifiers(access)}{keyword} {name.Source}{(generic ? "<T>" : "")}");
        var node = new TypeNode(lines);
        outer.Items.Add(node);

        var place = new Place(outer.Section, node, new Scope(name.Value))
        {
            Kind = kind,
            Generic = outer.Generic || generic,
            Spelling = outer.Spelling + name.Source + (generic ? "<int>" : "") + ".",
            PublicChain = outer.PublicChain && IsPublic(access, outer),
            Outer = outer,
        };
        outer.Section.Containers.Add(place);
        return place;
    }

    private string ContainerAccessibility(Place outer)
    {
        if (outer.Container is null)
        {
            return Weighted(("public", 6), ("internal", 3), ("", 1));
        }

        return Weighted(("public", 5), ("internal", 3), ("private", 1), ("", 1));
    }

    // ----- Rows -----

    private void AddRow()
    {
        Section section = ChooseSection();
        Place place = ChoosePlace(section);
        var row = new RowInfo { Place = place };

        row.Kind = Weighted(
            (RowKind.RecordClass, 28), (RowKind.RecordStruct, 33), (RowKind.Struct, 19), (RowKind.Class, 16),
            (RowKind.StaticClass, 1), (RowKind.RefStruct, 1));
        bool isRecord = row.Kind is RowKind.RecordClass or RowKind.RecordStruct;
        row.Readonly = row.Kind is RowKind.RecordStruct or RowKind.Struct && Chance(0.35);
        row.Positional = isRecord && Chance(0.75);
        row.PrimaryConstructor = row.Kind is RowKind.Class or RowKind.Struct && Chance(0.06);
        row.Generic = Chance(0.015);
        row.Partial = Chance(0.12);
        row.Sealed = row.Kind is RowKind.Class or RowKind.RecordClass && Chance(0.3);
        row.Abstract = !row.Sealed && row.Kind is RowKind.Class && Chance(0.05);
        row.Name = NewTypeName(place.Scope, section, null);
        row.Members = new Scope(row.Name.Value);
        foreach (Name reserved in s_reservedMemberNames)
        {
            row.Members.AddType(reserved.Value);
        }

        if (row.Generic)
        {
            Use(FuzzCategory.GenericRow);
            row.Members.AddType("T");
        }

        if (row.PrimaryConstructor)
        {
            Use(FuzzCategory.PrimaryConstructor);
        }

        row.Access = RowAccessibility(place);
        if (row.Access == "file")
        {
            Use(FuzzCategory.FileLocal);
        }

        if (row.Partial)
        {
            Use(FuzzCategory.PartialRow);
        }

        if (row.Partial && place.Container is null && row.Kind is RowKind.Class or RowKind.StaticClass)
        {
            // A partial class is where a model of its name goes: it may not merge (a pending fix).
            Scope names = NamespaceScope(section);
            if (_rows.Any(r => r.ModelName == row.Name.Value && r.Place.Section.NamespaceValue == section.NamespaceValue))
            {
                row.Partial = Allowed(FuzzCategory.UnmergeableUserPartialModel);
                if (row.Partial)
                {
                    Use(FuzzCategory.UnmergeableUserPartialModel);
                }
            }

            if (row.Partial)
            {
                names.PartialClasses.Add(row.Name.Value);
            }
        }

        if (row.Kind is RowKind.Class or RowKind.RecordClass && Chance(0.15))
        {
            AddBase(row);
        }

        AddMembers(row);

        string attribute = LogisticModelAttribute(row, place.Section.File);
        WriteRow(row, attribute);
        _rows.Add(row);

        if (row.ModelName is { } modelName && !place.Generic && !row.Generic && Chance(0.08))
        {
            AddUserTypeWithModelName(row, modelName);
        }
    }

    private string RowAccessibility(Place place)
    {
        if (place.Container is null)
        {
            return Weighted(("public", 60), ("internal", 25), ("", 10), ("file", 4));
        }

        bool protectedAllowed = place.Kind is ContainerKind.Class or ContainerKind.SealedClass or ContainerKind.Record;
        return protectedAllowed
            ? Weighted(("public", 50), ("internal", 25), ("private", 6), ("protected", 4), ("protected internal", 4), ("private protected", 3), ("", 3))
            : place.Kind is ContainerKind.Interface
                ? Weighted(("public", 6), ("internal", 3), ("", 2))
                : Weighted(("public", 60), ("internal", 25), ("private", 8), ("", 4));
    }

    /// <summary>A base type in the same place, declared first, whose members the row inherits.</summary>
    private void AddBase(RowInfo row)
    {
        Use(FuzzCategory.BaseType);
        Place place = row.Place;
        Name name = NewTypeName(place.Scope, place.Section, new Name[] { "BaseRow", "Basic", "Common", "Measurements", "Parent" });
        bool record = row.Kind == RowKind.RecordClass;
        bool positional = record && row.Positional && Chance(0.5);
        bool generic = Chance(0.2);
        var members = new List<string>();
        var parameters = new List<string>();
        int count = Weighted((1, 4), (2, 4), (3, 2));
        for (int i = 0; i < count; i++)
        {
            Name memberName = NewMemberName(row.Members);
            row.BaseMembers.Add(memberName);
            bool label = row.BaseLabel is false && Chance(0.15);
            TypeChoice type = generic && i == 0 ? new TypeChoice("T", Reference: false) : NumericType(place.Section.File, allowNonNumeric: true);
            string attributes = label ? $"[{LabelSpelling(place.Section.File)}] " : "";
            row.BaseLabel |= label;
            if (Chance(0.04) && Allowed(FuzzCategory.ObsoleteOrExperimental))
            {
                Use(FuzzCategory.ObsoleteOrExperimental);
                attributes = (positional ? "[property: " : "[") + ObsoleteAttribute(place.Section.File).Trim('[', ']') + "] " + attributes;
            }

            if (positional)
            {
                parameters.Add($"{attributes}{type.Spelling} {memberName.Source}");
            }
            else
            {
                string initializer = type.Reference || type.Spelling == "T" ? " = default!;" : "";
                members.Add($"{attributes}public {type.Spelling} {memberName.Source} {{ get; {(record ? "init" : "set")}; }}{initializer}");
            }

            row.BaseParameterTypes.Add(type.Spelling);
        }

        string keyword = record ? "record" : "class";
        string modifiers = Modifiers(row.Access) + (Chance(0.3) ? "abstract " : "");
        var lines = new List<string>();
        if (Chance(0.2))
        {
            lines.Add($"[{LogisticModelSpelling(place.Section.File)}]");
        }

        lines.Add($"{modifiers}{keyword} {name.Source}{(generic ? "<T>" : "")}{(positional ? "(" + string.Join(", ", parameters) + ")" : "")}");
        lines.Add("{");
        lines.AddRange(members.Select(m => "    " + m));
        lines.Add("}");
        place.Items.Add(new TextNode(lines));

        string typeArgument = NumericType(place.Section.File, allowNonNumeric: false).Spelling;
        row.BaseSpelling = name.Source + (generic ? "<" + typeArgument + ">" : "");
        if (positional)
        {
            // Typed arguments: an untyped default would be ambiguous with the copy constructor of a one-parameter base.
            row.BaseSpelling += "(" + string.Join(", ", row.BaseParameterTypes.Select(t => $"default({(t == "T" ? typeArgument : t)})!")) + ")";
        }
    }

    private void AddMembers(RowInfo row)
    {
        FileBuilder file = row.Place.Section.File;
        int labels = Weighted((0, 8), (1, 84), (2, 8));
        int features = Weighted((0, 4), (1, 20), (2, 25), (3, 20), (4, 12), (5, 10), (6, 8), (-1, 1));
        if (features < 0)
        {
            Use(FuzzCategory.ManyFeatures);
            features = _random.Next(60, 71);
        }

        var roles = new List<Role>();
        roles.AddRange(Enumerable.Repeat(Role.Feature, features));
        roles.AddRange(Enumerable.Repeat(Role.Label, row.BaseLabel ? Math.Max(0, labels - 1) : labels));
        roles.AddRange(Enumerable.Repeat(Role.Ignored, Weighted((0, 8), (1, 2), (2, 1))));
        roles.AddRange(Enumerable.Repeat(Role.Unsupported, Weighted((0, 6), (1, 3), (2, 1))));
        roles.AddRange(Enumerable.Repeat(Role.Other, Weighted((0, 4), (1, 3), (2, 2), (3, 1))));
        Shuffle(roles);

        // A label is usually last, as people write it.
        if (roles.Contains(Role.Label) && Chance(0.6))
        {
            roles.Remove(Role.Label);
            roles.Add(Role.Label);
        }

        foreach (Role role in roles)
        {
            if (role == Role.Other)
            {
                AddOtherMember(row, file);
            }
            else
            {
                AddDataMember(row, file, role);
            }
        }

        if (row.BaseMembers.Count > 0 && Chance(0.3))
        {
            HideBaseMember(row, file);
        }
    }

    private void AddDataMember(RowInfo row, FileBuilder file, Role role)
    {
        Name name = NewMemberName(row.Members);
        TypeChoice type = role switch
        {
            Role.Label => LabelType(row, file),
            Role.Unsupported => NonNumericType(row, file),
            Role.Ignored => Chance(0.6) ? NumericType(file, allowNonNumeric: false) : NonNumericType(row, file),
            _ => NumericType(file, allowNonNumeric: false),
        };

        bool positional = row.Positional && Chance(0.65) && row.Kind != RowKind.StaticClass;
        var attributes = new List<string>();
        string target = "";
        if (role is Role.Label or Role.Ignored)
        {
            if (positional)
            {
                target = Weighted(("", 85), ("property: ", 10), ("param: ", 3), ("field: ", 2));
            }

            attributes.Add(role == Role.Label ? LabelSpelling(file) : IgnoreSpelling(file));
        }

        if (Chance(0.015) && Allowed(FuzzCategory.ObsoleteOrExperimental))
        {
            Use(FuzzCategory.ObsoleteOrExperimental);
            attributes.Add(ObsoleteAttribute(file).Trim('[', ']'));
            if (positional && target.Length == 0)
            {
                target = "property: ";
            }
        }

        string attributeText = attributes.Count == 0 ? "" : "[" + target + string.Join(", ", attributes) + "] ";
        if (positional)
        {
            row.Parameters.Add($"{attributeText}{type.Spelling} {name.Source}");
            return;
        }

        // A label on a member that is not public is no label (LRG001).
        string access = role == Role.Label && Chance(0.03) ? "internal " : "public ";
        row.Body.Add(attributeText + DataMember(row, access, type, name.Source));
    }

    /// <summary>A readable instance member: a field or one of the kinds of property.</summary>
    private string DataMember(RowInfo row, string access, TypeChoice type, string name)
    {
        if (row.Kind == RowKind.StaticClass)
        {
            return $"{access}static {type.Spelling} {name} {{ get; set; }}";
        }

        bool readOnly = row.Readonly;
        bool initializers = row.Kind is RowKind.Class or RowKind.RecordClass || row.PrimaryConstructor || row.Positional;
        string initializer = initializers && (type.Reference || Chance(0.2)) ? " = default!;" : "";
        MemberKind kind = Weighted(
            (MemberKind.Field, 20), (MemberKind.AutoProperty, 35), (MemberKind.GetOnly, 10), (MemberKind.Init, 10),
            (MemberKind.PrivateSet, 5), (MemberKind.Computed, 8), (MemberKind.ComputedBlock, 3), (MemberKind.Required, 5),
            (MemberKind.Volatile, 1));
        switch (kind)
        {
            case MemberKind.Field:
                return $"{access}{(readOnly ? "readonly " : "")}{type.Spelling} {name}{(initializer.Length > 0 ? initializer : ";")}";
            case MemberKind.Volatile when !readOnly && type.Spelling is "float" or "int" or "bool" or "short" or "byte":
                return $"{access}volatile {type.Spelling} {name};";
            case MemberKind.GetOnly:
                return $"{access}{type.Spelling} {name} {{ get; }}{initializer}";
            case MemberKind.Init:
                return $"{access}{type.Spelling} {name} {{ get; init; }}{initializer}";
            case MemberKind.PrivateSet when !readOnly:
                return $"{access}{type.Spelling} {name} {{ get; private set; }}{initializer}";
            case MemberKind.Computed:
                return $"{access}{type.Spelling} {name} => default!;";
            case MemberKind.ComputedBlock:
                return $"{access}{type.Spelling} {name} {{ get {{ return default!; }} }}";
            case MemberKind.Required when access == "public ":
                return $"{access}required {type.Spelling} {name} {{ get; {(readOnly ? "init" : "set")}; }}";
            default:
                return $"{access}{type.Spelling} {name} {{ get; {(readOnly ? "init" : "set")}; }}{initializer}";
        }
    }

    /// <summary>Members that are not features: static, const, non-public, write-only, indexers, methods, events, nested types.</summary>
    private void AddOtherMember(RowInfo row, FileBuilder file)
    {
        bool structLike = row.Kind is RowKind.Struct or RowKind.RecordStruct or RowKind.RefStruct;
        bool isStatic = row.Kind == RowKind.StaticClass;
        string instance = isStatic ? "static " : "";
        TypeChoice type = Chance(0.7) ? NumericType(file, allowNonNumeric: false) : NonNumericType(row, file);
        int kind = _random.Next(14);
        if (kind == 8 && (row.HasIndexer || isStatic || !row.Members.TryAddType("Item")))
        {
            kind = 0;
        }

        if (kind == 9 && (structLike || isStatic || row.Sealed))
        {
            kind = 1;
        }

        string? line = null;
        switch (kind)
        {
            case 0:
                line = $"public static {type.Spelling} {NewMemberName(row.Members).Source} {{ get; set; }}{(type.Reference ? " = default!;" : "")}";
                break;
            case 1:
                line = $"public static readonly {type.Spelling} {NewMemberName(row.Members).Source} = default!;";
                break;
            case 2:
                TypeChoice constant = Pick(new[] { "float", "double", "int", "long", "bool", "string", "decimal", "char", "byte" }
                    .Select(s => new TypeChoice(s, Reference: s == "string")).ToArray());
                line = $"public const {constant.Spelling} {NewMemberName(row.Members).Source} = default;";
                break;
            case 3:
                line = $"private {(row.Readonly ? "readonly " : "")}{instance}{type.Spelling} {NewMemberName(row.Members).Source};";
                break;
            case 4:
                line = $"internal {instance}{type.Spelling} {NewMemberName(row.Members).Source} {{ get; {(row.Readonly ? "init" : "set")}; }}";
                break;
            case 5:
                line = $"public {instance}{type.Spelling} {NewMemberName(row.Members).Source} {{ set {{ }} }}";
                break;
            case 6:
                line = $"public {instance}{type.Spelling} {NewMemberName(row.Members).Source}() => default!;";
                break;
            case 7:
                line = $"public {instance}void {NewMemberName(row.Members).Source}() {{ }}";
                break;
            case 8:
                row.HasIndexer = true;
                line = $"public {type.Spelling} this[int index] => default!;";
                break;
            case 9:
                line = $"protected {type.Spelling} {NewMemberName(row.Members).Source} {{ get; set; }}";
                break;
            case 10:
                string action = file.UsesSystem && Chance(0.5) ? "Action" : "System.Action";
                line = row.Readonly || isStatic && Chance(0.5)
                    ? $"public {instance}event {action} {NewMemberName(row.Members).Source} {{ add {{ }} remove {{ }} }}"
                    : $"public {instance}event {action}? {NewMemberName(row.Members).Source};";
                break;
            case 11:
                Name nested = NewMemberName(row.Members);
                line = $"public enum {nested.Source} {{ First, Second }}";
                if (!isStatic && Chance(0.6))
                {
                    row.Body.Add(line);
                    line = DataMember(row, "public ", new TypeChoice(nested.Source, Reference: false), NewMemberName(row.Members).Source);
                }

                break;
            case 12:
                line = $"internal {instance}{(row.Readonly ? "readonly " : "")}{type.Spelling} {NewMemberName(row.Members).Source};";
                break;
            default:
                line = $"private {instance}{type.Spelling} {NewMemberName(row.Members).Source} => default!;";
                break;
        }

        row.Body.Add(line);
    }

    /// <summary>
    /// A derived row's member of a base member's name: a property or field (a legal redeclaration), or a
    /// method or static member that hides the base feature (a pending fix).
    /// </summary>
    private void HideBaseMember(RowInfo row, FileBuilder file)
    {
        Name name = Pick(row.BaseMembers);
        if (Chance(0.5) && Allowed(FuzzCategory.BaseFeatureHiddenByMethodOrStatic))
        {
            Use(FuzzCategory.BaseFeatureHiddenByMethodOrStatic);
            row.Body.Add(Weighted(
                ($"public new void {name.Source}() {{ }}", 1),
                ($"public new float {name.Source}() => 1f;", 1),
                ($"public new static float {name.Source} {{ get; set; }}", 1),
                ($"public new const int {name.Source} = 1;", 1),
                ($"private new float {name.Source} => 1f;", 1)));
            return;
        }

        TypeChoice type = NumericType(file, allowNonNumeric: true);
        string initializer = type.Reference ? " = default!;" : "";
        row.Body.Add(Chance(0.5)
            ? $"public new {type.Spelling} {name.Source} {{ get; set; }}{initializer}"
            : $"public new {type.Spelling} {name.Source}{(initializer.Length > 0 ? initializer : ";")}");
    }

    private void WriteRow(RowInfo row, string attribute)
    {
        FileBuilder file = row.Place.Section.File;
        string keyword = row.Kind switch
        {
            RowKind.RecordClass => Chance(0.8) ? "record" : "record class",
            RowKind.RecordStruct => "record struct",
            RowKind.Struct or RowKind.RefStruct => "struct",
            _ => "class",
        };

        string modifiers = Modifiers(row.Access)
            + (row.Kind == RowKind.StaticClass ? "static " : "")
            + (row.Sealed ? "sealed " : "")
            + (row.Abstract ? "abstract " : "")
            + (row.Readonly ? "readonly " : "")
            + (row.Kind == RowKind.RefStruct ? "ref " : "")
            + (row.Partial ? "partial " : "");

        string parameters = "";
        if (row.Positional)
        {
            parameters = "(" + string.Join(", ", row.Parameters) + ")";
        }
        else if (row.PrimaryConstructor)
        {
            parameters = "(float fromConstructor)";
            row.Body.Insert(0, $"public float FromConstructor{_counter++} {{ get; }} = fromConstructor;");
        }

        string baseList = row.BaseSpelling is null ? "" : " : " + row.BaseSpelling;
        string header = $"{modifiers}{keyword} {row.Name.Source}{(row.Generic ? "<T>" : "")}";

        var typeAttributes = new List<string> { attribute };
        if (Chance(0.04) && Allowed(FuzzCategory.ObsoleteOrExperimental))
        {
            Use(FuzzCategory.ObsoleteOrExperimental);
            typeAttributes.Add(ObsoleteAttribute(file));
        }

        if (Chance(0.05))
        {
            typeAttributes.Add(Pick(new[] { "[System.Serializable]", "[System.Diagnostics.DebuggerDisplay(\"{ToString()}\")]", "[System.ComponentModel.Description(\"A row\")]" }));
        }

        Shuffle(typeAttributes);
        if (row.Partial)
        {
            // Members split between two parts; the attribute on either; the second part here or in another section of the namespace.
            int split = _random.Next(row.PrimaryConstructor ? 1 : 0, row.Body.Count + 1);
            bool attributeFirst = Chance(0.5);
            var first = new List<string>(attributeFirst ? typeAttributes : new List<string>());
            first.Add(header + parameters + baseList);
            AddBody(first, row.Body.Take(split).ToList(), row.Positional);
            var second = new List<string>(attributeFirst ? new List<string>() : typeAttributes);
            second.Add(header);
            AddBody(second, row.Body.Skip(split).ToList(), positional: false);

            row.Place.Items.Add(new TextNode(first));
            Section? other = row.Place.Container is null && row.Access != "file" && Chance(0.3)
                ? _files.SelectMany(f => f.Sections).FirstOrDefault(s => s != row.Place.Section
                    && s.NamespaceValue == row.Place.Section.NamespaceValue
                    && s.Namespace is not null
                    && s.File.UsesSystem == file.UsesSystem
                    && s.File.UsesLogRegGen == file.UsesLogRegGen
                    && s.File.ModelAlias == file.ModelAlias
                    && s.File.NumberAlias == file.NumberAlias)
                : null;
            (other?.Items ?? row.Place.Items).Add(new TextNode(second));
            return;
        }

        var lines = new List<string>(typeAttributes) { header + parameters + baseList };
        AddBody(lines, row.Body, row.Positional);
        row.Place.Items.Add(new TextNode(lines));
    }

    private static void AddBody(List<string> lines, List<string> body, bool positional)
    {
        if (body.Count == 0 && positional)
        {
            lines[^1] += ";";
            return;
        }

        lines.Add("{");
        lines.AddRange(body.Select(m => "    " + m));
        lines.Add("}");
    }

    // ----- The attribute and ModelName -----

    private string LogisticModelAttribute(RowInfo row, FileBuilder file)
    {
        string spelling = LogisticModelSpelling(file);
        string defaultName = row.Name.Value + "Model";
        bool defaultIsPartialClass = NamespaceScope(row.Place.Section).PartialClasses.Contains(defaultName);
        if (!Chance(0.3) && (!defaultIsPartialClass || Allowed(FuzzCategory.UnmergeableUserPartialModel)))
        {
            if (defaultIsPartialClass)
            {
                Use(FuzzCategory.UnmergeableUserPartialModel);
            }

            row.ModelName = defaultName;
            return Chance(0.1) ? $"[{spelling}()]" : $"[{spelling}]";
        }

        Use(FuzzCategory.ModelName);
        string name;
        double p = _random.NextDouble();
        if (p < 0.3)
        {
            name = RandomIdentifier().Value + (Chance(0.5) ? "Model" : "");
        }
        else if (p < 0.6)
        {
            Use(FuzzCategory.EdgeModelName);
            name = Pick(Weighted((s_keywordModelNames, 4), (s_generatedMemberModelNames, 4), (s_oddModelNames, 3)));
        }
        else if (p < 0.92 || !Allowed(FuzzCategory.ModelNameOfImportedName))
        {
            Use(FuzzCategory.EdgeModelName);
            name = NameFromThisCase(row) ?? defaultName;
        }
        else
        {
            Use(FuzzCategory.ModelNameOfImportedName);
            name = Pick(s_importedModelNames);
        }

        if (!Allowed(FuzzCategory.ModelNameOfImportedName) && s_importedModelNames.Contains(name))
        {
            name = RandomIdentifier().Value + "Model";
        }

        if (row.Place.Section.NamespaceValue == "LogRegGen")
        {
            // In the runtime's namespace a model is a type of LogRegGen, which the kernels import next to System.*.
            FuzzCategory? category = s_runtimeTypeNames.Contains(name) ? FuzzCategory.RuntimeTypeNameInLogRegGenNamespace
                : s_generatedMemberModelNames.Contains(name) || s_edgeTypeNames.Any(n => n.Value == name) ? FuzzCategory.TypeInLogRegGenNamespaceNamedLikeAnImportedType
                : null;
            if (category is { } pending)
            {
                if (Allowed(pending))
                {
                    Use(pending);
                }
                else
                {
                    name = RandomIdentifier().Value + "Model";
                }
            }
        }

        if (NamespaceScope(row.Place.Section).PartialClasses.Contains(name))
        {
            // The name of a partial class of the user's (a container): the model would merge with it, and may not be able to.
            if (Allowed(FuzzCategory.UnmergeableUserPartialModel))
            {
                Use(FuzzCategory.UnmergeableUserPartialModel);
            }
            else
            {
                name = RandomIdentifier().Value + "Model";
            }
        }

        row.ModelName = name.Length == 0 ? defaultName : name;
        string argument = Weighted(
            (Quote(name), 80),
            ("@\"" + name.Replace("\"", "\"\"") + "\"", 4),
            (name.Length > 1 && !char.IsSurrogate(name[0]) ? Quote(name.Substring(0, 1)) + " + " + Quote(name.Substring(1)) : Quote(name), 5),
            (name == row.Name.Value && !row.Generic ? $"nameof({row.Name.Source})" : Quote(name), 4),
            ("null", 3),
            ("\"\"", 4));
        if (argument is "null" or "\"\"")
        {
            row.ModelName = defaultName;
        }

        return $"[{spelling}(ModelName = {argument})]";
    }

    /// <summary>A name already in the case: the row's own, a container's, the namespace's, another row's or its model's, a type of the namespace.</summary>
    private string? NameFromThisCase(RowInfo row)
    {
        var candidates = new List<string> { row.Name.Value, row.Name.Value.ToLowerInvariant() + "model", row.Name.Value + "MODEL" };
        if (row.Place.Section.Namespace is { } ns)
        {
            candidates.Add(Unescape(ns.Split('.').Last()));
        }

        for (Place? place = row.Place; place?.Container is not null; place = place.Outer)
        {
            candidates.Add(place.Scope.OwnName!);
        }

        foreach (RowInfo other in _rows)
        {
            candidates.Add(other.Name.Value);
            if (other.ModelName is not null)
            {
                candidates.Add(other.ModelName);
            }
        }

        candidates.AddRange(NamespaceScope(row.Place.Section).Names.Keys);
        return candidates.Count == 0 ? null : Pick(candidates);
    }

    /// <summary>
    /// A user declaration with the model's name in the row's namespace: a partial class that extends the
    /// model (it merges), one that cannot merge (a pending fix), or a type that collides (LRG008).
    /// </summary>
    private void AddUserTypeWithModelName(RowInfo row, string modelName)
    {
        if (!SyntaxFacts.IsValidIdentifier(modelName) || SyntaxFacts.GetKeywordKind(modelName) != SyntaxKind.None)
        {
            return;
        }

        if (modelName is "var" or "nint" or "nuint")
        {
            if (!Allowed(FuzzCategory.TypeNamedVarOrNint))
            {
                return;
            }

            Use(FuzzCategory.TypeNamedVarOrNint);
        }

        Section section = row.Place.Section;
        Scope scope = NamespaceScope(section);
        if (scope.Names.ContainsKey(modelName))
        {
            return;
        }

        // Another row's model of that name may be of other accessibility than this row's (a pending fix).
        bool shared = _rows.Any(r => r != row && r.ModelName == modelName && r.Place.Section.NamespaceValue == section.NamespaceValue);
        if (shared && !Allowed(FuzzCategory.UnmergeableUserPartialModel))
        {
            return;
        }

        if (shared)
        {
            Use(FuzzCategory.UnmergeableUserPartialModel);
        }

        Use(FuzzCategory.UserTypeWithModelName);
        bool isPublic = IsPublic(row.Access, row.Place) && row.Place.PublicChain;
        string matching = isPublic ? "public" : Weighted(("internal", 3), ("", 1));
        string declaration;
        double p = _random.NextDouble();
        if (p < 0.5)
        {
            declaration = $"{Modifiers(matching)}{(Chance(0.3) ? "sealed " : "")}partial class {modelName}";
        }
        else if (p < 0.75)
        {
            declaration = Weighted(
                ($"public partial struct {modelName}", 1),
                ($"public partial record {modelName}", 1),
                ($"public class {modelName}", 1),
                ($"public enum {modelName}", 1),
                ($"public interface {modelName}", 1));
        }
        else if (Allowed(FuzzCategory.UnmergeableUserPartialModel))
        {
            Use(FuzzCategory.UnmergeableUserPartialModel);
            declaration = Weighted(
                ($"{Modifiers(matching)}static partial class {modelName}", 1),
                ($"{Modifiers(matching)}abstract partial class {modelName}", 1),
                ($"{(isPublic ? "internal" : "public")} partial class {modelName}", 2));
        }
        else
        {
            return;
        }

        scope.AddType(modelName);
        if (declaration.Contains("partial class", StringComparison.Ordinal))
        {
            scope.PartialClasses.Add(modelName);
        }

        bool isEnum = declaration.Contains(" enum ", StringComparison.Ordinal);
        bool isInterface = declaration.Contains(" interface ", StringComparison.Ordinal);
        string body = isEnum ? "First, Second" : isInterface ? "int FuzzExtra { get; }" : declaration.Contains("static", StringComparison.Ordinal) ? "public static int FuzzExtra => 1;" : "public int FuzzExtra => 1;";
        if (body == "public int FuzzExtra => 1;" && declaration.Contains("partial class", StringComparison.Ordinal) && Chance(0.3))
        {
            // A member of the user's part of the model: some the generated part declares too (LRG008),
            // some overloads beside the generated ones (fine).
            body = Pick(new[]
            {
                "public float Bias => 0f;",
                "public int FeatureVector => 0;",
                $"public {modelName}() {{ }}",
                "public string ToJson() => \"\";",
                "public void Save(string path) { }",
                "public string ToJson(int indent) => \"\";",
                "public void Save(string path, bool overwrite) { }",
                $"public {modelName}(int id) {{ }}",
            });
        }

        section.Items.Add(new TextNode(new List<string> { declaration, "{", "    " + body, "}" }));
    }

    /// <summary>Whether a type declared with this accessibility in <paramref name="place"/> is public (in an interface, no modifier means public).</summary>
    private static bool IsPublic(string access, Place place) =>
        access == "public" || access.Length == 0 && place.Kind == ContainerKind.Interface;

    /// <summary>A user attribute class named like ours: <c>[Label]</c> in that namespace then means the user's, so there is no label.</summary>
    private void AddUserAttributeNamedLikeOurs()
    {
        Section section = ChooseSection();
        string name = Pick(new[] { "LabelAttribute", "IgnoreAttribute", "LogisticModelAttribute" });
        if (NamespaceScope(section).TryAddType(name))
        {
            Use(FuzzCategory.UserAttributeNamedLikeOurs);
            section.Items.Insert(0, new TextNode(new List<string> { $"public sealed class {name} : System.Attribute {{ public string? ModelName {{ get; set; }} }}" }));
        }
    }

    // ----- Types of members -----

    private TypeChoice NumericType(FileBuilder file, bool allowNonNumeric)
    {
        if (allowNonNumeric && Chance(0.15))
        {
            return SimpleNonNumericType(file);
        }

        string spelling = Weighted(
            ("float", 30), ("double", 12), ("int", 12), ("long", 4), ("short", 3), ("byte", 3), ("bool", 10),
            ("System.Single", 2), ("global::System.Double", 1), (file.UsesSystem ? "Single" : "float", 1),
            (file.UsesSystem ? "Int32" : "int", 1), (file.NumberAlias ?? "double", 1));
        return new TypeChoice(spelling, Reference: false);
    }

    private TypeChoice LabelType(RowInfo row, FileBuilder file)
    {
        if (Chance(0.08))
        {
            // An enum label (a multinomial model), or one of the enums that cannot be a label (LRG024-LRG026).
            string body = Weighted(
                ("{ A, B, C }", 6),
                ("{ Low = 10, High = -3, Middle = 4 }", 2),
                ("{ @class, @int, Größe, \\u0041lpha }", 2),
                ("{ First, Second }", 3),
                ("{ Only }", 1),
                ("{ }", 1),
                ("{ Small, Medium, Large, Default = Medium }", 1));
            string underlying = Weighted(("", 6), (" : byte", 1), (" : long", 1), (" : short", 1));
            if (underlying == " : byte" && body.Contains('-', StringComparison.Ordinal))
            {
                underlying = string.Empty;
            }

            string attributes = Chance(0.1) ? "[System.Flags] " : string.Empty;
            return new TypeChoice(SupportType(row.Place.Section, enumType: true, declaration: name => $"{attributes}public enum {name}{underlying} {body}"), Reference: false);
        }

        return Chance(0.85) ? new TypeChoice(Weighted(("bool", 60), ("float", 10), ("int", 8), ("double", 5), ("byte", 3), ("long", 2), ("short", 2)), Reference: false)
            : NonNumericType(row, file);
    }

    private TypeChoice NonNumericType(RowInfo row, FileBuilder file)
    {
        double p = _random.NextDouble();
        if (p < 0.12)
        {
            return new TypeChoice(SupportType(row.Place.Section, enumType: true), Reference: false);
        }

        if (p < 0.2)
        {
            return new TypeChoice(SupportType(row.Place.Section, enumType: false), Reference: false);
        }

        return SimpleNonNumericType(file);
    }

    private TypeChoice SimpleNonNumericType(FileBuilder file)
    {
        (string spelling, bool reference) = Weighted(
            (("decimal", false), 4), (("string", true), 6), (("string?", true), 2), (("char", false), 2), (("uint", false), 2),
            (("ulong", false), 1), (("ushort", false), 1), (("sbyte", false), 1), (("nint", false), 1), (("float?", false), 3),
            (("int?", false), 2), (("bool?", false), 2), (("double?", false), 1), (("float[]", true), 3), (("int[]", true), 1),
            ((file.UsesSystem ? "DateTime" : "System.DateTime", false), 3), (("System.Guid", false), 1),
            (("System.TimeSpan", false), 1), (("object", true), 1), (("(float, float)", false), 1), (("System.Half", false), 1),
            (("System.Collections.Generic.List<float>", true), 1), (("System.Func<float>", true), 1));
        return new TypeChoice(spelling, Reference: reference);
    }

    /// <summary>A public enum or struct at the top of the row's section, spelled with <c>global::</c>.</summary>
    private string SupportType(Section section, bool enumType, Func<string, string>? declaration = null)
    {
        Scope scope = NamespaceScope(section);
        string name = Pick(s_supportTypeNames);
        if (!scope.TryAddType(name))
        {
            name = name + _counter++;
            scope.AddType(name);
        }

        section.Items.Add(new TextNode(new List<string>
        {
            declaration is not null ? declaration(name)
                : enumType ? $"public enum {name} {{ None, Some, All }}" : $"public struct {name} {{ public float First; public float Second; }}",
        }));
        return section.Namespace is null ? "global::" + name : $"global::{section.Namespace}.{name}";
    }

    // ----- Spelling of our attributes -----

    private string LogisticModelSpelling(FileBuilder file)
    {
        if (file.ModelAlias is { } alias && Chance(0.7))
        {
            return alias;
        }

        return Qualified(file, "LogisticModel");
    }

    private string LabelSpelling(FileBuilder file) => Qualified(file, "Label");

    private string IgnoreSpelling(FileBuilder file) => Qualified(file, "Ignore");

    private string Qualified(FileBuilder file, string name)
    {
        string suffix = Chance(0.08) ? "Attribute" : "";
        if (file.UsesLogRegGen && Chance(0.85))
        {
            return name + suffix;
        }

        return (Chance(0.5) ? "LogRegGen." : "global::LogRegGen.") + name + suffix;
    }

    private string ObsoleteAttribute(FileBuilder file)
    {
        string obsolete = file.UsesSystem ? "Obsolete" : "System.Obsolete";
        return Weighted(
            ($"[{obsolete}]", 3),
            ($"[{obsolete}(\"Use something else\")]", 2),
            ($"[{obsolete}(\"Gone\", true)]", 2),
            ("[System.Diagnostics.CodeAnalysis.Experimental(\"FUZZ001\")]", 2));
    }

    // ----- Names -----

    private Name NewTypeName(Scope scope, Section section, Name[]? preferred)
    {
        bool inLogRegGen = section.NamespaceValue == "LogRegGen" || section.NamespaceValue.StartsWith("LogRegGen.", StringComparison.Ordinal);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            Name candidate;
            double p = _random.NextDouble();
            if (preferred is not null && p < 0.7)
            {
                candidate = Pick(preferred);
            }
            else if (p < 0.6)
            {
                candidate = Pick(s_typeNames);
            }
            else if (p < 0.9)
            {
                candidate = Pick(s_edgeTypeNames);
            }
            else if (p < 0.92 && Allowed(FuzzCategory.TypeNamedVarOrNint))
            {
                candidate = Pick(s_localTypeNames);
            }
            else
            {
                candidate = RandomIdentifier();
            }

            bool runtimeName = inLogRegGen && s_runtimeTypeNames.Contains(candidate.Value);
            if (runtimeName && !Allowed(FuzzCategory.RuntimeTypeNameInLogRegGenNamespace))
            {
                continue;
            }

            // The kernels import namespace LogRegGen next to System and System.Runtime.*, so any edge name there may be imported twice.
            bool importedName = section.NamespaceValue == "LogRegGen" && scope == NamespaceScope(section) && s_edgeTypeNames.Contains(candidate) && !runtimeName;
            if (importedName && !Allowed(FuzzCategory.TypeInLogRegGenNamespaceNamedLikeAnImportedType))
            {
                continue;
            }

            bool globalSystem = candidate.Value is "System" or "LogRegGen" && scope == _namespaceScopes[""];
            if (globalSystem && !Allowed(FuzzCategory.TypeNamedSystemOrLogRegGenInTheGlobalNamespace))
            {
                continue;
            }

            if (scope.TryAddType(candidate.Value))
            {
                if (runtimeName)
                {
                    Use(FuzzCategory.RuntimeTypeNameInLogRegGenNamespace);
                }

                if (importedName)
                {
                    Use(FuzzCategory.TypeInLogRegGenNamespaceNamedLikeAnImportedType);
                }

                if (globalSystem)
                {
                    Use(FuzzCategory.TypeNamedSystemOrLogRegGenInTheGlobalNamespace);
                }

                if (candidate.Value is "var" or "nint" or "nuint")
                {
                    Use(FuzzCategory.TypeNamedVarOrNint);
                }

                if (s_edgeTypeNames.Contains(candidate))
                {
                    Use(FuzzCategory.EdgeTypeName);
                }

                return candidate;
            }
        }

        Name fallback = "Fuzz" + _counter++;
        scope.AddType(fallback.Value);
        return fallback;
    }

    private Name NewMemberName(Scope members)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            Name candidate = Chance(0.7) ? Pick(s_memberNames) : Chance(0.8) ? Pick(s_edgeMemberNames) : RandomIdentifier();
            if (members.TryAddType(candidate.Value))
            {
                if (s_edgeMemberNames.Contains(candidate))
                {
                    Use(FuzzCategory.EdgeMemberName);
                }

                return candidate;
            }
        }

        Name fallback = "M" + _counter++;
        members.AddType(fallback.Value);
        return fallback;
    }

    /// <summary>A random identifier: mostly ASCII, sometimes with letters of other scripts or an escape.</summary>
    private Name RandomIdentifier()
    {
        const string first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_ÄÖÜéçΣλЖж日本";
        const string rest = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_äöüßñ";
        var chars = new char[_random.Next(1, 9)];
        chars[0] = first[_random.Next(Chance(0.8) ? 26 : first.Length)];
        for (int i = 1; i < chars.Length; i++)
        {
            chars[i] = rest[_random.Next(Chance(0.9) ? 62 : rest.Length)];
        }

        string value = new(chars);
        if (SyntaxFacts.GetKeywordKind(value) != SyntaxKind.None)
        {
            return new Name("@" + value, value);
        }

        if (!Allowed(FuzzCategory.TypeNamedVarOrNint) && value is "var" or "nint" or "nuint")
        {
            return "Var";
        }

        // Sometimes the first letter as a Unicode escape, which is the same identifier.
        return Chance(0.05) && value[0] < 128 && value[0] != '_'
            ? new Name($"\\u{(int)value[0]:X4}{value.Substring(1)}", value)
            : value;
    }

    private static string Unescape(string source)
    {
        string text = source.StartsWith('@') ? source.Substring(1) : source;
        return System.Text.RegularExpressions.Regex.Replace(
            text, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\t", "\\t") + "\"";

    private static string Modifiers(string access) => access.Length == 0 ? "" : access + " ";

    private static string Partial(bool partial) => partial ? "partial " : "";

    // ----- Broken code and the usage file -----

    /// <summary>One edit a user in the middle of typing might leave: a lost line, semicolon or brace, a stray word.</summary>
    private ImmutableArray<FuzzFile> Break(ImmutableArray<FuzzFile> files)
    {
        Use(FuzzCategory.BrokenUserCode);
        int index = _random.Next(files.Length);
        List<string> lines = files[index].Text.Split('\n').ToList();
        int line = _random.Next(lines.Count);
        switch (_random.Next(5))
        {
            case 0:
                lines.RemoveAt(line);
                break;
            case 1:
                lines[line] = lines[line].Replace(";", "");
                break;
            case 2:
                lines[line] = lines[line].Replace("}", "");
                break;
            case 3:
                lines.Insert(line, "    public Missing Oops { get; set; }");
                break;
            default:
                lines[line] = lines[line].Replace("ModelName = ", "ModelName = 42 + ").Replace("[Label]", "[Label(1)]");
                break;
        }

        return files.SetItem(index, files[index] with { Text = string.Join("\n", lines) });
    }

    /// <summary>Calls to the models and the runtime with spans of random, often wrong, lengths: work for the shape analyzer.</summary>
    private string WriteUsage()
    {
        var w = new CodeWriter();
        w.Open("namespace LogRegGenFuzzUsage");
        w.Open("internal static class Calls");
        w.Open("internal static void Run()");
        foreach (RowInfo row in _rows)
        {
            string ns = row.Place.Section.Namespace is { } n ? n + "." : "";
            string model = "global::" + ns + row.ModelName;
            string rowType = "global::" + ns + row.Place.Spelling + row.Name.Source + (row.Generic ? "<int>" : "");
            int features = Math.Max(1, row.Body.Count + row.Parameters.Count - 1);
            for (int i = _random.Next(1, 4); i > 0; i--)
            {
                w.Line(OneOf(
                    (() => $"_ = new {model}().PredictProbability({Span(features, w)});", 3),
                    (() => $"_ = new {model}({Span(features, w)}, 0f);", 2),
                    (() => $"_ = {model}.Batch.FromFeatureMajor({Span(features * 3, w)}, {Span(3, w)});", 2),
                    (() => $"_ = {model}.Train(new {rowType}[{_random.Next(0, 3)}]);", 1),
                    (() => $"new {model}().PredictProbabilities(new {rowType}[3], {Span(2, w)});", 1),
                    (() => $"{model}.GetFeatures(default({rowType}), {Span(features, w)});", 1),
                    (() => $"_ = {model}.Train(new {rowType}[4], {Span(3, w)});", 1)));
            }
        }

        for (int i = _random.Next(0, 3); i > 0; i--)
        {
            int features = _random.Next(-1, 5);
            w.Line(OneOf(
                (() => $"_ = global::LogRegGen.FeatureMatrix.FromFeatureMajor({Span(6, w)}, {features}, {Span(2, w)});", 2),
                (() => $"_ = global::LogRegGen.FeatureMatrix.FromSampleMajor({Span(6, w)}, {features}, {Span(3, w)});", 1),
                (() => $"_ = global::LogRegGen.FeatureMatrix.FromSamples(new float[{_random.Next(0, 4)}, {_random.Next(0, 4)}], {Span(2, w)});", 1),
                (() => $"_ = global::LogRegGen.FeatureMatrix.FromFeatures(new float[][] {{ new float[2], new float[{_random.Next(0, 4)}] }}, {Span(2, w)});", 1),
                (() => $"_ = global::LogRegGen.Metrics.Evaluate({Span(3, w)}, {Span(3, w)});", 1),
                (() => $"_ = global::LogRegGen.Metrics.RocAuc({Span(3, w)}, {Span(3, w)}, {Span(3, w)});", 1),
                (() => $"_ = new global::LogRegGen.TrainingOptions {{ C = {Pick(new[] { "-1", "0", "1", "double.NaN" })}, Epochs = {_random.Next(-2, 3)}, BatchSize = {_random.Next(-1, 3)}, LearningRate = {Pick(new[] { "0", "-0.5", "0.1", "double.PositiveInfinity" })} }};", 1)));
        }

        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// A span or array expression of about <paramref name="length"/> elements (often off by a little), in one
    /// of the forms the shape analyzer reads; a local it needs is declared in <paramref name="w"/> first.
    /// </summary>
    private string Span(int length, CodeWriter w)
    {
        int k = Math.Max(0, length + Weighted((0, 5), (1, 2), (-1, 2), (length, 1)));
        string local = "local" + _counter++;
        switch (_random.Next(11))
        {
            case 0:
                return $"new float[{k}]";
            case 1:
                return "new float[] { " + string.Join(", ", Enumerable.Repeat("1f", k)) + " }";
            case 2:
                return $"new float[{k + 1}].AsSpan(1)";
            case 3:
                return $"new float[{k + 2}].AsSpan(1, {k})";
            case 4:
                return $"stackalloc float[{k}]";
            case 5:
                return "[" + string.Join(", ", Enumerable.Repeat("0f", k)) + "]";
            case 6:
                w.Line($"float[] {local} = new float[{k}];");
                return local;
            case 7:
                return $"new global::System.ReadOnlySpan<float>(new float[{k + 1}], 1, {k})";
            case 8:
                return Pick(new[] { "default", "global::System.ReadOnlySpan<float>.Empty", "new float[-1]", "new float[int.MaxValue]" });
            case 9:
                w.Line($"global::System.Span<float> {local} = stackalloc float[{k}];");
                return $"{local}.Slice(0, {Math.Min(k, 1)})";
            default:
                return $"new float[{k}, 1]";
        }
    }

    // ----- Randomness -----

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T Weighted<T>(params (T Item, int Weight)[] choices)
    {
        int roll = _random.Next(choices.Sum(c => c.Weight));
        foreach ((T item, int weight) in choices)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    private string OneOf(params (Func<string> Write, int Weight)[] choices) => Weighted(choices)();

    private void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private bool Allowed(FuzzCategory category) => !_excluded.Contains(category);

    private void Use(FuzzCategory category) => _used.Add(category);

    // ----- The model of a case -----

    /// <summary>An identifier as written (<c>\u0052ow</c>, <c>@class</c>) and as the compiler reads it (<c>Row</c>, <c>class</c>).</summary>
    private readonly record struct Name(string Source, string Value)
    {
        public static implicit operator Name(string plain) => new(plain, plain);
    }

    /// <summary>A member type as written, and whether it is a reference type (which then gets an initializer).</summary>
    private readonly record struct TypeChoice(string Spelling, bool Reference);

    private enum Role
    {
        Feature,
        Label,
        Ignored,
        Unsupported,
        Other,
    }

    private enum RowKind
    {
        RecordClass,
        RecordStruct,
        Struct,
        Class,
        StaticClass,
        RefStruct,
    }

    private enum ContainerKind
    {
        None,
        StaticClass,
        Class,
        SealedClass,
        Struct,
        Record,
        RecordStruct,
        Interface,
    }

    private enum MemberKind
    {
        Field,
        AutoProperty,
        GetOnly,
        Init,
        PrivateSet,
        Computed,
        ComputedBlock,
        Required,
        Volatile,
    }

    /// <summary>The names declared in one namespace or type, as the compiler reads them, and whether each is a namespace.</summary>
    private sealed class Scope
    {
        public Scope(string? ownName) => OwnName = ownName;

        /// <summary>The name of the type whose members these are (a member may not share it, CS0542).</summary>
        public string? OwnName { get; }

        public Dictionary<string, bool> Names { get; } = new(StringComparer.Ordinal);

        /// <summary>The names of the partial classes declared here (a model of that name merges with one).</summary>
        public HashSet<string> PartialClasses { get; } = new(StringComparer.Ordinal);

        public bool TryAddType(string name)
        {
            if (name == OwnName || Names.ContainsKey(name))
            {
                return false;
            }

            Names.Add(name, false);
            return true;
        }

        public void AddType(string name) => Names[name] = false;

        public bool CanAddNamespace(string name) => !Names.TryGetValue(name, out bool isNamespace) || isNamespace;

        public void AddNamespace(string name) => Names[name] = true;
    }

    private sealed class FileBuilder
    {
        public FileBuilder(int index) => Index = index;

        public int Index { get; }

        public List<string> Usings { get; } = new();

        public List<Section> Sections { get; } = new();

        public bool FileScoped { get; set; }

        public bool GlobalOnly { get; set; }

        public bool UsesLogRegGen { get; set; }

        public bool UsesSystem { get; set; }

        public string? ModelAlias { get; set; }

        public string? NumberAlias { get; set; }

        public string Render()
        {
            var w = new CodeWriter();
            w.Lines(Usings);
            foreach (Section section in Sections)
            {
                w.Line();
                section.Write(w);
            }

            return w.ToString();
        }
    }

    /// <summary>A file-scoped namespace, a namespace block, or the global namespace of one file.</summary>
    private sealed class Section
    {
        public Section(FileBuilder file, string? ns, bool fileScoped)
        {
            File = file;
            Namespace = ns;
            NamespaceValue = ns is null ? "" : string.Join(".", ns.Split('.').Select(Unescape));
            FileScoped = fileScoped;
        }

        public FileBuilder File { get; }

        /// <summary>As written (segments may be escaped), or null for the global namespace.</summary>
        public string? Namespace { get; }

        public string NamespaceValue { get; }

        public bool FileScoped { get; }

        public List<Node> Items { get; } = new();

        public List<Place> Containers { get; } = new();

        public void Write(CodeWriter w)
        {
            if (Namespace is null)
            {
                Items.ForEach(i => i.Write(w));
            }
            else if (FileScoped)
            {
                w.Line($"namespace {Namespace};");
                Items.ForEach(i => { w.Line(); i.Write(w); });
            }
            else
            {
                w.Open($"namespace {Namespace}");
                Items.ForEach(i => i.Write(w));
                w.Close();
            }
        }
    }

    private abstract class Node
    {
        public abstract void Write(CodeWriter w);
    }

    private sealed class TextNode : Node
    {
        private readonly List<string> _lines;

        public TextNode(List<string> lines) => _lines = lines;

        public override void Write(CodeWriter w) => w.Lines(_lines);
    }

    /// <summary>A containing type: its header lines, then the nested types added to it.</summary>
    private sealed class TypeNode : Node
    {
        public TypeNode(List<string> lines) => Lines = lines;

        public List<string> Lines { get; }

        public List<Node> Children { get; } = new();

        public override void Write(CodeWriter w)
        {
            w.Lines(Lines.Take(Lines.Count - 1));
            w.Open(Lines[^1]);
            Children.ForEach(c => c.Write(w));
            w.Close();
        }
    }

    /// <summary>Where declarations go: the top of a section, or inside a container.</summary>
    private sealed class Place
    {
        public Place(Section section, TypeNode? container, Scope scope)
        {
            Section = section;
            Container = container;
            Scope = scope;
        }

        public Section Section { get; }

        public TypeNode? Container { get; }

        public Scope Scope { get; }

        public Place? Outer { get; init; }

        public ContainerKind Kind { get; init; }

        public bool Generic { get; init; }

        /// <summary>The containers as written, each followed by a dot (empty at the top).</summary>
        public string Spelling { get; init; } = "";

        /// <summary>Whether every container is public (as the generator decides whether a model is public).</summary>
        public bool PublicChain { get; init; } = true;

        public List<Node> Items => Container?.Children ?? Section.Items;
    }

    private sealed class RowInfo
    {
        public Place Place { get; set; } = null!;

        public Name Name { get; set; }

        public RowKind Kind { get; set; }

        public string Access { get; set; } = "";

        public bool Readonly { get; set; }

        public bool Positional { get; set; }

        public bool PrimaryConstructor { get; set; }

        public bool Generic { get; set; }

        public bool Partial { get; set; }

        public bool Sealed { get; set; }

        public bool Abstract { get; set; }

        public bool HasIndexer { get; set; }

        public Scope Members { get; set; } = null!;

        public List<string> Parameters { get; } = new();

        public List<string> Body { get; } = new();

        public string? BaseSpelling { get; set; }

        public List<Name> BaseMembers { get; } = new();

        /// <summary>The types of the base record's positional parameters, as written in it.</summary>
        public List<string> BaseParameterTypes { get; } = new();

        public bool BaseLabel { get; set; }

        /// <summary>The model name the attribute asks for (valid or not).</summary>
        public string? ModelName { get; set; }
    }
}
