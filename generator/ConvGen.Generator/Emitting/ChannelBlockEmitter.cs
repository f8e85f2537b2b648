using System;
using System.Collections.Generic;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// A run of output-channel blocks that share one kernel shape: <see cref="Count"/> blocks of <see cref="Vectors"/>
    /// vectors each, starting at channel <see cref="FirstChannel"/>; the last vector of the last block holds
    /// <see cref="LastLanes"/> real channels (the packed weights are zero-padded, so it still loads whole vectors).
    /// </summary>
    internal sealed class ChannelBlock
    {
        public ChannelBlock(int vectors, int lastLanes, int count, int firstChannel, int lanes)
        {
            Vectors = vectors;
            LastLanes = lastLanes;
            Count = count;
            FirstChannel = firstChannel;
            Width = vectors * lanes;
            IsPartial = lastLanes < lanes;
        }

        public int Vectors { get; }

        public int LastLanes { get; }

        public int Count { get; }

        public int FirstChannel { get; }

        /// <summary>Channels one block spans (vectors x lanes).</summary>
        public int Width { get; }

        /// <summary>Whether the block's last vector is only partly stored.</summary>
        public bool IsPartial { get; }

        /// <summary>Kernel method name part: 4 or 4p6 (4 vectors, the last one storing 6 lanes).</summary>
        public string Tag => IsPartial ? I(Vectors) + "p" + I(LastLanes) : I(Vectors);
    }

    /// <summary>
    /// Register blocking over output channels, shared by Conv2D and Dense: the channels of one output position are
    /// split into blocks of up to <c>maxVectors</c> vectors, each block accumulated in registers from the bias, activated
    /// in registers and stored. All blocks but the last have the same shape and run in a loop; the last may be
    /// narrower or end in a partial vector, and gets its own kernel.
    /// </summary>
    internal static class ChannelBlockEmitter
    {
        /// <summary>Splits <paramref name="units"/> channels into at most two kinds of blocks (a looped run and a last block).</summary>
        public static IReadOnlyList<ChannelBlock> Plan(int units, VectorWidth width, int maxVectors)
        {
            int lanes = width.Lanes;
            int vectors = (units + lanes - 1) / lanes;
            int lastLanes = units - ((vectors - 1) * lanes);
            int full = vectors / maxVectors, rest = vectors % maxVectors;
            var blocks = new List<ChannelBlock>();
            if (rest == 0 && lastLanes < lanes)
            {
                // The last full block ends in a partial vector: give it its own kernel.
                full--;
                rest = maxVectors;
            }

            if (full > 0)
            {
                blocks.Add(new ChannelBlock(maxVectors, lanes, full, 0, lanes));
            }

            if (rest > 0)
            {
                blocks.Add(new ChannelBlock(rest, lastLanes, 1, full * maxVectors * lanes, lanes));
            }

            return blocks;
        }

        /// <summary>The comment over a run of blocks: "// channels [0, 128): 2 blocks of 4 Vector512 (64 channels)", of <paramref name="units"/> channels in all.</summary>
        public static string RangeComment(ChannelBlock block, VectorWidth width, int units)
        {
            int end = Math.Min(block.FirstChannel + (block.Count * block.Width), units);
            return $"// channels [{I(block.FirstChannel)}, {I(end)}): {Count(block.Count, "block")} of {I(block.Vectors)} {width.Static} ({I(block.Width)} channels){(block.IsPartial ? $", the last vector storing {I(block.LastLanes)}" : string.Empty)}";
        }

        /// <summary>Declares the accumulators <c>{prefix}{p}_{j}</c> for <paramref name="positions"/> positions, started from the bias (or zero).</summary>
        public static void Initialize(CodeWriter w, VectorWidth width, ChannelBlock block, int positions, bool useBias, string prefix = "a")
        {
            for (int j = 0; j < block.Vectors; j++)
            {
                string start = useBias ? Load(width, "bias", I(j * width.Lanes)) : $"{width.Type}.Zero";
                if (positions == 1)
                {
                    w.Line($"{width.Type} {prefix}0_{I(j)} = {start};");
                    continue;
                }

                w.Line($"{width.Type} bias{I(j)} = {start};");
                for (int p = 0; p < positions; p++)
                {
                    w.Line($"{width.Type} {prefix}{I(p)}_{I(j)} = bias{I(j)};");
                }
            }
        }

        /// <summary>Applies the fused activation to every accumulator and stores it at <c>dst[p * stride + j * lanes]</c> (partial last vector lane-wise).</summary>
        public static void Store(CodeWriter w, VectorWidth width, ChannelBlock block, int positions, string positionStride, LayerSpec spec, bool activate = true)
        {
            bool afterwards = activate && ActivationEmitter.IsExpFamily(spec.Activation) && positions * block.Vectors > 1;
            for (int p = 0; p < positions; p++)
            {
                string baseOffset = Times(p, positionStride);
                for (int j = 0; j < block.Vectors; j++)
                {
                    string acc = $"a{I(p)}_{I(j)}";
                    string value = activate && !afterwards ? width.Activation(spec.Activation, spec.ActivationCoefficient, acc) ?? acc : acc;
                    if (value != acc)
                    {
                        w.Line($"{acc} = {value};");
                    }

                    if (j == block.Vectors - 1 && block.IsPartial)
                    {
                        width.StorePartial(w, acc, block.LastLanes, "dst", Plus(baseOffset, I(j * width.Lanes)));
                    }
                    else
                    {
                        w.Line($"{Store(acc, "dst", Plus(baseOffset, I(j * width.Lanes)))};");
                    }
                }
            }

            if (afterwards)
            {
                ActivateStored(w, spec, width, positions, positionStride, block.IsPartial ? ((block.Vectors - 1) * width.Lanes) + block.LastLanes : block.Width);
            }
        }

        /// <summary>
        /// Applies an exp-family activation (<see cref="ActivationEmitter.IsExpFamily"/>) to what a tile has just stored at
        /// <c>dst</c>: <paramref name="positions"/> positions <paramref name="positionStride"/> apart, <paramref name="channels"/>
        /// channels each; whole vectors in a loop with one copy of the helper, the channels of a partial vector one at a time.
        /// </summary>
        public static void ActivateStored(CodeWriter w, LayerSpec spec, VectorWidth width, int positions, string positionStride, int channels)
        {
            int whole = channels / width.Lanes;
            w.Line($"// {LayerText.ActivationName(spec.Activation)} after the stores, one vector at a time: beside the accumulators its constants and temporaries would not fit in the registers");
            using (w.For("p", 0, positions))
            {
                w.Line($"ref float at = ref Unsafe.Add(ref dst, {Times("p", positionStride)});");
                if (whole > 0)
                {
                    using (w.For("j", 0, whole * width.Lanes, width.Lanes))
                    {
                        string value = width.Activation(spec.Activation, spec.ActivationCoefficient, Load(width, "at", "j"))!;
                        w.Line($"{Store(value, "at", "j")};");
                    }
                }

                if (channels > whole * width.Lanes)
                {
                    using (w.For("c", whole * width.Lanes, channels))
                    {
                        w.Line($"Unsafe.Add(ref at, c) = {ActivationEmitter.InRegisterScalar(spec.Activation, spec.ActivationCoefficient, "Unsafe.Add(ref at, c)")};");
                    }
                }
            }
        }

        /// <summary><c>Vector512.LoadUnsafe(ref source, (nuint)offset)</c>, without the offset when it is 0.</summary>
        public static string Load(VectorWidth width, string source, string offset) =>
            offset == "0" ? $"{width.Static}.LoadUnsafe(ref {source})" : $"{width.Static}.LoadUnsafe(ref {source}, {Index(offset)})";

        /// <summary><c>value.StoreUnsafe(ref destination, (nuint)offset)</c>, without the offset when it is 0.</summary>
        public static string Store(string value, string destination, string offset) =>
            offset == "0" ? $"{value}.StoreUnsafe(ref {destination})" : $"{value}.StoreUnsafe(ref {destination}, {Index(offset)})";

        /// <summary>An int offset as the nuint index the vector loads and stores take: (nuint)16, (nuint)(oc + 4).</summary>
        public static string Index(string offset) => offset.IndexOf(' ') < 0 ? "(nuint)" + offset : $"(nuint)({offset})";

        /// <summary>Vectors per block in the simple form (<see cref="Emit"/>).</summary>
        private const int SimpleBlockVectors = 4;

        /// <summary>
        /// The simple form, one output position at a time in Vector128 blocks of accumulators <c>acc0..acc3</c> from
        /// channel <c>oc</c>, for the less common layers (grouped convolution, and the border columns of a transposed one) whose speed matters less
        /// than their clarity. The main convolution and dense kernels use <see cref="Plan"/>, <see cref="Initialize"/>
        /// and <see cref="Store"/> with wide vectors and several positions.
        /// </summary>
        /// <param name="w">The writer.</param>
        /// <param name="units">Real output channels.</param>
        /// <param name="useBias">Whether accumulators start from the bias (else from zero).</param>
        /// <param name="spec">The layer (activation).</param>
        /// <param name="body">Writes the multiply-adds for a block of n vectors; the block's first channel is the variable <c>oc</c>.</param>
        public static void Emit(CodeWriter w, int units, bool useBias, LayerSpec spec, Action<int> body)
        {
            int vectors = (units + 3) / 4, fullVectors = units / 4, partialLanes = units % 4;
            int fullBlocks = fullVectors / SimpleBlockVectors;
            int width = SimpleBlockVectors * 4;
            if (fullBlocks > 0)
            {
                using (w.For("oc", 0, fullBlocks * width, width))
                {
                    EmitBlock(w, SimpleBlockVectors, 0, useBias, spec, body);
                }
            }

            int rest = vectors - (fullBlocks * SimpleBlockVectors);
            if (rest > 0)
            {
                w.Line(fullBlocks > 0 ? "// the remaining channels" : "// all channels in one block of registers");
                using (w.Scope())
                {
                    w.Line($"const int oc = {I(fullBlocks * width)};");
                    EmitBlock(w, rest, partialLanes, useBias, spec, body);
                }
            }
        }

        private static void EmitBlock(CodeWriter w, int count, int partialLanes, bool useBias, LayerSpec spec, Action<int> body)
        {
            for (int j = 0; j < count; j++)
            {
                w.Line(useBias
                    ? $"Vector128<float> acc{j} = Vector128.LoadUnsafe(ref bias, {Index(Plus("oc", I(j * 4)))});"
                    : $"Vector128<float> acc{j} = Vector128<float>.Zero;");
            }

            body(count);
            for (int j = 0; j < count; j++)
            {
                string value = ActivationEmitter.InRegister(spec.Activation, spec.ActivationCoefficient, $"acc{j}") ?? $"acc{j}";
                if (j == count - 1 && partialLanes > 0)
                {
                    if (value != $"acc{j}")
                    {
                        w.Line($"acc{j} = {value};");
                    }

                    for (int lane = 0; lane < partialLanes; lane++)
                    {
                        w.Line($"Unsafe.Add(ref dst, {Plus("oc", I(j * 4 + lane))}) = acc{j}.GetElement({I(lane)});");
                    }
                }
                else
                {
                    w.Line($"{value}.StoreUnsafe(ref dst, {Index(Plus("oc", I(j * 4)))});");
                }
            }
        }
    }
}
