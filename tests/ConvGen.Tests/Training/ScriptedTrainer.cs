using System;
using System.Collections.Generic;
using ConvGen.Training;

namespace ConvGen.Tests.Training
{
    /// <summary>
    /// An <see cref="ITrainer"/> whose step k returns losses[k] and, when that is finite, adds 1 to its single parameter;
    /// so the parameter counts the successful steps. Outputs are zeros.
    /// </summary>
    public sealed class ScriptedTrainer : ITrainer
    {
        private readonly float[] _losses;
        private float _parameter;
        private int _step;

        public ScriptedTrainer(int batchSize, params float[] losses)
        {
            BatchSize = batchSize;
            _losses = losses;
        }

        public int InputLength => 1;

        public int OutputLength => 2;

        public int OutputChannels => 2;

        public int ParameterCount => 1;

        public int BatchSize { get; }

        public IReadOnlyList<string> LayerNames => new[] { "dense" };

        public float Parameter => _parameter;

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Span<float> gradients) => throw new NotSupportedException();

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Span<float> gradients) => throw new NotSupportedException();

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Loss loss, Optimizer optimizer) => Step();

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Loss loss, Optimizer optimizer) => Step();

        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => outputs.Clear();

        public ReadOnlySpan<float> Outputs => new float[BatchSize * OutputLength];

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Span<float> gradients) => throw new NotSupportedException();

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, CustomLoss loss, Optimizer optimizer) => Step();

        public void CopyParametersTo(Span<float> destination) => destination[0] = _parameter;

        public void SetParameters(ReadOnlySpan<float> parameters) => _parameter = parameters[0];

        public void SetTrainable(string layerName, bool trainable)
        {
        }

        public bool IsTrainable(string layerName) => true;

        private float Step()
        {
            float loss = _losses[Math.Min(_step++, _losses.Length - 1)];
            if (float.IsFinite(loss))
            {
                _parameter++;
            }

            return loss;
        }
    }
}
