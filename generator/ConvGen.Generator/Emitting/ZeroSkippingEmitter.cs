using System.Collections.Generic;
using ConvGen.Generator.Planning;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The kernels of a 1x1 convolution that skips the zeros of its input (<see cref="ZeroSkipping"/> decides which):
    /// <c>Sparse{width}</c> computes one pixel tile of <c>ConvolutionEmitter</c>'s tiles-outer GEMM pixel by pixel from
    /// the nonzero inputs only, when enough of them are zero, and <c>SparsePixel{block}_{width}</c> one pixel's block of
    /// up to 8 output vectors. Vector256 and Vector512 only; the Vector128 kernels multiply every input.
    /// </summary>
    internal static class ZeroSkippingEmitter
    {
        private const string Masks = "global::ConvGen.Kernels.ZeroMasks";

        /// <summary>Output vectors one pixel accumulates at once: 8 chains hide the FMA latency (4 cycles, 2 per cycle), and 8 Vector256 leave AVX2 registers for the broadcast.</summary>
        public const int BlockVectors = 8;

        /// <summary>Whether this width of the step skips zeros.</summary>
        public static bool Applies(LayerPlan plan, VectorWidth width) => plan.SkipsZeros && width.Bits >= 256;

        /// <summary>Sparse{width} and its per-pixel block kernels, for a layer of <paramref name="outputChannels"/> channels.</summary>
        public static void EmitTile(CodeWriter w, LayerSpec s, int inputChannels, int outputChannels, VectorWidth width)
        {
            IReadOnlyList<ChannelBlock> blocks = ChannelBlockEmitter.Plan(outputChannels, width, BlockVectors);
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// The tile of <paramref name=\"pixels\"/> pixels from <paramref name=\"ox\"/>, pixel by pixel from the nonzero inputs only, when at");
            w.Line($"/// least {ZeroSkipping.MinZeroPercent}% of its middle pixel's inputs are zero (then it beats the dense tile); returns false, computing nothing, otherwise.");
            w.Line("/// </summary>");
            using (w.Block($"private static bool Sparse{width.Suffix}(ref float input, int ox, int pixels, ref float output, ref float kernel, ref float bias)"))
            {
                w.Line("ref float first = ref Unsafe.Add(ref input, ox * InputChannels);");
                w.Line("// one pixel stands for the tile: counting the zeros of all its pixels cost 5% of a dense tile with Vector512");
                using (w.Block($"if ({Masks}.CountZeros(ref Unsafe.Add(ref first, pixels / 2 * InputChannels), InputChannels) * 100 < InputChannels * {ZeroSkipping.MinZeroPercent})"))
                {
                    w.Line("return false;");
                }

                w.Line();
                using (w.Block("for (int p = 0; p < pixels; p++)"))
                {
                    w.Line("ref float pixel = ref Unsafe.Add(ref first, p * InputChannels);");
                    w.Line("ref float dst = ref Unsafe.Add(ref output, (ox + p) * Filters);");
                    foreach (ChannelBlock block in blocks)
                    {
                        w.Line(ChannelBlockEmitter.RangeComment(block, width, outputChannels));
                        using (w.For("oc", block.FirstChannel, block.FirstChannel + (block.Count * block.Width), block.Width))
                        {
                            w.Line($"{PixelName(block, width)}(ref pixel, {Ref("dst", "oc")}, {Ref("kernel", "oc")}, {Ref("bias", "oc")});");
                        }
                    }
                }

                w.Line("return true;");
            }

            foreach (ChannelBlock block in blocks)
            {
                w.Line();
                EmitPixel(w, s, inputChannels, block, width);
            }
        }

        private static string PixelName(ChannelBlock block, VectorWidth width) => $"SparsePixel{block.Tag}_{width.Suffix}";

        /// <summary>One pixel x one block of output channels, one broadcast and a row of weights per nonzero input channel, 64 channels' mask at a time.</summary>
        private static void EmitPixel(CodeWriter w, LayerSpec s, int inputChannels, ChannelBlock block, VectorWidth width)
        {
            w.Line($"/// <summary>1 output pixel x {I(block.Width)} channels ({I(block.Vectors)} {width.Static}) in {Count(block.Vectors, "accumulator")}, from the pixel's nonzero input channels only.</summary>");
            using (w.Block($"private static void {PixelName(block, width)}(ref float pixel, ref float dst, ref float kernel, ref float bias)"))
            {
                ChannelBlockEmitter.Initialize(w, width, block, 1, s.UseBias);
                using (w.For("from", 0, inputChannels, 64, toText: "InputChannels"))
                {
                    w.Line($"ulong nonzero = {Masks}.NonzeroMask({Ref("pixel", "from")}, {(inputChannels <= 64 ? "InputChannels" : "Math.Min(64, InputChannels - from)")});");
                    using (w.Block("while (nonzero != 0)"))
                    {
                        w.Line("int c = from + global::System.Numerics.BitOperations.TrailingZeroCount(nonzero);");
                        w.Line("nonzero &= nonzero - 1;");
                        w.Line($"{width.Type} v = {width.Static}.Create(Unsafe.Add(ref pixel, c));");
                        w.Line("ref float k = ref Unsafe.Add(ref kernel, c * FiltersPadded);");
                        for (int j = 0; j < block.Vectors; j++)
                        {
                            w.Line($"a0_{I(j)} = {width.Static}.MultiplyAddEstimate(v, {ChannelBlockEmitter.Load(width, "k", I(j * width.Lanes))}, a0_{I(j)});");
                        }
                    }
                }

                ChannelBlockEmitter.Store(w, width, block, 1, "Filters", s);
            }
        }
    }
}
