using System.Collections.Generic;

namespace ConvGen.Cli.Import
{
    /// <summary>A model translated into a ConvGen declaration, with its parameters in Keras <c>get_weights()</c> order.</summary>
    public sealed class ImportedModel
    {
        /// <summary>Creates the result of an import.</summary>
        public ImportedModel(NetworkSpec spec, float[] parameters, IReadOnlyList<string> layerSources, TensorLayout inputLayout, TensorLayout outputLayout, string source)
        {
            Spec = spec;
            Parameters = parameters;
            LayerSources = layerSources;
            InputLayout = inputLayout;
            OutputLayout = outputLayout;
            Source = source;
        }

        /// <summary>The declaration (what <c>Name.cs</c> holds).</summary>
        public NetworkSpec Spec { get; }

        /// <summary>Every weight, concatenated in the declaration's parameter order.</summary>
        public float[] Parameters { get; }

        /// <summary>Per layer: the source node names it came from (comma-separated).</summary>
        public IReadOnlyList<string> LayerSources { get; }

        /// <summary>The source model's input layout.</summary>
        public TensorLayout InputLayout { get; }

        /// <summary>The source model's output layout.</summary>
        public TensorLayout OutputLayout { get; }

        /// <summary>What it was imported from ("ONNX opset 13, producer pytorch 1.13.1").</summary>
        public string Source { get; }
    }
}
