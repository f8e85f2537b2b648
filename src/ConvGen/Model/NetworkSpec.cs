using System;
using System.Collections.Generic;
using System.Text;

namespace ConvGen
{
    /// <summary>A whole network as declared: the input shape (batch 1, NHWC) and the layers in order.</summary>
    public sealed class NetworkSpec : IEquatable<NetworkSpec>
    {
        private readonly LayerSpec[] _layers;

        /// <summary>Creates a network description.</summary>
        public NetworkSpec(int inputHeight, int inputWidth, int inputChannels, IEnumerable<LayerSpec> layers)
            : this(inputHeight, inputWidth, inputChannels, layers, training: false)
        {
        }

        /// <summary>Creates a network description; <paramref name="training"/> is <c>[ConvNet(..., Training = true)]</c>.</summary>
        public NetworkSpec(int inputHeight, int inputWidth, int inputChannels, IEnumerable<LayerSpec> layers, bool training)
        {
            Training = training;
            InputHeight = inputHeight;
            InputWidth = inputWidth;
            InputChannels = inputChannels;
            _layers = new List<LayerSpec>(layers).ToArray();
        }

        /// <summary>Input height.</summary>
        public int InputHeight { get; }

        /// <summary>Input width.</summary>
        public int InputWidth { get; }

        /// <summary>Input channels.</summary>
        public int InputChannels { get; }

        /// <summary>Whether a <c>Trainer</c> is generated (<c>[ConvNet(..., Training = true)]</c>).</summary>
        public bool Training { get; }

        /// <summary>The input shape.</summary>
        public TensorShape InputShape => new TensorShape(InputHeight, InputWidth, InputChannels);

        /// <summary>The layers, in order.</summary>
        public IReadOnlyList<LayerSpec> Layers => _layers;

        /// <inheritdoc />
        public bool Equals(NetworkSpec? other)
        {
            if (other is null || Training != other.Training || InputHeight != other.InputHeight || InputWidth != other.InputWidth
                || InputChannels != other.InputChannels || _layers.Length != other._layers.Length)
            {
                return false;
            }

            for (int i = 0; i < _layers.Length; i++)
            {
                if (!_layers[i].Equals(other._layers[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as NetworkSpec);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            int h = HashHelpers.Combine(InputHeight, HashHelpers.Combine(InputWidth, HashHelpers.Combine(InputChannels, Training ? 1 : 0)));
            foreach (LayerSpec layer in _layers)
            {
                h = HashHelpers.Combine(h, layer.GetHashCode());
            }

            return h;
        }

        /// <summary>The declaration as C# attributes, one per line (what a user would write).</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, "[ConvNet({0}, {1}, {2}{3})]", InputHeight, InputWidth, InputChannels,
                Training ? ", Training = true" : string.Empty));
            foreach (LayerSpec layer in _layers)
            {
                sb.Append('\n').Append(LayerText.Describe(layer));
            }

            return sb.ToString();
        }
    }
}
