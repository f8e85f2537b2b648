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

        protected override string Describe(LayerAnalysis l) => ConvolutionEmitter.DescribeConv2D(l);

        public override bool Accepts(LayerSpec layer) => layer.Groups > 1;

        protected override void EmitMembers(CodeWriter w, LayerPlan plan)
        {
            LayerAnalysis layer = plan.Layer;
            LayerSpec s = layer.Spec;
            int inPerGroup = layer.InputShape.Channels / s.Groups, outPerGroup = layer.OutputShape.Channels / s.Groups;
            WindowGeometry g = WindowGeometry.Of(layer);
            g.Constants(w, $"OutputChannels = {I(layer.OutputShape.Channels)}");
            w.Line($"private const int Groups = {I(s.Groups)}, InPerGroup = {I(inPerGroup)}, OutPerGroup = {I(outPerGroup)}, OutPerGroupPadded = {I(plan.PaddedUnits)};");
            w.Line("private const int GroupKernelLength = KernelHeight * KernelWidth * InPerGroup * OutPerGroupPadded;");
            w.Line();
            w.Line("/// <summary>Computes the whole layer.</summary>");
            using (w.Block("public static void Run(ref float input, ref float output, ref float kernel, ref float bias)"))
            {
                using (w.For("oy", 0, g.OutputHeight, toText: "OutputHeight"))
                {
                    WindowGeometry.RowTaps(w);
                    using (w.For("ox", 0, g.OutputWidth, toText: "OutputWidth"))
                    {
                        WindowGeometry.ColumnTaps(w);
                        w.Line("ref float pixel = ref Unsafe.Add(ref output, (oy * OutputWidth + ox) * OutputChannels);");
                        using (w.Block("for (int g = 0; g < Groups; g++)"))
                        {
                            w.Line("Group(ref Unsafe.Add(ref input, g * InPerGroup), ref Unsafe.Add(ref pixel, g * OutPerGroup),");
                            w.Line("    ref Unsafe.Add(ref kernel, g * GroupKernelLength), ref Unsafe.Add(ref bias, g * OutPerGroupPadded), iy, ix, kyLo, kyHi, kxLo, kxHi);");
                        }
                    }
                }

                WriteActivationPass(w, plan);
            }

            w.Line();
            w.Line("/// <summary>One group's output channels of one pixel; <paramref name=\"input\"/> points at the group's first input channel.</summary>");
            using (w.Block("private static void Group(ref float input, ref float dst, ref float kernel, ref float bias, int iy, int ix, int kyLo, int kyHi, int kxLo, int kxHi)"))
            {
                ChannelBlockEmitter.Emit(w, outPerGroup, s.UseBias, s, vectors =>
                {
                    using (w.Block("for (int ky = kyLo; ky < kyHi; ky++)"))
                    using (w.Block("for (int kx = kxLo; kx < kxHi; kx++)"))
                    {
                        w.Line("int at = ((iy + ky * DilationHeight) * InputWidth + ix + kx * DilationWidth) * InputChannels;");
                        w.Line("int row = (ky * KernelWidth + kx) * InPerGroup * OutPerGroupPadded;");
                        using (w.For("c", 0, inPerGroup, toText: "InPerGroup"))
                        {
                            w.Line("Vector128<float> x = Vector128.Create(Unsafe.Add(ref input, at + c));");
                            w.Line("ref float weights = ref Unsafe.Add(ref kernel, row + c * OutPerGroupPadded + oc);");
                            for (int j = 0; j < vectors; j++)
                            {
                                w.Line($"acc{j} = Vector128.MultiplyAddEstimate(x, {(j == 0 ? "Vector128.LoadUnsafe(ref weights)" : $"Vector128.LoadUnsafe(ref weights, {I(j * 4)})")}, acc{j});");
                            }
                        }
                    }
                });
            }
        }
    }
}
