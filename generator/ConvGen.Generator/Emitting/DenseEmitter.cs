using System;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Dense: y = x · kernel + bias with kernel [in, outPadded]; each input value is broadcast against vectors of one kernel row.</summary>
    internal static class DenseEmitter
    {
        public static void Emit(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            w.Line($"/// <summary>{LayerEmitter.Describe(plan)}</summary>");
            using (w.Block($"private static class {plan.Method}"))
            {
                w.Line($"private const int Inputs = {I(layer.InputShape.Channels)}, Units = {I(layer.OutputShape.Channels)}, UnitsPadded = {I(plan.PaddedUnits)};");
                w.Line();
                w.Line("/// <summary>Computes the whole layer.</summary>");
                using IDisposable run = w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)");
                w.Line("ref float dst = ref output;");
                ChannelBlockEmitter.Emit(w, layer.OutputShape.Channels, s.UseBias, s, vectors =>
                {
                    using (w.Block("for (int i = 0; i < Inputs; i++)"))
                    {
                        w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, i));");
                        w.Line("ref float weights = ref Unsafe.Add(ref kernel, i * UnitsPadded + oc);");
                        for (int j = 0; j < vectors; j++)
                        {
                            w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights, {I(j * 4)}), acc{j});");
                        }
                    }
                });

                string? pass = ActivationEmitter.Pass(s.Activation, "output", layer.OutputShape);
                if (pass is not null)
                {
                    w.Line(pass);
                }
            }
        }
    }
}
