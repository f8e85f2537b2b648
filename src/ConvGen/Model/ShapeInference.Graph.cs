using System;
using System.Collections.Generic;
using System.Globalization;

namespace ConvGen
{
    /// <summary>The graph rules: layer names (written or Keras-automatic) and which earlier layers each layer reads.</summary>
    public static partial class ShapeInference
    {
        /// <summary>The name by which <c>Input</c>, <c>Add</c> and <c>Concatenate</c> refer to the network input.</summary>
        public const string InputName = "input";

        /// <summary>Every layer's name: the written <see cref="LayerSpec.Name"/>, else Keras' automatic one (only unnamed layers count, as in Keras).</summary>
        public static string[] LayerNames(NetworkSpec spec)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new string[spec.Layers.Count];
            for (int i = 0; i < names.Length; i++)
            {
                LayerSpec layer = spec.Layers[i];
                names[i] = layer.Name ?? NextName(counts, layer.Kind);
            }

            return names;
        }

        private static string NextName(Dictionary<string, int> counts, LayerKind kind)
        {
            string stem = LayerText.KerasNameStem(kind);
            counts.TryGetValue(stem, out int seen);
            counts[stem] = seen + 1;
            return seen == 0 ? stem : stem + "_" + seen.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A written name must be an identifier-like word (it names generated code and weight tensors) and no two layers may share one.</summary>
        private static bool CheckName(List<SpecDiagnostic> d, int index, LayerSpec layer, string name, Dictionary<string, int> known)
        {
            string where = Where(index, layer);
            if (layer.Name is not null && !IsValidName(layer.Name))
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, nameof(LayerAttribute.Name),
                    Format("{0}: the name '{1}' must start with a letter and hold only letters, digits and '_'", where, layer.Name)));
                return false;
            }

            if (known.TryGetValue(name, out int other))
            {
                string clash = other < 0 ? "that name is reserved for the network input" : Format("layer {0} has that name too", other + 1);

                d.Add(new SpecDiagnostic(DiagnosticIds.DuplicateLayerName, index, layer.Name is null ? null : nameof(LayerAttribute.Name),
                    Format("{0} is named '{1}', but {2}; give each layer its own Name", where, name, clash)));
                return false;
            }

            return true;
        }

        private static bool IsValidName(string name)
        {
            if (name.Length == 0 || !char.IsLetter(name[0]) || name[0] > 127)
            {
                return false;
            }

            foreach (char c in name)
            {
                if (c > 127 || !(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Maps the layer's input names to earlier layers (-1: the network input); the default is the previous layer.</summary>
        private static bool ResolveInputs(List<SpecDiagnostic> d, int index, LayerSpec layer, string name, Dictionary<string, int> known,
            Dictionary<string, int> firstByName, out int[] indices)
        {
            string where = Where(index, layer);
            bool merge = LayerKinds.For(layer.Kind)?.ReadsSeveralInputs ?? false;
            string? argument = merge ? null : nameof(SingleInputLayerAttribute.Input);
            indices = new int[0];
            if (merge && layer.Inputs.Count < 2)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, null,
                    Format("{0} needs the names of at least two layers, e.g. [{1}(\"a\", \"b\")]", where, LayerText.TypeName(layer.Kind))));
                return false;
            }

            if (!merge && layer.Inputs.Count > 1)
            {
                d.Add(new SpecDiagnostic(DiagnosticIds.InvalidArgument, index, argument,
                    Format("{0} reads one tensor but names {1} inputs", where, layer.Inputs.Count)));
                return false;
            }

            if (layer.Inputs.Count == 0)
            {
                indices = new[] { index - 1 };
                return true;
            }

            indices = new int[layer.Inputs.Count];
            for (int k = 0; k < indices.Length; k++)
            {
                string input = layer.Inputs[k] ?? string.Empty;
                if (known.TryGetValue(input, out int from))
                {
                    indices[k] = from;
                    continue;
                }

                if (input == name || (firstByName.TryGetValue(input, out int later) && later >= index))
                {
                    string what = input == name ? "itself" : Format("layer {0}, declared after it", firstByName[input] + 1);
                    d.Add(new SpecDiagnostic(DiagnosticIds.ForwardReference, index, argument,
                        Format("{0} reads '{1}', which is {2}; layers run in declaration order, so a layer can read only earlier layers (no cycles)", where, input, what)));
                    return false;
                }

                var earlier = new List<string> { InputName };
                foreach (KeyValuePair<string, int> entry in known)
                {
                    if (entry.Value >= 0)
                    {
                        earlier.Add(entry.Key);
                    }
                }

                d.Add(new SpecDiagnostic(DiagnosticIds.UnknownLayerName, index, argument,
                    Format("{0} reads '{1}', but no layer has that name; earlier layers: {2}", where, input, string.Join(", ", earlier))));
                return false;
            }

            return true;
        }
    }
}
