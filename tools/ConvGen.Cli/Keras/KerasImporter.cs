using ConvGen.Cli.Import;

namespace ConvGen.Cli.Keras
{
    /// <summary>Imports Keras models (JSON topology with TF.js weights, Keras 3 .keras, legacy .h5).</summary>
    public static partial class KerasImporter
    {
        /// <summary>A Keras JSON topology or TF.js model.json, with its weights beside it.</summary>
        public static ImportedModel ImportJson(byte[] bytes, string path) => throw new UnsupportedModelException(new ImportProblem("model", path, string.Empty, "Keras import is not implemented yet"));

        /// <summary>A Keras 3 .keras file.</summary>
        public static ImportedModel ImportKerasZip(byte[] bytes, string path) => throw new UnsupportedModelException(new ImportProblem("model", path, string.Empty, "Keras import is not implemented yet"));

        /// <summary>A legacy Keras .h5 file.</summary>
        public static ImportedModel ImportH5(string path) => throw new UnsupportedModelException(new ImportProblem("model", path, string.Empty, "Keras import is not implemented yet"));
    }
}
