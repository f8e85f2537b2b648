using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of BatchNormalization and Activation in the library: their attributes (the public API), their LayerSpec
    // factories and, in ChannelKinds, their descriptors, shape rules, constructor readers and attribute text.

    /// <summary>
    /// Inference batch normalization over the channel (last) axis (Keras <c>BatchNormalization</c>):
    /// y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta.
    /// Parameters in Keras order: gamma, beta, moving_mean, moving_variance, each [channels].
    /// Directly after a convolution or Dense with a linear activation, the generated code folds it into that layer's weights.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class BatchNormalizationAttribute : SingleInputLayerAttribute
    {
        /// <summary>Added to the variance (default 0.001, as Keras).</summary>
        public float Epsilon { get; set; } = 0.001f;

        /// <summary>Training: moving = moving * Momentum + batch statistic * (1 - Momentum) (default 0.99, as Keras).</summary>
        public float Momentum { get; set; } = 0.99f;
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

    public sealed partial record LayerSpec
    {
        /// <summary>Inference batch normalization (Keras <c>BatchNormalization</c>; parameters gamma, beta, moving_mean, moving_variance).</summary>
        public static LayerSpec BatchNormalization(float epsilon = DefaultEpsilon, float momentum = DefaultMomentum)
            => new LayerSpec { Kind = LayerKind.BatchNormalization, Epsilon = epsilon, Momentum = momentum };

        /// <summary>A standalone activation layer (Keras <c>Activation</c>, <c>ReLU</c>, <c>LeakyReLU</c>, <c>Softmax</c>, ...); for ELU pass alpha as <paramref name="negativeSlope"/>.</summary>
        public static LayerSpec ActivationLayer(Activation activation, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Activation, Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope) };
    }

    /// <summary>The per-value layers that keep the shape: BatchNormalization and Activation.</summary>
    internal static class ChannelKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            new LayerKindInfo(LayerKind.BatchNormalization, "BatchNormalization", "batch_normalization", BatchNormalization, BatchNormalizationArguments,
                hasParameters: true),
            new LayerKindInfo(LayerKind.Activation, "Activation", "activation", c => c.Result(c.Input),
                (layer, args) => LayerText.AddActivation(args, layer, named: false), (a, l) => l with { Activation = (Activation)a.Int("activation", 0) },
                hasActivation: true),
        };

        /// <summary>Parameters gamma, beta, moving_mean, moving_variance (Keras order), one per channel.</summary>
        private static LayerAnalysis? BatchNormalization(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            if (float.IsNaN(layer.Momentum) || layer.Momentum < 0 || layer.Momentum > 1)
            {
                // Reported, but the layer is still analysed (Analyze stops after it).
                c.Report(DiagnosticIds.InvalidArgument, nameof(BatchNormalizationAttribute.Momentum), Format("{0}: Momentum must be a number in [0, 1], not {1}", c.Where, layer.Momentum));
            }

            if (float.IsNaN(layer.Epsilon) || float.IsInfinity(layer.Epsilon) || layer.Epsilon < 0)
            {
                c.Report(DiagnosticIds.InvalidArgument, nameof(BatchNormalizationAttribute.Epsilon), Format("{0}: Epsilon must be a finite number >= 0, not {1}", c.Where, layer.Epsilon));
                return null;
            }

            var parameters = new List<ParameterTensor>();
            foreach (string parameter in new[] { "gamma", "beta", "moving_mean", "moving_variance" })
            {
                if (!c.AddParameter(parameters, parameter, new[] { input.Channels }))
                {
                    return null;
                }
            }

            return c.Result(input, parameters, input.Length);
        }

        private static void BatchNormalizationArguments(LayerSpec layer, List<string> args)
        {
            if (!layer.Epsilon.Equals(LayerSpec.DefaultEpsilon))
            {
                args.Add("Epsilon = " + LayerText.Float(layer.Epsilon));
            }

            if (!layer.Momentum.Equals(LayerSpec.DefaultMomentum))
            {
                args.Add("Momentum = " + LayerText.Float(layer.Momentum));
            }
        }
    }
}
