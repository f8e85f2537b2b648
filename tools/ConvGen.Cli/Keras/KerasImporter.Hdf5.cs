using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using ConvGen.Cli.Import;
using PureHDF;
using PureHDF.VOL.Native;

namespace ConvGen.Cli.Keras
{
    public static partial class KerasImporter
    {
        /// <summary>A Keras 3 .keras file: a zip of config.json (the topology) and model.weights.h5 (layers/NAME/vars/I).</summary>
        public static ImportedModel ImportKerasZip(byte[] bytes, string path)
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                ZipArchiveEntry config = zip.GetEntry("config.json") ?? throw new ModelFileException($"{path} is a zip without config.json: not a Keras 3 .keras file");
                ZipArchiveEntry weights = zip.GetEntry("model.weights.h5") ?? throw new ModelFileException($"{path} has no model.weights.h5");
                JsonNode topology = ParseJson(ReadAll(config), path + "!config.json");
                string version = KerasConfig.String(zip.GetEntry("metadata.json") is { } m ? ParseJson(ReadAll(m), path + "!metadata.json") : null, "keras_version") ?? "3";
                using var h5 = OpenHdf5(new MemoryStream(ReadAll(weights)), path + "!model.weights.h5");
                return Build(topology, version, (layer, _, index) => Dataset(h5, $"layers/{layer}/vars/{index}") ?? Dataset(h5, $"_layer_checkpoint_dependencies/{layer}/vars/{index}"), "Keras " + version + " .keras");
            }
            catch (InvalidDataException e)
            {
                throw new ModelFileException($"{path} is not a readable zip (truncated or corrupt): {e.Message}", e);
            }
        }

        /// <summary>A legacy Keras .h5 file: the topology in the model_config attribute, weights under model_weights/LAYER/ by weight_names.</summary>
        public static ImportedModel ImportH5(string path)
        {
            using var h5 = OpenHdf5(File.OpenRead(path), path);
            if (!h5.AttributeExists("model_config"))
            {
                throw new ModelFileException($"{path} is an HDF5 file without model_config: not a Keras model (a weights-only file has no topology)");
            }

            JsonNode topology = ParseJson(System.Text.Encoding.UTF8.GetBytes(h5.Attribute("model_config").Read<string>()), path + "!model_config");
            string version = h5.AttributeExists("keras_version") ? h5.Attribute("keras_version").Read<string>() : "2";
            IH5Group root = h5.LinkExists("model_weights") ? (IH5Group)h5.Get("model_weights") : h5;
            return Build(topology, version, (layer, _, index) =>
            {
                if (!root.LinkExists(layer) || root.Get(layer) is not IH5Group group || !group.AttributeExists("weight_names"))
                {
                    return null;
                }

                string[] names = group.Attribute("weight_names").Read<string[]>();
                return index < names.Length ? Dataset(group, names[index]) : null;
            }, "Keras " + version + " .h5");
        }

        private static NativeFile OpenHdf5(Stream stream, string path)
        {
            try
            {
                return H5File.Open(stream, leaveOpen: false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                stream.Dispose();
                throw new ModelFileException($"{path} is not a readable HDF5 file (truncated or corrupt): {e.Message}", e);
            }
        }

        private static Weight? Dataset(IH5Group group, string path)
        {
            try
            {
                if (!group.LinkExists(path) || group.Get(path) is not IH5Dataset d)
                {
                    return null;
                }

                int[] shape = d.Space.Dimensions.Select(x => checked((int)x)).ToArray();
                return new Weight(shape, d.Read<float[]>());
            }
            catch (Exception e) when (e is not ModelFileException and not OutOfMemoryException)
            {
                throw new ModelFileException($"the weight {path} cannot be read (truncated, corrupt or not float32): {e.Message}", e);
            }
        }

        private static byte[] ReadAll(ZipArchiveEntry entry)
        {
            using Stream s = entry.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
    }
}
