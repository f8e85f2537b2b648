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

        /// <summary>The emitter of <paramref name="kind"/>; every layer kind has one (CG0032 otherwise).</summary>
        public static KindTraining? For(LayerKind kind) => kind switch
        {
            LayerKind.Conv2D => new Conv2DTraining(),
            LayerKind.DepthwiseConv2D => new DepthwiseConv2DTraining(),
            LayerKind.SeparableConv2D => new SeparableConv2DTraining(),
            LayerKind.Conv2DTranspose => new Conv2DTransposeTraining(),
            LayerKind.Dense => new DenseTraining(),
            LayerKind.MaxPool2D => new PoolTraining(max: true),
            LayerKind.AvgPool2D => new PoolTraining(max: false),
            LayerKind.GlobalAveragePooling2D => new GlobalPoolTraining(max: false),
            LayerKind.GlobalMaxPooling2D => new GlobalPoolTraining(max: true),
            LayerKind.BatchNormalization => new BatchNormalizationTraining(),
            LayerKind.ZeroPadding2D => new ZeroPadding2DTraining(),
            LayerKind.Cropping2D => new Cropping2DTraining(),
            LayerKind.UpSampling2D => new UpSampling2DTraining(),
            LayerKind.Flatten => new PassThroughTraining(),
            LayerKind.Activation => new PassThroughTraining(),
            LayerKind.Dropout => new DropoutTraining(),
            LayerKind.Add => new AddTraining(),
            LayerKind.Concatenate => new ConcatenateTraining(),
            _ => null,
        };
    }
}
