using System;
using System.Collections.Generic;
using ConvGen.Generator.Emitting;

namespace ConvGen.Generator.Training
{
    /// <summary>
    /// A layer kind's training code: its forward pass for one image (training and inference mode) and its backward pass
    /// for one image. Per-image methods see: n (the image), x (the input, or x0, x1, ... for merges), z (the
    /// pre-activation output), prm (the parameters); backward also d (the gradient of z), grad (the parameter gradients
    /// of the image's chunk), dx (the input gradient, empty when not needed), wantW and wantX.
    /// </summary>
    internal abstract class KindTraining
    {
        private static readonly Dictionary<LayerKind, List<KindTraining>> ByKind = KindRegistry<KindTraining>.Index(t => t.Kinds);

        /// <summary>Whether the kind works on the whole batch at once (batch statistics) instead of image by image.</summary>
        public virtual bool WholeBatch => false;

        /// <summary>
        /// Whether the kind also has chunk methods (<see cref="ForwardChunk"/>, <see cref="BackwardChunk"/>) that run
        /// the images of a chunk together (matrix products over the chunk instead of one matrix-vector product per image).
        /// </summary>
        public virtual bool WholeChunk => false;

        /// <summary>
        /// Forward over a chunk: n (its first image), count (its images), x and z spanning the chunk's images, prm. The
        /// activation is applied afterwards, image by image.
        /// </summary>
        public virtual void ForwardChunk(CodeWriter w, TrainingStep s)
        {
        }

        /// <summary>Backward over a chunk (after the activation's gradient): as <see cref="ForwardChunk"/> plus d, dx, grad, wantW, wantX.</summary>
        public virtual void BackwardChunk(CodeWriter w, TrainingStep s)
        {
        }

        public abstract void Forward(CodeWriter w, TrainingStep s);

        public abstract void Backward(CodeWriter w, TrainingStep s);

        /// <summary>The layer kinds this emitter trains.</summary>
        public abstract IReadOnlyList<LayerKind> Kinds { get; }

        /// <summary>
        /// The emitter of <paramref name="kind"/>: the concrete <see cref="KindTraining"/> in the generator that lists it in
        /// <see cref="Kinds"/> (no list to edit); every layer kind has one (CG0032 otherwise).
        /// </summary>
        public static KindTraining? For(LayerKind kind) => ByKind.TryGetValue(kind, out List<KindTraining>? all) ? all[0] : null;

        /// <summary>A kinds list, for <see cref="Kinds"/>.</summary>
        protected static IReadOnlyList<LayerKind> KindList(params LayerKind[] kinds) => Array.AsReadOnly(kinds);
    }
}
