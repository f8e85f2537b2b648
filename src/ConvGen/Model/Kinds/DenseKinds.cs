using System;
using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
    // The home of Dense, Flatten and Dropout in the library: their attributes (the public API), their LayerSpec
    // factories and, in DenseKinds, their descriptors, shape rules, constructor readers and attribute text.

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

    /// <summary>Flattens [H, W, C] into [H*W*C] in H, W, C order (Keras <c>Flatten</c>, channels_last). Costs nothing at run time.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class FlattenAttribute : SingleInputLayerAttribute
    {
    }

    /// <summary>Dropout: the identity at inference, accepted so that a Keras model's layer list can be written down as is. Costs nothing.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
#if !CONVGEN_GENERATOR // internal in the generator, which links this file for nameof
    public
#endif
    sealed class DropoutAttribute : SingleInputLayerAttribute
    {
        /// <summary>Creates the layer; <paramref name="rate"/> (in [0, 1)) only matters in training.</summary>
        public DropoutAttribute(float rate) => Rate = rate;

        /// <summary>The training-time drop rate.</summary>
        public float Rate { get; }
    }

    public sealed partial record LayerSpec
    {
        /// <summary>A fully connected layer (Keras <c>Dense</c>).</summary>
        public static LayerSpec Dense(int units, bool useBias = true, Activation activation = Activation.Linear, float negativeSlope = DefaultNegativeSlope)
            => new LayerSpec { Kind = LayerKind.Dense, Units = units, UseBias = useBias, Activation = activation, NegativeSlope = Slope(activation, negativeSlope), Alpha = AlphaOf(activation, negativeSlope) };

        /// <summary>Flatten [H, W, C] into [H*W*C] (H, W, C order, as Keras channels_last).</summary>
        public static LayerSpec Flatten() => new LayerSpec { Kind = LayerKind.Flatten };

        /// <summary>Dropout: the identity at inference, accepted so a Keras layer list can be written down as is.</summary>
        public static LayerSpec Dropout(float rate) => new LayerSpec { Kind = LayerKind.Dropout, Rate = rate };
    }

    /// <summary>The flat end of a network: Dense, and Flatten and Dropout, which only rename their input at inference.</summary>
    internal static class DenseKinds
    {
        public static readonly LayerKindInfo[] All =
        {
            new LayerKindInfo(LayerKind.Dense, "Dense", "dense", Dense, DenseArguments, (a, l) => l with { Units = a.Int("units", 0) }, hasActivation: true, canFoldBatchNorm: true, hasParameters: true, takesBias: true),
            new LayerKindInfo(LayerKind.Flatten, "Flatten", "flatten", Flatten, NoArguments, onlyRenamesInput: true),
            new LayerKindInfo(LayerKind.Dropout, "Dropout", "dropout", Dropout, DropoutArguments, (a, l) => l with { Rate = a.Float("rate") }, onlyRenamesInput: true),
        };

        private static LayerAnalysis? Dense(ShapeContext c)
        {
            LayerSpec layer = c.Layer;
            TensorShape input = c.Input;
            if (!c.CheckSize("units", c.Where + " units", layer.Units))
            {
                return null;
            }

            if (input.Rank != 1)
            {
                c.Report(DiagnosticIds.NeedsFlatInput, null, Format("{0} needs a flat input but receives {1}; add [Flatten] before it", c.Where, input));
                return null;
            }

            var parameters = new List<ParameterTensor>();
            if (!c.AddParameter(parameters, "kernel", new[] { input.Channels, layer.Units })
                || (layer.UseBias && !c.AddParameter(parameters, "bias", new[] { layer.Units })))
            {
                return null;
            }

            return c.Result(TensorShape.Flat(layer.Units), parameters, (long)input.Channels * layer.Units);
        }

        private static LayerAnalysis? Flatten(ShapeContext c) => c.Result(TensorShape.Flat((int)c.Input.Length));

        private static LayerAnalysis? Dropout(ShapeContext c)
        {
            float rate = c.Layer.Rate;
            if (float.IsNaN(rate) || rate < 0 || rate >= 1)
            {
                c.Report(DiagnosticIds.InvalidArgument, "rate", Format("{0}: the rate must be in [0, 1), not {1}", c.Where, rate));
                return null;
            }

            return c.Result(c.Input);
        }

        private static void DenseArguments(LayerSpec layer, List<string> args)
        {
            args.Add(LayerText.Int(layer.Units));
            if (!layer.UseBias)
            {
                args.Add("UseBias = false");
            }

            LayerText.AddActivation(args, layer, named: true);
        }

        private static void DropoutArguments(LayerSpec layer, List<string> args) => args.Add(LayerText.Float(layer.Rate));

        private static void NoArguments(LayerSpec layer, List<string> args)
        {
        }
    }
}
