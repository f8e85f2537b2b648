using System;
using System.Collections.Generic;
using ConvGen.Reference;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>The reference trainer behind the <see cref="ITrainer"/> contract (what a generated Trainer offers), recording each step's batch.</summary>
    public sealed class ReferenceTrainerAdapter : ITrainer
    {
        private readonly ReferenceTrainer _trainer;

        public ReferenceTrainerAdapter(NetworkSpec spec, float[] parameters, int batchSize, ulong seed = 0)
        {
            _trainer = new ReferenceTrainer(spec, parameters, seed);
            BatchSize = batchSize;
        }

        /// <summary>Each step's images, in order.</summary>
        public List<float[]> Batches { get; } = new List<float[]>();

        public int InputLength => _trainer.InputLength;

        public int OutputLength => _trainer.OutputLength;

        public int OutputChannels => _trainer.OutputChannels;

        public int ParameterCount => _trainer.ParameterCount;

        public int BatchSize { get; }

        public IReadOnlyList<string> LayerNames => _trainer.LayerNames;

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients)
            => (float)_trainer.ComputeGradients(inputs, Images(inputs), targets, loss, gradients);

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Span<float> gradients)
            => (float)_trainer.ComputeGradients(inputs, Images(inputs), labels, loss, gradients);

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Optimizer optimizer)
        {
            Batches.Add(inputs.ToArray());
            return (float)_trainer.TrainStep(inputs, Images(inputs), targets, loss, optimizer);
        }

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Optimizer optimizer)
        {
            Batches.Add(inputs.ToArray());
            return (float)_trainer.TrainStep(inputs, Images(inputs), labels, loss, optimizer);
        }

        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _trainer.Predict(inputs, outputs);

        public ReadOnlySpan<float> Outputs => Array.ConvertAll(_trainer.Outputs, v => (float)v);

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Span<float> gradients) => throw new NotSupportedException("the reference trainer has built-in losses only");

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Optimizer optimizer) => throw new NotSupportedException("the reference trainer has built-in losses only");

        public void CopyParametersTo(Span<float> destination) => _trainer.CopyParametersTo(destination);

        public void SetParameters(ReadOnlySpan<float> parameters) => _trainer.SetParameters(parameters);

        public void SetTrainable(string layerName, bool trainable) => _trainer.SetTrainable(layerName, trainable);

        public bool IsTrainable(string layerName) => _trainer.IsTrainable(layerName);

        private int Images(ReadOnlySpan<float> inputs)
        {
            int images = inputs.Length / InputLength;
            if (images < 1 || images > BatchSize)
            {
                throw new ArgumentException($"Expected 1 to {BatchSize} images but got {images}.", nameof(inputs));
            }

            return images;
        }
    }
}
