using System;
using System.Collections.Generic;
using ConvGen.Generator.Planning;

namespace ConvGen.Generator.Emitting
{
    /// <summary>
    /// The registry of kernel emitters, found by the kind of layer a step computes: every concrete
    /// <see cref="LayerKernelEmitter"/> in the generator, by its <see cref="LayerKernelEmitter.Kinds"/> (no list to edit).
    /// A kind with several emitters (Conv2D: grouped or not) takes the one whose <see cref="LayerKernelEmitter.Accepts"/>
    /// says yes; they must not overlap. Flatten, Dropout and SeparableConv2D have none: the plan renames the first two
    /// and splits the third.
    /// </summary>
    internal static class KernelEmitters
    {
        private static readonly Dictionary<LayerKind, List<LayerKernelEmitter>> ByKind = KindRegistry<LayerKernelEmitter>.Index(e => e.Kinds);

        /// <summary>The emitter of the layer a step computes.</summary>
        /// <exception cref="InvalidOperationException">No emitter computes that layer (a bug in the planner: such a layer must not reach a step).</exception>
        public static LayerKernelEmitter For(LayerSpec layer)
        {
            if (ByKind.TryGetValue(layer.Kind, out List<LayerKernelEmitter>? emitters))
            {
                LayerKernelEmitter? found = null;
                foreach (LayerKernelEmitter emitter in emitters)
                {
                    if (emitter.Accepts(layer))
                    {
                        found = found is null ? emitter : throw new InvalidOperationException($"Two emitters for {layer.Kind}: {found.GetType().Name}, {emitter.GetType().Name}.");
                    }
                }

                if (found is not null)
                {
                    return found;
                }
            }

            throw new InvalidOperationException($"No emitter for {layer.Kind}.");
        }

        /// <summary>Writes <paramref name="plan"/>'s kernel class with its emitter.</summary>
        public static void Emit(CodeWriter w, LayerPlan plan) => For(plan.Layer.Spec).Emit(w, plan);
    }
}
