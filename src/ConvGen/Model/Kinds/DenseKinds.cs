using System.Collections.Generic;
using static ConvGen.ShapeInference;

namespace ConvGen
{
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
