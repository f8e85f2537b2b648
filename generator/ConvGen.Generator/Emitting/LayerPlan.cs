using System.Collections.Generic;

namespace ConvGen.Generator.Emitting
{
    /// <summary>Where a tensor lives while the network runs: the caller's input or output span, or a slot of the scratch array.</summary>
    internal sealed class BufferRef
    {
        public static readonly BufferRef Input = new BufferRef(-1, "x");
        public static readonly BufferRef Output = new BufferRef(-2, "y");

        private BufferRef(int slot, string name)
        {
            Slot = slot;
            Name = name;
        }

        /// <summary>Index of the scratch slot; negative for the caller's spans.</summary>
        public int Slot { get; }

        /// <summary>The ref local that Run declares for it: x, y, buffer0, buffer1, ...</summary>
        public string Name { get; }

        public bool IsScratch => Slot >= 0;

        public static BufferRef Scratch(int slot) => new BufferRef(slot, "buffer" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>How the constructor re-lays a step's Keras kernel into the packed weights.</summary>
    internal enum KernelPacking
    {
        /// <summary>No weights.</summary>
        None,

        /// <summary>[rows, units] with units last (Conv2D, Dense, pointwise): rows padded to <see cref="LayerPlan.PaddedUnits"/>.</summary>
        Rows,

        /// <summary>Grouped Conv2D: per group, [kh, kw, in/groups, out/groups padded].</summary>
        Groups,

        /// <summary>Depthwise [kh, kw, in, multiplier] as per multiplier m, [kh * kw, in padded].</summary>
        Depthwise,

        /// <summary>Conv2DTranspose [kh, kw, out, in] as [kh, kw, in, out padded].</summary>
        Transposed,

        /// <summary>Standalone BatchNormalization: a per-channel scale (the "kernel") and shift (the "bias").</summary>
        BatchNorm,
    }

    /// <summary>
    /// One step of Run: usually one declared layer; a SeparableConv2D becomes two (depthwise, then pointwise).
    /// Holds the emitter's decisions: its nested class name, buffers, packed weight offsets and BatchNormalization folding.
    /// </summary>
    internal sealed class LayerPlan
    {
        public LayerPlan(LayerAnalysis layer, LayerAnalysis declared, string method)
        {
            Layer = layer;
            Declared = declared;
            Method = method;
        }

        /// <summary>
        /// What the step computes: the declared layer; for a SeparableConv2D its depthwise or pointwise part (with that part's
        /// parameters); with a folded BatchNormalization or fused Activation, the declared layer with UseBias and Activation
        /// as computed (parameters as declared: the constructor makes the bias).
        /// </summary>
        public LayerAnalysis Layer { get; }

        /// <summary>The declared layer the step belongs to (its parameters and name).</summary>
        public LayerAnalysis Declared { get; }

        /// <summary>Name of the step's generated nested class, e.g. Conv2d1Layer for conv2d_1; its Run method computes the step.</summary>
        public string Method { get; }

        /// <summary>What the step reads, in order (two or more for Add and Concatenate).</summary>
        public IReadOnlyList<BufferRef> Sources { get; set; } = new BufferRef[0];

        public BufferRef Destination { get; set; } = BufferRef.Output;

        /// <summary>Output channels rounded up to whole vectors (per group, or input channels for depthwise): packed kernel rows and bias have this length.</summary>
        public int PaddedUnits { get; set; }

        public int PackedKernelOffset { get; set; } = -1;

        public int PackedBiasOffset { get; set; } = -1;

        /// <summary>Floats of packed kernel (or BatchNormalization scale) at <see cref="PackedKernelOffset"/>.</summary>
        public int PackedKernelLength { get; set; }

        /// <summary>Floats of packed bias (or shift) at <see cref="PackedBiasOffset"/>; 0 without.</summary>
        public int PackedBiasLength { get; set; }

        public KernelPacking Packing { get; set; }

        /// <summary>The Keras kernel (or, for a standalone BatchNormalization, gamma: the four tensors follow each other).</summary>
        public ParameterTensor? Kernel { get; set; }

        public ParameterTensor? Bias { get; set; }

        /// <summary>A BatchNormalization folded into this step's kernel and bias by the constructor.</summary>
        public LayerAnalysis? FoldedBatchNorm { get; set; }

        /// <summary>An Activation layer computed in this step's registers instead of as a pass of its own.</summary>
        public LayerAnalysis? FusedActivation { get; set; }
    }
}
