// Compiled into both the runtime (SavedModel, which writes and reads the JSON) and the generator (which
// bakes a saved model into the code at build time), linked, not referenced: the JSON's key names and
// format version are defined here once, so the two cannot drift apart.
namespace LogRegGen
{
    /// <summary>The JSON of a saved model: its format version and the names of its keys.</summary>
    internal static class SavedModelFormat
    {
        /// <summary>The format version that this LogRegGen writes and reads.</summary>
        public const int Version = 1;

        public const string FormatVersionKey = "formatVersion";
        public const string ModelKey = "model";
        public const string LabelNameKey = "labelName";
        public const string FeatureNamesKey = "featureNames";
        public const string WeightsKey = "weights";
        public const string BiasKey = "bias";

        /// <summary>A multinomial model's class names, in the order of its weight rows and intercepts (absent for a binary model).</summary>
        public const string ClassNamesKey = "classNames";

        /// <summary>A multinomial model's K intercepts (absent for a binary model, which has one bias).</summary>
        public const string BiasesKey = "biases";
    }
}
