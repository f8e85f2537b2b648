using System;
using ConvGen;

namespace Mnist;

/// <summary>
/// Starting weights until the training branch is merged: Glorot-uniform kernels and zero biases, as Keras initialises
/// them. INTEGRATION POINT: replace the body of <see cref="Create"/> with
/// <c>ConvGen.Training.Initializers.Keras(LeNet5.Network, seed)</c>.
/// </summary>
internal static class InitialWeights
{
    public static float[] Create(int seed)
    {
        NetworkAnalysis analysis = ShapeInference.Analyze(LeNet5.Network);
        var values = new float[analysis.ParameterCount];
        var random = new Random(seed);
        foreach (LayerAnalysis layer in analysis.Layers)
        {
            foreach (ParameterTensor tensor in layer.Parameters)
            {
                if (tensor.Name != "kernel")
                {
                    continue; // biases stay 0
                }

                // kernel [kh, kw, in, out] or [in, out]: fan_in = all but the last axis, fan_out = all but the second last.
                int outputs = tensor.Shape[tensor.Shape.Count - 1];
                int inputs = tensor.Shape[tensor.Shape.Count - 2];
                int receptive = tensor.Length / (outputs * inputs);
                double limit = Math.Sqrt(6.0 / ((inputs + outputs) * receptive));
                for (int i = 0; i < tensor.Length; i++)
                {
                    values[tensor.Offset + i] = (float)(((random.NextDouble() * 2) - 1) * limit);
                }
            }
        }

        return values;
    }
}
