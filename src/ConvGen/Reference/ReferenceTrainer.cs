using System;
using System.Collections.Generic;
using ConvGen.Training;

namespace ConvGen.Reference
{
    /// <summary>
    /// Trains a <see cref="NetworkSpec"/> with plain loops in double: the oracle the generated trainers are tested against.
    /// Training mode as Keras 3 <c>model(x, training=True)</c>: batch normalization normalizes with the batch's statistics
    /// (unless frozen), Dropout drops the values <see cref="DropoutMask"/> picks (index image * layer output length + element,
    /// layer = the layer's index, step = <see cref="Step"/>) and scales the rest by 1 / (1 - rate).
    /// The parameters are float, as Keras' variables; everything computed from them is double.
    /// </summary>
    public sealed partial class ReferenceTrainer
    {
        private readonly float[] _parameters;
        private readonly bool[] _trainable;
        private readonly Dictionary<string, int> _layerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly string[] _layerNames;

        /// <summary>Builds the trainer; <paramref name="parameters"/> in Keras <c>get_weights()</c> order; <paramref name="seed"/> picks the dropout masks.</summary>
        /// <exception cref="InvalidNetworkException">The declaration breaks the layer rules.</exception>
        /// <exception cref="ArgumentException">The network has no layers, or the parameter count is wrong.</exception>
        public ReferenceTrainer(NetworkSpec spec, ReadOnlySpan<float> parameters, ulong seed = 0)
        {
            Analysis = ShapeInference.Analyze(spec ?? throw new ArgumentNullException(nameof(spec)));
            if (Analysis.HasErrors)
            {
                throw new InvalidNetworkException(Analysis.Diagnostics);
            }

            if (Analysis.Layers.Count == 0)
            {
                throw new ArgumentException("The network has no layers: there is nothing to train.", nameof(spec));
            }

            if (parameters.Length != Analysis.ParameterCount)
            {
                throw new ArgumentException($"Expected {Analysis.ParameterCount} parameters but got {parameters.Length}.", nameof(parameters));
            }

            _parameters = parameters.ToArray();
            Seed = seed;
            _trainable = new bool[Analysis.Layers.Count];
            _layerNames = new string[Analysis.Layers.Count];
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                _trainable[layer.Index] = layer.Spec.Trainable;
                _layerNames[layer.Index] = layer.Name;
                _layerIndex[layer.Name] = layer.Index;
            }
        }

        /// <summary>Shapes and parameter layout.</summary>
        public NetworkAnalysis Analysis { get; }

        /// <summary>The dropout seed.</summary>
        public ulong Seed { get; }

        /// <summary>The step number used for the dropout masks: successful <c>TrainStep</c> calls so far (settable, e.g. to replay a step).</summary>
        public long Step { get; set; }

        /// <summary>Floats in one input image.</summary>
        public int InputLength => (int)Analysis.InputShape.Length;

        /// <summary>Floats in one output.</summary>
        public int OutputLength => (int)Analysis.OutputShape.Length;

        /// <summary>The output's channel axis (classes of a classifier).</summary>
        public int OutputChannels => Analysis.OutputShape.Channels;

        /// <summary>Parameter count, Keras <c>get_weights()</c> order.</summary>
        public int ParameterCount => Analysis.ParameterCount;

        /// <summary>The layer names (Keras automatic names unless declared), in order.</summary>
        public IReadOnlyList<string> LayerNames => _layerNames;

        /// <summary>The current parameters.</summary>
        public ReadOnlySpan<float> Parameters => _parameters;

        /// <summary>The optimizer state of the last <c>TrainStep</c> (moments, iterations); null before the first.</summary>
        public OptimizerState? OptimizerState { get; private set; }

        /// <summary>Copies the current parameters out.</summary>
        public void CopyParametersTo(Span<float> destination)
        {
            if (destination.Length != _parameters.Length)
            {
                throw new ArgumentException($"Expected room for {_parameters.Length} parameters but got {destination.Length}.", nameof(destination));
            }

            _parameters.CopyTo(destination);
        }

        /// <summary>Replaces the parameters; the optimizer state and <see cref="Step"/> are kept.</summary>
        public void SetParameters(ReadOnlySpan<float> parameters)
        {
            if (parameters.Length != _parameters.Length)
            {
                throw new ArgumentException($"Expected {_parameters.Length} parameters but got {parameters.Length}.", nameof(parameters));
            }

            parameters.CopyTo(_parameters);
        }

        /// <summary>Freezes or unfreezes a layer (Keras <c>layer.trainable</c>): a frozen layer's parameters get no gradient and no update, a frozen BatchNormalization runs in inference mode.</summary>
        /// <exception cref="ArgumentException">No layer has that name.</exception>
        public void SetTrainable(string layerName, bool trainable) => _trainable[IndexOf(layerName)] = trainable;

        /// <summary>Whether a layer is trained.</summary>
        public bool IsTrainable(string layerName) => _trainable[IndexOf(layerName)];

        private int IndexOf(string layerName)
        {
            ArgumentNullException.ThrowIfNull(layerName);
            return _layerIndex.TryGetValue(layerName, out int index)
                ? index
                : throw new ArgumentException($"No layer is named '{layerName}'; the layers are {string.Join(", ", _layerNames)}.", nameof(layerName));
        }
    }
}
