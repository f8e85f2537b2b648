using System;
using static ConvGen.Generator.Emitting.CodeWriter;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The common shape of Conv2D and Dense: for one output position, output channels are computed in blocks
    /// of up to <see cref="BlockVectors"/> Vector128 accumulators (register blocking), each started from the bias,
    /// fed by a layer-specific multiply-add body, activated in registers and stored. Channel counts that are not a
    /// multiple of 4 end in a partial vector stored lane by lane; the packed kernel is zero-padded so loads stay whole.
    /// </summary>
    internal static class ChannelBlockEmitter
    {
        public const int BlockVectors = 4;

        /// <param name="w">The writer.</param>
        /// <param name="units">Real output channels.</param>
        /// <param name="useBias">Whether accumulators start from the bias (else from zero).</param>
        /// <param name="spec">The layer (activation).</param>
        /// <param name="body">Writes the multiply-adds for a block of n vectors; the block's first channel is the variable <c>oc</c>.</param>
        public static void Emit(CodeWriter w, int units, bool useBias, LayerSpec spec, Action<int> body)
        {
            int vectors = (units + 3) / 4, fullVectors = units / 4, partialLanes = units % 4;
            int fullBlocks = fullVectors / BlockVectors;
            int width = BlockVectors * 4;
            if (fullBlocks > 0)
            {
                using (w.Block($"for (int oc = 0; oc < {I(fullBlocks * width)}; oc += {I(width)})"))
                {
                    EmitBlock(w, BlockVectors, 0, useBias, spec, body);
                }
            }

            int rest = vectors - (fullBlocks * BlockVectors);
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
                    ? $"Vector128<float> acc{j} = Vector128.LoadUnsafe(ref bias, (nuint)(oc + {I(j * 4)}));"
                    : $"Vector128<float> acc{j} = Vector128<float>.Zero;");
            }

            body(count);
            for (int j = 0; j < count; j++)
            {
                string value = ActivationEmitter.InRegister(spec.Activation, spec.NegativeSlope, $"acc{j}") ?? $"acc{j}";
                if (j == count - 1 && partialLanes > 0)
                {
                    if (value != $"acc{j}")
                    {
                        w.Line($"acc{j} = {value};");
                    }

                    for (int lane = 0; lane < partialLanes; lane++)
                    {
                        w.Line($"Unsafe.Add(ref dst, oc + {I(j * 4 + lane)}) = acc{j}.GetElement({I(lane)});");
                    }
                }
                else
                {
                    w.Line($"{value}.StoreUnsafe(ref dst, (nuint)(oc + {I(j * 4)}));");
                }
            }
        }
    }
}
