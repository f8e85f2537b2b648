namespace ConvGen.Generator.Planning
{
    /// <summary>What the graph rewrites (<see cref="GraphRewrites"/>) made of one declared layer.</summary>
    internal enum LayerRewrite
    {
        /// <summary>Runs as a step of its own.</summary>
        Computed,

        /// <summary>A SeparableConv2D: runs as two steps, depthwise then pointwise (<see cref="SeparableSplit"/>).</summary>
        Split,

        /// <summary>Flatten or Dropout (identity at inference): its output is its input's memory, no code.</summary>
        Renamed,

        /// <summary>A BatchNormalization folded into the kernel and bias of the layer it reads (<see cref="BatchNormFolding"/>).</summary>
        Folded,

        /// <summary>An Activation layer computed in the registers of the weighted layer it reads (<see cref="ActivationFusion"/>).</summary>
        Fused,

        /// <summary>A MaxPool2D or AvgPool2D computed by the Conv2D it reads, from that convolution's rows as they are written (<see cref="PoolFusion"/>).</summary>
        Pooled,

        /// <summary>A DepthwiseConv2D computed band by band by the pointwise Conv2D that reads it, its output never stored whole (<see cref="DepthwiseFusion"/>).</summary>
        InPointwise,
    }
}
