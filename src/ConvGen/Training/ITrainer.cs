using System;
using System.Collections.Generic;

namespace ConvGen.Training
{
    /// <summary>
    /// What every generated <c>Trainer</c> (<c>[ConvNet(..., Training = true)]</c>) offers, so that training loops
    /// (TrainingLoop.Fit) work with any network. Inputs hold 1 to <see cref="BatchSize"/> NHWC images.
    /// </summary>
    public interface ITrainer
    {
        /// <summary>Floats in one input image.</summary>
        int InputLength { get; }

        /// <summary>Floats in one output.</summary>
        int OutputLength { get; }

        /// <summary>The output's last (channel) axis: classes for a classifier.</summary>
        int OutputChannels { get; }

        /// <summary>Parameters in Keras <c>get_weights()</c> order.</summary>
        int ParameterCount { get; }

        /// <summary>The most images one call takes.</summary>
        int BatchSize { get; }

        /// <summary>The layer names of the generated summary, in order (for <see cref="SetTrainable"/>).</summary>
        IReadOnlyList<string> LayerNames { get; }

        /// <summary>d(loss)/d(parameter) for a batch, in training mode; returns the loss.</summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients);

        /// <summary>As the overload with targets, for the sparse losses (one class index per output position).</summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Span<float> gradients);

        /// <summary>Gradients, the optimizer's update, then the batch-norm moving statistics; returns the loss (nothing changes when it is not finite).</summary>
        float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Optimizer optimizer);

        /// <summary>As the overload with targets, for the sparse losses.</summary>
        float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Optimizer optimizer);

        /// <summary>Inference-mode outputs for 1 to <see cref="BatchSize"/> images (Keras <c>model(x, training=False)</c>).</summary>
        void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

        /// <summary>As the built-in-loss overload, with a loss of your own; targets: any whole number of floats per image, passed to it unchanged.</summary>
        float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Span<float> gradients);

        /// <summary>One training step with a loss of your own.</summary>
        float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Optimizer optimizer);

        /// <summary>The outputs of the last call, OutputLength floats per image of it: training mode after ComputeGradients or TrainStep, inference mode after Predict.</summary>
        ReadOnlySpan<float> Outputs { get; }

        /// <summary>The current parameters, Keras <c>get_weights()</c> order.</summary>
        void CopyParametersTo(Span<float> destination);

        /// <summary>Replaces the parameters (Keras <c>set_weights</c>); optimizer state is kept.</summary>
        void SetParameters(ReadOnlySpan<float> parameters);

        /// <summary>Freezes or unfreezes a layer (Keras <c>layer.trainable</c>).</summary>
        void SetTrainable(string layerName, bool trainable);

        /// <summary>Whether a layer is trained.</summary>
        bool IsTrainable(string layerName);
    }
}
