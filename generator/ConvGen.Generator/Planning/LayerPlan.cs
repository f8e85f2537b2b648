using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// One step of Run: usually one declared layer; a SeparableConv2D becomes two (depthwise, then pointwise).
    /// What it computes comes from <see cref="StepList"/>; its buffers from <see cref="BufferAssignment"/> and its packed
    /// weights from <see cref="WeightLayout"/>, both set by <see cref="ExecutionPlan.Create"/>.
    /// </summary>
    internal sealed class LayerPlan
    {
        public LayerPlan(LayerAnalysis layer, LayerAnalysis declared, string method, LayerAnalysis? foldedBatchNorm = null, LayerAnalysis? fusedActivation = null, LayerAnalysis? fusedPool = null)
        {
            FusedPool = fusedPool;
            Layer = layer;
            Declared = declared;
            Method = method;
            FoldedBatchNorm = foldedBatchNorm;
            FusedActivation = fusedActivation;
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

        /// <summary>A BatchNormalization folded into this step's kernel and bias by the constructor.</summary>
        public LayerAnalysis? FoldedBatchNorm { get; }

        /// <summary>An Activation layer computed in this step's registers instead of as a pass of its own.</summary>
        public LayerAnalysis? FusedActivation { get; }

        /// <summary>
        /// A MaxPool2D or AvgPool2D computed by this convolution step from its output rows as they are written (<see cref="PoolFusion"/>):
        /// the step writes the pool's output, never its own.
        /// </summary>
        public LayerAnalysis? FusedPool { get; }

        /// <summary>
        /// A DepthwiseConv2D (or a SeparableConv2D's depthwise part) this pointwise Conv2D step computes band by band and
        /// multiplies at once (<see cref="DepthwiseFusion"/>): the step reads the depthwise layer's input, never its output.
        /// Its own plan (weights, folded BatchNormalization, fused Activation) has <see cref="BandRows"/> set.
        /// </summary>
        public LayerPlan? FusedDepthwise { get; set; }

        /// <summary>For a depthwise plan computed inside a pointwise step (<see cref="FusedDepthwise"/>): its output rows per band; 0 otherwise.</summary>
        public int BandRows { get; set; }

        /// <summary>For a depthwise step that runs on its own, why it is not computed inside the convolution after it (for the header); else null.</summary>
        public string? DepthwiseReason { get; set; }

        /// <summary>
        /// For a Conv2D step, the Winograd output tile it runs (4 for F(4x4, 3x3), 2 for F(2x2, 3x3) or, with a 5x5 kernel,
        /// F(2x2, 5x5)) or 0 for the direct kernel, chosen by <see cref="WinogradSelection"/> from the shapes.
        /// </summary>
        public int WinogradTile { get; set; }

        /// <summary>
        /// For a direct Conv2D step (<see cref="WinogradTile"/> 0): whether it runs as <c>ConvGen.Inference.NarrowWinogradConvolution</c>
        /// (F(4x4, 3x3) for 1-4 input channels) where that beats the direct kernel (Vector256 the widest accelerated vector),
        /// chosen by <see cref="WinogradSelection.DecideNarrow"/>; its packed weights then also hold the transformed kernel.
        /// </summary>
        public bool NarrowWinograd { get; set; }

        /// <summary>
        /// For a 1x1 Conv2D step whose input is a ReLU's or ReLU6's output, why it skips the zero inputs (<see cref="ZeroSkipping"/>,
        /// for the header); null for a step that multiplies every input.
        /// </summary>
        public string? ZeroSkipReason { get; set; }

        /// <summary>Whether the step skips zero inputs (<see cref="ZeroSkipReason"/> set): its Run takes whether the weights are all finite.</summary>
        public bool SkipsZeros => ZeroSkipReason is not null;

        /// <summary>For a Conv2D step, why it runs the algorithm it runs (for the header); null for other steps.</summary>
        public string? AlgorithmReason { get; set; }

        /// <summary>What the step reads, in order (two or more for Add and Concatenate).</summary>
        public IReadOnlyList<BufferRef> Sources { get; set; } = new BufferRef[0];

        public BufferRef Destination { get; set; } = BufferRef.Output;

        /// <summary>The step's place in the packed weights.</summary>
        public PackedWeights Weights { get; set; } = PackedWeights.None;

        /// <summary>Output channels rounded up to whole vectors (per group, or input channels for depthwise): packed kernel rows and bias have this length.</summary>
        public int PaddedUnits => Weights.PaddedUnits;

        public int PackedKernelOffset => Weights.KernelOffset;

        public int PackedBiasOffset => Weights.BiasOffset;

        /// <summary>Floats of packed kernel (or BatchNormalization scale) at <see cref="PackedKernelOffset"/>.</summary>
        public int PackedKernelLength => Weights.KernelLength;

        /// <summary>Floats of packed bias (or shift) at <see cref="PackedBiasOffset"/>; 0 without.</summary>
        public int PackedBiasLength => Weights.BiasLength;

        public KernelPacking Packing => Weights.Packing;

        /// <summary>The Keras kernel (or, for a standalone BatchNormalization, gamma: the four tensors follow each other).</summary>
        public ParameterTensor? Kernel => Weights.Kernel;

        public ParameterTensor? Bias => Weights.Bias;
    }
}
