using System.Collections.Generic;

namespace ConvGen.Generator.Planning
{
    /// <summary>
    /// The first planning stage: what runs as code. Batch normalization folds into the convolution or Dense before it
    /// (<see cref="BatchNormFolding"/>), an Activation layer fuses into the weighted layer it reads
    /// (<see cref="ActivationFusion"/>), a pooling layer runs inside the Conv2D it reads
    /// (<see cref="PoolFusion"/>), a SeparableConv2D splits into depthwise and pointwise steps
    /// (<see cref="SeparableSplit"/>), Flatten and Dropout only rename their input's memory.
    /// </summary>
    internal sealed class GraphRewrites
    {
        private readonly IReadOnlyList<LayerAnalysis> _layers;
        private readonly LayerAnalysis?[] _foldInto;
        private readonly LayerAnalysis?[] _fuseInto;
        private readonly LayerAnalysis?[] _poolInto;
        private readonly LayerAnalysis?[] _depthwiseInto;
        private readonly string?[] _depthwiseReasons;
        private readonly LayerRewrite[] _rewrites;
        private readonly LayerAnalysis?[] _targets;

        private GraphRewrites(IReadOnlyList<LayerAnalysis> layers, LayerAnalysis?[] foldInto, LayerAnalysis?[] fuseInto, LayerAnalysis?[] poolInto,
            LayerAnalysis?[] depthwiseInto, string?[] depthwiseReasons)
        {
            _layers = layers;
            _foldInto = foldInto;
            _fuseInto = fuseInto;
            _poolInto = poolInto;
            _depthwiseInto = depthwiseInto;
            _depthwiseReasons = depthwiseReasons;
            _rewrites = new LayerRewrite[layers.Count];
            _targets = new LayerAnalysis?[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                LayerKind kind = layer.Spec.Kind;
                _rewrites[layer.Index] = LayerKinds.For(kind)?.OnlyRenamesInput == true ? LayerRewrite.Renamed
                    : kind == LayerKind.SeparableConv2D ? LayerRewrite.Split
                    : LayerRewrite.Computed;
            }

            foreach (LayerAnalysis layer in layers)
            {
                if (foldInto[layer.Index] is LayerAnalysis folded)
                {
                    _rewrites[folded.Index] = LayerRewrite.Folded;
                    _targets[folded.Index] = layer;
                }

                if (fuseInto[layer.Index] is LayerAnalysis fused)
                {
                    _rewrites[fused.Index] = LayerRewrite.Fused;
                    _targets[fused.Index] = layer;
                }

                if (poolInto[layer.Index] is LayerAnalysis pooled)
                {
                    _rewrites[pooled.Index] = LayerRewrite.Pooled;
                    _targets[pooled.Index] = layer;
                }

                if (depthwiseInto[layer.Index] is LayerAnalysis depthwise)
                {
                    _rewrites[depthwise.Index] = LayerRewrite.InPointwise;
                    _targets[depthwise.Index] = layer;
                }
            }
        }

        /// <summary>The layers the rewrites apply to.</summary>
        public IReadOnlyList<LayerAnalysis> Layers => _layers;

        /// <param name="layers">The analysed layers.</param>
        /// <param name="winograd">Whether eligible convolutions run as Winograd (PoolFusion leaves those alone).</param>
        public static GraphRewrites Find(IReadOnlyList<LayerAnalysis> layers, bool winograd = true)
        {
            int[] readers = CountReaders(layers);
            LayerAnalysis?[] foldInto = BatchNormFolding.Find(layers, readers);
            LayerAnalysis?[] fuseInto = ActivationFusion.Find(layers, readers, foldInto);
            LayerAnalysis?[] poolInto = PoolFusion.Find(layers, readers, foldInto, fuseInto, winograd);
            (LayerAnalysis?[] depthwiseInto, string?[] depthwiseReasons) = DepthwiseFusion.Find(layers, readers, foldInto, fuseInto);
            return new GraphRewrites(layers, foldInto, fuseInto, poolInto, depthwiseInto, depthwiseReasons);
        }

        /// <summary>How many layers read each layer's output.</summary>
        public static int[] CountReaders(IReadOnlyList<LayerAnalysis> layers)
        {
            var readers = new int[layers.Count];
            foreach (LayerAnalysis layer in layers)
            {
                foreach (int input in layer.InputIndices)
                {
                    if (input >= 0)
                    {
                        readers[input]++;
                    }
                }
            }

            return readers;
        }

        /// <summary>What became of layer <paramref name="index"/>.</summary>
        public LayerRewrite Of(int index) => _rewrites[index];

        /// <summary>True when layer <paramref name="index"/> runs code of its own (one step, or two for a split).</summary>
        public bool Computes(int index) => _rewrites[index] is LayerRewrite.Computed or LayerRewrite.Split;

        /// <summary>For a folded, fused or pooled layer, the layer whose step computes it; otherwise null.</summary>
        public LayerAnalysis? Target(int index) => _targets[index];

        /// <summary>The BatchNormalization folded into layer <paramref name="index"/>'s kernel and bias, if any.</summary>
        public LayerAnalysis? FoldedBatchNorm(int index) => _foldInto[index];

        /// <summary>The Activation layer computed in layer <paramref name="index"/>'s registers, if any.</summary>
        public LayerAnalysis? FusedActivation(int index) => _fuseInto[index];

        /// <summary>The pooling layer computed from layer <paramref name="index"/>'s output rows as they are written, if any.</summary>
        public LayerAnalysis? FusedPool(int index) => _poolInto[index];

        /// <summary>The DepthwiseConv2D computed band by band by pointwise Conv2D <paramref name="index"/>, if any.</summary>
        public LayerAnalysis? FusedDepthwise(int index) => _depthwiseInto[index];

        /// <summary>For DepthwiseConv2D <paramref name="index"/>, why it runs as a step of its own (null when it runs inside a pointwise Conv2D, and for other layers).</summary>
        public string? DepthwiseReason(int index) => _depthwiseReasons[index];
    }
}
