using System.Globalization;
using System.Text;

namespace ConvGen
{
    /// <summary>A Keras <c>model.summary()</c>-style table of a network; the generator writes the same table into each generated file's header.</summary>
    public static class ModelSummary
    {
        /// <summary>The table, lines separated by '\n', with output shapes, parameter counts and multiply-adds per layer and in total.</summary>
        public static string Format(NetworkAnalysis analysis, string modelName)
        {
            const string Rule = "==================================================================================";
            var sb = new StringBuilder();
            sb.Append("Model: \"").Append(modelName).Append("\"\n");
            sb.Append(Row("Layer (type)", "Output shape", "Param #", "Mult-adds")).Append('\n');
            sb.Append(Rule).Append('\n');
            sb.Append(Row("input (Input)", analysis.InputShape.ToString(), N(0), N(0))).Append('\n');
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                string name = layer.Name + " (" + LayerText.TypeName(layer.Spec.Kind) + ")";
                sb.Append(Row(name, layer.OutputShape.ToString(), N(layer.ParameterCount), N(layer.MultiplyAdds))).Append('\n');
            }

            sb.Append(Rule).Append('\n');
            sb.Append("Total params: ").Append(N(analysis.ParameterCount))
              .Append(" (").Append((analysis.ParameterCount * 4L / 1024.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(" KB)\n");
            sb.Append("Total mult-adds: ").Append(N(analysis.MultiplyAdds));
            return sb.ToString();
        }

        private static string Row(string name, string shape, string parameters, string macs) =>
            name.PadRight(34) + shape.PadRight(18) + parameters.PadLeft(12) + macs.PadLeft(18);

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
