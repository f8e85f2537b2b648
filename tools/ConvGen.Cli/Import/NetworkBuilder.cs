using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvGen.Cli.Import
{
    /// <summary>
    /// Collects imported layers in order, each with the layers it reads (indices; -1 is the network input), its
    /// parameters in Keras order and the source nodes it came from, and turns them into a <see cref="NetworkSpec"/>
    /// whose layers keep Keras' automatic names, writing <c>Input</c> only where a layer does not read the one before it.
    /// </summary>
    public sealed class NetworkBuilder
    {
        private readonly List<Entry> _layers = new();
        private readonly int _height, _width, _channels;
        private NetworkAnalysis? _analysis;

        /// <summary>Starts a network with the given NHWC input shape.</summary>
        public NetworkBuilder(int height, int width, int channels)
        {
            _height = height;
            _width = width;
            _channels = channels;
        }

        /// <summary>The number of layers so far.</summary>
        public int Count => _layers.Count;

        /// <summary>Appends a layer; returns its index.</summary>
        public int Add(LayerSpec spec, int[] inputs, float[][] parameters, string source)
        {
            _layers.Add(new Entry(spec, inputs, parameters, new List<string> { source }));
            _analysis = null;
            return _layers.Count - 1;
        }

        /// <summary>The layer at <paramref name="index"/>.</summary>
        public LayerSpec Spec(int index) => _layers[index].Spec;

        /// <summary>Replaces a layer's declaration and parameters (activation fused in, bias added), noting one more source node.</summary>
        public void Update(int index, LayerSpec spec, float[][] parameters, string source)
        {
            Entry e = _layers[index];
            _layers[index] = e with { Spec = spec, Parameters = parameters };
            e.Sources.Add(source);
            _analysis = null;
        }

        /// <summary>The parameters of a layer.</summary>
        public float[][] Parameters(int index) => _layers[index].Parameters;

        /// <summary>The output shape of a layer (-1: the network input), by ConvGen's own shape rules.</summary>
        public TensorShape Shape(int index)
        {
            if (index < 0)
            {
                return new TensorShape(_height, _width, _channels);
            }

            NetworkAnalysis analysis = Analyze();
            if (analysis.HasErrors)
            {
                throw new InvalidOperationException("The imported layers are inconsistent: " + analysis.Diagnostics[0].Message);
            }

            return analysis.Layers[index].OutputShape;
        }

        /// <summary>The declaration so far (checked).</summary>
        public NetworkSpec ToSpec()
        {
            string[] names = ShapeInference.LayerNames(new NetworkSpec(_height, _width, _channels, _layers.Select(l => l.Spec)));
            var specs = new List<LayerSpec>();
            for (int i = 0; i < _layers.Count; i++)
            {
                int[] inputs = _layers[i].Inputs;
                bool previous = inputs.Length == 1 && inputs[0] == i - 1;
                LayerSpec spec = _layers[i].Spec;
                if (LayerKinds.For(spec.Kind)?.ReadsSeveralInputs != true)
                {
                    spec = spec with { Inputs = previous ? Array.Empty<string>() : inputs.Select(j => j < 0 ? ShapeInference.InputName : names[j]).ToArray() };
                }
                else
                {
                    spec = spec with { Inputs = inputs.Select(j => j < 0 ? ShapeInference.InputName : names[j]).ToArray() };
                }

                specs.Add(spec);
            }

            return new NetworkSpec(_height, _width, _channels, specs);
        }

        /// <summary>Every parameter of every layer, concatenated in declaration order.</summary>
        public float[] AllParameters() => _layers.SelectMany(l => l.Parameters.SelectMany(p => p)).ToArray();

        /// <summary>Per layer, its source nodes.</summary>
        public IReadOnlyList<string> Sources() => _layers.Select(l => string.Join(", ", l.Sources.Distinct())).ToArray();

        private NetworkAnalysis Analyze() => _analysis ??= ShapeInference.Analyze(ToSpec());

        private sealed record Entry(LayerSpec Spec, int[] Inputs, float[][] Parameters, List<string> Sources);
    }
}
