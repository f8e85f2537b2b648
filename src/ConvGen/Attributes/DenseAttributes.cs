using System;

namespace ConvGen
{
    /// <summary>Flattens [H, W, C] into [H*W*C] in H, W, C order (Keras <c>Flatten</c>, channels_last). Costs nothing at run time.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class FlattenAttribute : SingleInputLayerAttribute
    {
    }

    /// <summary>
    /// Fully connected layer (Keras <c>Dense</c>) on a flat input. Parameters: kernel [in, units], then bias [units]
    /// when <see cref="WeightedLayerAttribute.UseBias"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class DenseAttribute : WeightedLayerAttribute
    {
        /// <summary>Creates a dense layer with <paramref name="units"/> outputs.</summary>
        public DenseAttribute(int units) => Units = units;

        /// <summary>Output size.</summary>
        public int Units { get; }
    }

    /// <summary>
    /// A standalone activation layer (Keras <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>Softmax</c>):
    /// <c>[Activation(Activation.ReLU)]</c>. Softmax runs over the last (channel) axis.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class ActivationAttribute : SingleInputLayerAttribute
    {
        /// <summary>Creates an activation layer.</summary>
        public ActivationAttribute(Activation activation) => Activation = activation;

        /// <summary>The function.</summary>
        public Activation Activation { get; }

        /// <summary>Slope below zero for <see cref="Activation.LeakyReLU"/> (default 0.3).</summary>
        public float NegativeSlope { get; set; } = 0.3f;

        /// <summary>Alpha of <see cref="Activation.ELU"/> (default 1, as Keras).</summary>
        public float Alpha { get; set; } = 1f;
    }
}
