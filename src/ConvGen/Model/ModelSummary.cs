using System.Globalization;
using System.Text;

namespace ConvGen
{
    /// <summary>A Keras <c>model.summary()</c>-style table of a network; the generator writes the same table into each generated file's header.</summary>
    public static class ModelSummary
    {
        /// <summary>
        /// The table, lines separated by '\n', with output shapes, parameter counts and multiply-adds per layer and in total;
        /// for a graph (any layer reading other than the previous one) also each layer's inputs, as Keras' "Connected to".
        /// </summary>
        public static string Format(NetworkAnalysis analysis, string modelName)
        {
            bool graph = false;
            int nameWidth = 34;
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                graph |= layer.InputIndices.Count != 1 || layer.InputIndices[0] != layer.Index - 1;
                nameWidth = System.Math.Max(nameWidth, layer.Name.Length + LayerText.TypeName(layer.Spec.Kind).Length + 5);
            }

            string Row(string name, string shape, string parameters, string macs, string? inputs) =>
                name.PadRight(nameWidth) + shape.PadRight(18) + parameters.PadLeft(12) + macs.PadLeft(18) + (inputs is null ? string.Empty : "   " + inputs);

            string rule = new string('=', nameWidth + 48 + (graph ? 30 : 0));
            var sb = new StringBuilder();
            sb.Append("Model: \"").Append(modelName).Append("\"\n");
            sb.Append(Row("Layer (type)", "Output shape", "Param #", "Mult-adds", graph ? "Connected to" : null)).Append('\n');
            sb.Append(rule).Append('\n');
            sb.Append(Row("input (Input)", analysis.InputShape.ToString(), N(0), N(0), graph ? "-" : null)).Append('\n');
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                string name = layer.Name + " (" + LayerText.TypeName(layer.Spec.Kind) + ")";
                string? inputs = null;
                if (graph)
                {
                    var names = new string[layer.InputIndices.Count];
                    for (int i = 0; i < names.Length; i++)
                    {
                        int from = layer.InputIndices[i];
                        names[i] = from < 0 ? ShapeInference.InputName : analysis.Layers[from].Name;
                    }

                    inputs = string.Join(", ", names);
                }

                sb.Append(Row(name, layer.OutputShape.ToString(), N(layer.ParameterCount), N(layer.MultiplyAdds), inputs)).Append('\n');
            }

            sb.Append(rule).Append('\n');
            sb.Append("Total params: ").Append(N(analysis.ParameterCount))
              .Append(" (").Append((analysis.ParameterCount * 4L / 1024.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(" KB)\n");
            sb.Append("Total mult-adds: ").Append(N(analysis.MultiplyAdds));
            return sb.ToString();
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
