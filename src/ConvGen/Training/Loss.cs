namespace ConvGen
{
    /// <summary>
    /// The training losses, with Keras 3's definitions and reduction: each output position's loss (every axis but the
    /// last, channel axis) averaged over the positions of all images in the batch. MeanSquaredError and the binary losses
    /// average over the channel axis first; the categorical losses sum over it. Probabilities are clipped to
    /// [1e-7, 1 - 1e-7] as Keras does; the <c>FromLogits</c> forms read raw scores (Keras <c>from_logits=True</c>).
    /// </summary>
    public enum Loss
    {
        /// <summary>mean((y - t)^2) over the channels (Keras <c>MeanSquaredError</c>).</summary>
        MeanSquaredError,

        /// <summary>-mean(t log p + (1 - t) log(1 - p)) over the channels, p clipped (Keras <c>BinaryCrossentropy</c>).</summary>
        BinaryCrossentropy,

        /// <summary>-sum(t log(p / sum p)) over the channels, p clipped (Keras <c>CategoricalCrossentropy</c>).</summary>
        CategoricalCrossentropy,

        /// <summary>CategoricalCrossentropy with integer class labels (Keras <c>SparseCategoricalCrossentropy</c>).</summary>
        SparseCategoricalCrossentropy,

        /// <summary>BinaryCrossentropy of sigmoid(x), computed stably from the raw scores x.</summary>
        BinaryCrossentropyFromLogits,

        /// <summary>CategoricalCrossentropy of softmax(x), computed stably from the raw scores x.</summary>
        CategoricalCrossentropyFromLogits,

        /// <summary>SparseCategoricalCrossentropy of softmax(x), computed stably from the raw scores x.</summary>
        SparseCategoricalCrossentropyFromLogits,
    }
}
