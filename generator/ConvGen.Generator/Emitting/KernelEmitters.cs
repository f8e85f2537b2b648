using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The registry of kernel emitters, one per layer family, found by the kind of layer a step computes. A kind with
    /// several emitters (Conv2D: grouped or not) takes the first whose <see cref="LayerKernelEmitter.Accepts"/> says yes.
    /// Flatten, Dropout and SeparableConv2D have none: the plan renames the first two and splits the third.
    /// </summary>
    internal static class KernelEmitters
    {
        private static readonly LayerKernelEmitter[] All =
        {
            new GroupedConvolutionEmitter(),
            new ConvolutionEmitter(),
            new DepthwiseEmitter(),
            new TransposedConvolutionEmitter(),
            new DenseEmitter(),
            new BatchNormEmitter(),
            new PoolingEmitter(),
            new GlobalPoolingEmitter(),
            new ZeroPaddingEmitter(),
            new CroppingEmitter(),
            new UpSamplingEmitter(),
            new MergeEmitter(),
            new ActivationLayerEmitter(),
        };

        private static readonly Dictionary<LayerKind, List<LayerKernelEmitter>> ByKind = Index();

        /// <summary>The emitter of the layer a step computes.</summary>
        /// <exception cref="InvalidOperationException">No emitter computes that layer (a bug in the planner: such a layer must not reach a step).</exception>
        public static LayerKernelEmitter For(LayerSpec layer)
        {
            if (ByKind.TryGetValue(layer.Kind, out List<LayerKernelEmitter>? emitters))
            {
                foreach (LayerKernelEmitter emitter in emitters)
                {
                    if (emitter.Accepts(layer))
                    {
                        return emitter;
                    }
                }
            }

            throw new InvalidOperationException($"No emitter for {layer.Kind}.");
        }

        /// <summary>Writes <paramref name="plan"/>'s kernel class with its emitter.</summary>
        public static void Emit(CodeWriter w, LayerPlan plan) => For(plan.Layer.Spec).Emit(w, plan);

        private static Dictionary<LayerKind, List<LayerKernelEmitter>> Index()
        {
            var byKind = new Dictionary<LayerKind, List<LayerKernelEmitter>>();
            foreach (LayerKernelEmitter emitter in All)
            {
                foreach (LayerKind kind in emitter.Kinds)
                {
                    if (!byKind.TryGetValue(kind, out List<LayerKernelEmitter>? list))
                    {
                        byKind[kind] = list = new List<LayerKernelEmitter>();
                    }

                    list.Add(emitter);
                }
            }

            return byKind;
        }
    }
}
