using System;
using ConvGen.Training;

namespace ConvGen.Reference
{
    public sealed partial class ReferenceTrainer
    {
        /// <summary>
        /// d(loss)/d(parameter) of a batch of <paramref name="images"/> images in training mode at <see cref="Step"/>, into
        /// <paramref name="gradients"/> (ParameterCount values; 0 for frozen layers and moving statistics); returns the loss.
        /// </summary>
        public double ComputeGradients(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<float> targets, Loss loss, Span<double> gradients)
            => Gradients(inputs, images, ToDouble(targets), null, loss, gradients);

        /// <summary>As the overload with targets, for the sparse losses (one label per output position).</summary>
        public double ComputeGradients(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<int> labels, Loss loss, Span<double> gradients)
            => Gradients(inputs, images, null, labels.ToArray(), loss, gradients);

        /// <summary>As the double overload, the gradients rounded to float.</summary>
        public double ComputeGradients(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients)
        {
            var g = new double[gradients.Length];
            double value = ComputeGradients(inputs, images, targets, loss, g);
            Round(g, gradients);
            return value;
        }

        /// <summary>As the double overload, the gradients rounded to float.</summary>
        public double ComputeGradients(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<int> labels, Loss loss, Span<float> gradients)
        {
            var g = new double[gradients.Length];
            double value = ComputeGradients(inputs, images, labels, loss, g);
            Round(g, gradients);
            return value;
        }

        /// <summary>
        /// Everything in double, at the given <paramref name="parameters"/> (not the trainer's): the loss, and when the spans
        /// are not empty d(loss)/d(parameter) into <paramref name="gradients"/> and d(loss)/d(input) into
        /// <paramref name="inputGradients"/>. For finite-difference checks.
        /// </summary>
        public double ComputeGradients(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, int images, ReadOnlySpan<double> targets, Loss loss,
            Span<double> gradients, Span<double> inputGradients)
            => Evaluate(parameters, inputs, images, targets.ToArray(), null, loss, gradients, inputGradients);

        /// <summary>As the overload with targets, for the sparse losses.</summary>
        public double ComputeGradients(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, int images, ReadOnlySpan<int> labels, Loss loss,
            Span<double> gradients, Span<double> inputGradients)
            => Evaluate(parameters, inputs, images, null, labels.ToArray(), loss, gradients, inputGradients);

        /// <summary>
        /// One Keras training step: the gradients at <see cref="Step"/>; if the loss is finite, <paramref name="optimizer"/>
        /// updates every trainable parameter tensor (not the moving statistics) at the learning rate of its iteration count,
        /// then each trainable BatchNormalization's moving statistics become moving * momentum + batch * (1 - momentum)
        /// (batch variance biased), and <see cref="Step"/> advances. Returns the loss; nothing changes when it is not finite.
        /// The optimizer state is created on the first step and again whenever another optimizer object is passed.
        /// </summary>
        public double TrainStep(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<float> targets, Loss loss, Optimizer optimizer)
            => Train(inputs, images, ToDouble(targets), null, loss, optimizer);

        /// <summary>As the overload with targets, for the sparse losses.</summary>
        public double TrainStep(ReadOnlySpan<float> inputs, int images, ReadOnlySpan<int> labels, Loss loss, Optimizer optimizer)
            => Train(inputs, images, null, labels.ToArray(), loss, optimizer);

        /// <summary>
        /// A training-mode forward pass that only updates the moving statistics of the trainable BatchNormalization layers
        /// (what Keras' <c>model(x, training=True)</c> does outside <c>fit</c>).
        /// </summary>
        public void UpdateMovingStatistics(ReadOnlySpan<float> inputs, int images)
        {
            CheckInputs(inputs.Length, images);
            Tape tape = Forward(ToDouble(_parameters), ToDouble(inputs), images, training: true, Step);
            UpdateMovingStatistics(tape);
        }

        /// <summary>Inference-mode outputs (moving statistics, no dropout) for inputs.Length / InputLength images, rounded once to float.</summary>
        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
        {
            if (inputs.Length == 0 || inputs.Length % InputLength != 0)
            {
                throw new ArgumentException($"Expected a whole number (at least 1) of {InputLength}-float images but got {inputs.Length} floats.", nameof(inputs));
            }

            int images = inputs.Length / InputLength;
            if (outputs.Length != images * OutputLength)
            {
                throw new ArgumentException($"Expected room for {images} outputs of {OutputLength} floats ({images * OutputLength}) but got {outputs.Length}.", nameof(outputs));
            }

            Tape tape = Forward(ToDouble(_parameters), ToDouble(inputs), images, training: false, Step);
            double[][] y = tape.Out[tape.Out.Length - 1];
            for (int n = 0; n < images; n++)
            {
                for (int k = 0; k < OutputLength; k++)
                {
                    outputs[n * OutputLength + k] = (float)y[n][k];
                }
            }
        }

        /// <summary>The training-mode outputs of the last gradient computation or step (OutputLength per image), in double.</summary>
        public double[] Outputs { get; private set; } = Array.Empty<double>();

        private double Gradients(ReadOnlySpan<float> inputs, int images, double[]? targets, int[]? labels, Loss loss, Span<double> gradients)
        {
            if (gradients.Length != ParameterCount)
            {
                throw new ArgumentException($"Expected room for {ParameterCount} gradients but got {gradients.Length}.", nameof(gradients));
            }

            return Evaluate(ToDouble(_parameters), ToDouble(inputs), images, targets, labels, loss, gradients, default);
        }

        private double Train(ReadOnlySpan<float> inputs, int images, double[]? targets, int[]? labels, Loss loss, Optimizer optimizer)
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            var gradients = new double[ParameterCount];
            double value = Run(ToDouble(_parameters), ToDouble(inputs), images, targets, labels, loss, gradients, null, out Tape tape);
            if (!double.IsFinite(value))
            {
                return value;
            }

            var rounded = new float[gradients.Length];
            Round(gradients, rounded);

            if (OptimizerState is null || !ReferenceEquals(OptimizerState.Owner, optimizer))
            {
                OptimizerState = optimizer.CreateState(ParameterCount);
            }

            OptimizerState state = OptimizerState;
            float learningRate = optimizer.LearningRateAt(state.Iterations);
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                if (!_trainable[layer.Index])
                {
                    continue;
                }

                foreach (ParameterTensor tensor in layer.Parameters)
                {
                    if (tensor.Name is not ("moving_mean" or "moving_variance"))
                    {
                        optimizer.Apply(state, _parameters, rounded, tensor.Offset, tensor.Length, learningRate);
                    }
                }
            }

            state.Iterations++;
            UpdateMovingStatistics(tape);
            Step++;
            return value;
        }

        /// <summary>
        /// moving = moving * momentum + batch * (1 - momentum) for every layer that ran with batch statistics, in double,
        /// rounded once; momentum the float of LayerSpec.Momentum and 1 - momentum as Keras (<see cref="KerasFloat.OneMinus"/>).
        /// </summary>
        private void UpdateMovingStatistics(Tape tape)
        {
            foreach (LayerAnalysis layer in Analysis.Layers)
            {
                if (tape.BatchMean[layer.Index] is not double[] mean || tape.BatchVariance[layer.Index] is not double[] variance)
                {
                    continue;
                }

                double momentum = layer.Spec.Momentum, rest = KerasFloat.OneMinus(layer.Spec.Momentum);
                int meanAt = layer.Parameters[2].Offset, varianceAt = layer.Parameters[3].Offset;
                for (int c = 0; c < mean.Length; c++)
                {
                    _parameters[meanAt + c] = (float)(_parameters[meanAt + c] * momentum + mean[c] * rest);
                    _parameters[varianceAt + c] = (float)(_parameters[varianceAt + c] * momentum + variance[c] * rest);
                }
            }
        }

        private double Evaluate(ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs, int images, double[]? targets, int[]? labels, Loss loss,
            Span<double> gradients, Span<double> inputGradients)
        {
            if (parameters.Length != ParameterCount)
            {
                throw new ArgumentException($"Expected {ParameterCount} parameters but got {parameters.Length}.", nameof(parameters));
            }

            if (!gradients.IsEmpty && gradients.Length != ParameterCount)
            {
                throw new ArgumentException($"Expected room for {ParameterCount} gradients (or none) but got {gradients.Length}.", nameof(gradients));
            }

            if (!inputGradients.IsEmpty && inputGradients.Length != inputs.Length)
            {
                throw new ArgumentException($"Expected room for {inputs.Length} input gradients (or none) but got {inputGradients.Length}.", nameof(inputGradients));
            }

            double[]? g = gradients.IsEmpty ? null : new double[ParameterCount];
            double[]? gx = inputGradients.IsEmpty ? null : new double[inputs.Length];
            double value = Run(parameters.ToArray(), inputs.ToArray(), images, targets, labels, loss, g, gx, out _);
            g?.CopyTo(gradients);
            gx?.CopyTo(inputGradients);
            return value;
        }

        /// <summary>Checks the arguments, runs the training-mode forward pass, the loss, and (when asked) the backward pass.</summary>
        private double Run(double[] p, double[] inputs, int images, double[]? targets, int[]? labels, Loss loss, double[]? gradients, double[]? inputGradients, out Tape tape)
        {
            CheckInputs(inputs.Length, images);
            int channels = OutputChannels, positions = images * OutputLength / channels;
            if (LossFunctions.IsSparse(loss) != (labels is not null))
            {
                throw new ArgumentException(labels is null
                    ? $"{loss} takes integer labels: use the overload with labels."
                    : $"{loss} takes target tensors: use the overload with targets.", nameof(loss));
            }

            if (targets is not null && targets.Length != images * OutputLength)
            {
                throw new ArgumentException($"Expected {images * OutputLength} target values ({images} images of {OutputLength}) but got {targets.Length}.", nameof(targets));
            }

            if (labels is not null)
            {
                if (labels.Length != positions)
                {
                    throw new ArgumentException($"Expected {positions} labels (one per output position of {images} images) but got {labels.Length}.", nameof(labels));
                }

                LossFunctions.CheckLabels(labels, channels);
            }

            tape = Forward(p, inputs, images, training: true, Step);
            double[][] outputs = tape.Out[tape.Out.Length - 1];
            var y = new double[images * OutputLength];
            for (int n = 0; n < images; n++)
            {
                outputs[n].CopyTo(y, n * OutputLength);
            }

            Outputs = y;
            var dy = new double[y.Length];
            double value = ReferenceLoss.Compute(loss, y, targets, labels, channels, dy);
            if (gradients is null && inputGradients is null)
            {
                return value;
            }

            var dyImages = new double[images][];
            for (int n = 0; n < images; n++)
            {
                dyImages[n] = dy.AsSpan(n * OutputLength, OutputLength).ToArray();
            }

            double[][] dx = Backward(tape, p, dyImages, gradients);
            if (inputGradients is not null)
            {
                for (int n = 0; n < images; n++)
                {
                    dx[n].CopyTo(inputGradients, n * InputLength);
                }
            }

            return value;
        }

        private void CheckInputs(int length, int images)
        {
            if (images < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(images), images, "A batch holds at least one image.");
            }

            if (length != images * InputLength)
            {
                throw new ArgumentException($"Expected {images} images of {InputLength} floats ({images * InputLength}) but got {length}.", "inputs");
            }
        }

        private static void Round(double[] values, Span<float> rounded)
        {
            for (int k = 0; k < values.Length; k++)
            {
                rounded[k] = (float)values[k];
            }
        }

        private static double[] ToDouble(ReadOnlySpan<float> values)
        {
            var d = new double[values.Length];
            for (int k = 0; k < d.Length; k++)
            {
                d[k] = values[k];
            }

            return d;
        }
    }
}
