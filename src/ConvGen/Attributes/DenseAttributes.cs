using System;

namespace ConvGen
{
    /// <summary>Flattens [H, W, C] into [H*W*C] in H, W, C order (Keras <c>Flatten</c>, channels_last). Costs nothing at run time.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : Attribute
    {
        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>
    /// Fully connected layer (Keras <c>Dense</c>) on a flat input. Parameters: kernel [in, units], then bias [units] when <see cref="UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <summary>Creates a dense layer with <paramref name="units"/> outputs.</summary>
        public DenseAttribute(int units) => Units = units;

        /// <summary>Output size.</summary>
        public int Units { get; }

        /// <summary>Whether a bias is added (default true).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>Activation (default <see cref="Activation.Linear"/>).</summary>
        public Activation Activation { get; set; } = Activation.Linear;

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }

    /// <summary>
    /// A standalone activation layer (Keras <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>Softmax</c>):
    /// <c>[Activation(Activation.ReLU)]</c>. Softmax runs over the last (channel) axis.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ActivationAttribute : Attribute
    {
        /// <summary>Creates an activation layer.</summary>
        public ActivationAttribute(Activation activation) => Activation = activation;

        /// <summary>The function.</summary>
        public Activation Activation { get; }

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;

        /// <summary>The layer's name, for <c>Input</c>, <c>Add</c> and <c>Concatenate</c> and for weight files (default: Keras' automatic name).</summary>
        public string? Name { get; set; }

        /// <summary>The name of the layer whose output this layer reads (default: the previous layer; "input" is the network input).</summary>
        public string? Input { get; set; }
    }
}
