using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// Conv2D with Groups &gt; 1: each group is an ordinary convolution from its slice of input channels to its slice of
    /// output channels, with its own packed kernel block [kh, kw, in/groups, out/groups padded]. Per output pixel, a Group
    /// method runs the shared register-blocked channel loop (<see cref="ChannelBlockEmitter"/>) over the in-bounds taps.
    /// </summary>
    internal sealed class GroupedConvolutionEmitter : LayerKernelEmitter
    {
        public override IReadOnlyList<LayerKind> Kinds { get; } = KindList(LayerKind.Conv2D);

        public override bool Accepts(LayerSpec layer) => layer.Groups > 1;

        protected override string Summary(LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            int groups = layer.Spec.Groups;
            return $"{base.Summary(plan)}; {I(groups)} groups of {I(layer.InputShape.Channels / groups)} -> {I(layer.OutputShape.Channels / groups)} channels.";
        }

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            int inPerGroup = layer.InputShape.Channels / s.Groups, outPerGroup = layer.OutputShape.Channels / s.Groups;
            TapRangeEmitter.Constants(w, layer);
            w.Line($"private const int Groups = {I(s.Groups)}, InPerGroup = {I(inPerGroup)}, OutPerGroup = {I(outPerGroup)}, OutPerGroupPadded = {I(plan.PaddedUnits)};");
            w.Line("private const int GroupKernelLength = KernelHeight * KernelWidth * InPerGroup * OutPerGroupPadded;");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.Block("for (int oy = 0; oy < OutputHeight; oy++)"))
                {
                    TapRangeEmitter.Rows(w);
                    using (w.Block("for (int ox = 0; ox < OutputWidth; ox++)"))
                    {
                        TapRangeEmitter.Columns(w);
                        w.Line("ref float pixel = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * OutputChannels);");
                        using (w.Block("for (int g = 0; g < Groups; g++)"))
                        {
                            w.Line("Group(ref Unsafe.Add(ref input, g * InPerGroup), ref Unsafe.Add(ref pixel, g * OutPerGroup),");
                            w.Line("    ref Unsafe.Add(ref kernel, g * GroupKernelLength), ref Unsafe.Add(ref bias, g * OutPerGroupPadded), iy, ix, kyStart, kyEnd, kxStart, kxEnd);");
                        }
                    }
                }

                WriteActivationPass(w, plan);
            }

            w.Line();
            w.Line("/// <summary>One group's output channels of one pixel; <paramref name=\"input\"/> points at the group's first input channel.</summary>");
            using (w.Block("private static void Group(ref float input, ref float dst, ref float kernel, ref float bias, int iy, int ix, int kyStart, int kyEnd, int kxStart, int kxEnd)"))
            {
                ChannelBlockEmitter.Emit(w, outPerGroup, s.UseBias, s, vectors =>
                {
                    using (w.Block("for (int ky = kyStart; ky < kyEnd; ky++)"))
                    using (w.Block("for (int kx = kxStart; kx < kxEnd; kx++)"))
                    {
                        w.Line("int at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;");
                        w.Line("int row = (ky * KernelWidth + kx) * InPerGroup * OutPerGroupPadded;");
                        using (w.Block("for (int c = 0; c < InPerGroup; c++)"))
                        {
                            w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));");
                            w.Line("ref float weights = ref Unsafe.Add(ref kernel, row + c * OutPerGroupPadded + oc);");
                            for (int j = 0; j < vectors; j++)
                            {
                                w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, Vector128.LoadUnsafe(ref weights, {I(j * 4)}), acc{j});");
                            }
                        }
                    }
                });
            }
        }
    }
}
