using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
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
