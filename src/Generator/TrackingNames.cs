namespace LogRegGen.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can assert that they cache.</summary>
public static class TrackingNames
{
    /// <summary>The <c>[LogisticModel]</c> types parsed, by the one transform, into (possibly null) specs with the WeightsFile argument's location.</summary>
    public const string ModelSpecs = "LogisticModelSpecs";

    /// <summary>The model specs that are valid and produce a source file.</summary>
    public const string ValidModelSpecs = "ValidLogisticModelSpecs";

    /// <summary>The valid specs less those whose model class name another spec in the namespace also takes.</summary>
    public const string UniqueModelSpecs = "UniqueLogisticModelSpecs";

    /// <summary>Each JSON additional file, read as a saved model once.</summary>
    public const string ParsedWeightsFiles = "LogisticModelParsedWeightsFiles";

    /// <summary>The JSON additional files, read, for baking saved weights into models.</summary>
    public const string WeightsFiles = "LogisticModelWeightsFiles";

    /// <summary>The unique specs, each with its baked weights when it names a weights file that fits.</summary>
    public const string ModelsToEmit = "LogisticModelsToEmit";

    /// <summary>The problems with weights files (LRG019, LRG020), on a branch of their own.</summary>
    public const string WeightsFileProblems = "LogisticModelWeightsFileProblems";
}
