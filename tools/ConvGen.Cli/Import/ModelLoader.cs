using System;
using System.IO;
using ConvGen.Cli.Onnx;

namespace ConvGen.Cli.Import
{
    /// <summary>Reads a model file of any supported kind, told apart by its content (not its extension).</summary>
    public static class ModelLoader
    {
        /// <summary>The kinds of file the tool reads.</summary>
        public enum Kind
        {
            /// <summary>An ONNX protobuf.</summary>
            Onnx,

            /// <summary>Keras JSON topology or TF.js model.json.</summary>
            KerasJson,

            /// <summary>A Keras 3 .keras zip.</summary>
            KerasZip,

            /// <summary>A legacy Keras HDF5 file.</summary>
            KerasH5,
        }

        /// <summary>Reads and imports the model at <paramref name="path"/>.</summary>
        public static ImportedModel Load(string path, out byte[] bytes, out Kind kind)
        {
            if (!File.Exists(path))
            {
                throw new ModelFileException($"{path} does not exist");
            }

            bytes = File.ReadAllBytes(path);
            kind = Detect(bytes, path);
            return kind switch
            {
                Kind.Onnx => OnnxImporter.Import(bytes, path),
                Kind.KerasJson => Keras.KerasImporter.ImportJson(bytes, path),
                Kind.KerasZip => Keras.KerasImporter.ImportKerasZip(bytes, path),
                _ => Keras.KerasImporter.ImportH5(path),
            };
        }

        /// <summary>Tells the file kind from its first bytes.</summary>
        public static Kind Detect(byte[] bytes, string path)
        {
            if (bytes.Length == 0)
            {
                throw new ModelFileException($"{path} is empty");
            }

            if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
            {
                return Kind.KerasZip;
            }

            if (bytes.Length >= 8 && bytes[0] == 0x89 && bytes[1] == 'H' && bytes[2] == 'D' && bytes[3] == 'F')
            {
                return Kind.KerasH5;
            }

            int i = 0;
            while (i < bytes.Length && (bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (i == 0 && bytes[0] == 0xEF)))
            {
                i += bytes[i] == 0xEF && bytes.Length >= 3 ? 3 : 1;
            }

            if (i < bytes.Length && bytes[i] == '{')
            {
                return Kind.KerasJson;
            }

            // An ONNX ModelProto starts with field 1 (ir_version, varint: 0x08) in every exporter we know of.
            if (bytes[0] == 0x08)
            {
                return Kind.Onnx;
            }

            throw new ModelFileException($"{path} is not a model this tool reads: expected ONNX (.onnx), Keras JSON or TF.js model.json, a Keras 3 .keras file or a Keras .h5 file");
        }
    }
}
