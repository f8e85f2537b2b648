using System.Collections.Generic;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Where a layer reads or writes: the caller's spans or one of the two halves of the scratch array.</summary>
    internal enum BufferSlot
    {
        Input,
        Output,
        ScratchA,
        ScratchB,
    }

    /// <summary>The emitter's decisions for one layer: its method name, buffers and packed weight offsets.</summary>
    internal sealed class LayerPlan
    {
        public LayerPlan(LayerAnalysis layer, string method)
        {
            Layer = layer;
            Method = method;
        }

        public LayerAnalysis Layer { get; }

        /// <summary>Name of the layer's generated nested class, e.g. Conv2d1Layer for conv2d_1; its Run method computes the layer.</summary>
        public string Method { get; }

        public BufferSlot Source { get; set; }

        public BufferSlot Destination { get; set; }

        /// <summary>False for layers that only reinterpret memory (Flatten).</summary>
        public bool EmitsCode => Layer.Spec.Kind != LayerKind.Flatten;

        /// <summary>Output channels rounded up to whole vectors: packed kernel rows and bias have this length.</summary>
        public int PaddedUnits { get; set; }

        public int PackedKernelOffset { get; set; } = -1;

        public int PackedBiasOffset { get; set; } = -1;
    }

    /// <summary>
    /// How a network runs: buffer assignment (ping-pong between two scratch halves; Flatten aliases its input;
    /// the last computing layer writes straight into the caller's output) and the packed weight layout
    /// (kernel rows zero-padded to whole vectors so every load is a full vector).
    /// </summary>
    internal sealed class ExecutionPlan
    {
        /// <summary>Packed kernel rows and biases are padded to this many floats (one Vector512), so every vector width reads whole vectors.</summary>
        public const int VectorLength = VectorWidth.PaddingLanes;

        private ExecutionPlan(NetworkAnalysis analysis, List<LayerPlan> layers, int scratchHalf, int scratchLength, int packedLength)
        {
            Analysis = analysis;
            Layers = layers;
            ScratchHalf = scratchHalf;
            ScratchLength = scratchLength;
            PackedLength = packedLength;
        }

        public NetworkAnalysis Analysis { get; }

        public IReadOnlyList<LayerPlan> Layers { get; }

        /// <summary>Offset of scratch half B.</summary>
        public int ScratchHalf { get; }

        /// <summary>Floats of scratch the constructor allocates.</summary>
        public int ScratchLength { get; }

        /// <summary>Floats of packed weights the constructor allocates.</summary>
        public int PackedLength { get; }

        /// <summary>conv2d_1 -> Conv2d1Layer.</summary>
        public static string ClassName(string layerName)
        {
            var sb = new System.Text.StringBuilder();
            bool upper = true;
            foreach (char c in layerName)
            {
                if (c == '_')
                {
                    upper = true;
                    continue;
                }

                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            return sb.Append("Layer").ToString();
        }

        public static int RoundUp(int value) => (value + VectorLength - 1) / VectorLength * VectorLength;

        public static ExecutionPlan Create(NetworkAnalysis analysis)
        {
            var layers = new List<LayerPlan>();
            var names = new HashSet<string>();
            int lastWriter = -1;
            foreach (LayerAnalysis layer in analysis.Layers)
            {
                layers.Add(new LayerPlan(layer, ClassName(layer.Name)));
                if (layer.Spec.Kind != LayerKind.Flatten)
                {
                    lastWriter = layer.Index;
                }
            }

            BufferSlot current = BufferSlot.Input;
            bool usesA = false, usesB = false;
            int half = 0, packed = 0;
            foreach (LayerPlan plan in layers)
            {
                plan.Source = current;
                if (!plan.EmitsCode)
                {
                    plan.Destination = current;
                }
                else if (plan.Layer.Index == lastWriter)
                {
                    plan.Destination = BufferSlot.Output;
                }
                else
                {
                    plan.Destination = current == BufferSlot.ScratchA ? BufferSlot.ScratchB : BufferSlot.ScratchA;
                    usesA |= plan.Destination == BufferSlot.ScratchA;
                    usesB |= plan.Destination == BufferSlot.ScratchB;
                    half = System.Math.Max(half, (int)plan.Layer.OutputShape.Length);
                }

                current = plan.Destination;

                LayerKind kind = plan.Layer.Spec.Kind;
                if (kind == LayerKind.Conv2D || kind == LayerKind.Dense)
                {
                    int units = plan.Layer.OutputShape.Channels;
                    plan.PaddedUnits = RoundUp(units);
                    plan.PackedKernelOffset = packed;
                    packed += plan.Layer.Parameters[0].Length / units * plan.PaddedUnits;
                    if (plan.Layer.Spec.UseBias)
                    {
                        plan.PackedBiasOffset = packed;
                        packed += plan.PaddedUnits;
                    }
                }
            }

            int scratch = (usesA ? half : 0) + (usesB ? half : 0);
            return new ExecutionPlan(analysis, layers, half, scratch, packed);
        }
    }
}
