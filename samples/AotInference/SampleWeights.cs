using System;
using ConvGen;

namespace AotInference;

/// <summary>
/// The sample's weights: deterministic pseudo-random values (xorshift32), scaled per tensor by 1/sqrt(fan-in) like
/// Glorot/LeCun initialisation, for <c>--write-weights</c>. Not trained: the shipped lenet5.safetensors holds the weights
/// samples/Mnist trained instead (or put a file exported from a trained Keras model there, docs/weights.md).
/// </summary>
internal static class SampleWeights
{
    public static float[] Create()
    {
        NetworkAnalysis analysis = ShapeInference.Analyze(LeNet5.Network);
        var values = new float[analysis.ParameterCount];
        uint state = 2463534242u;
        foreach (LayerAnalysis layer in analysis.Layers)
        {
            foreach (ParameterTensor tensor in layer.Parameters)
            {
                int fanIn = tensor.Length / tensor.Shape[tensor.Shape.Count - 1];
                float scale = tensor.Name == "bias" ? 0.1f : (float)(1.7 / Math.Sqrt(fanIn));
                for (int i = 0; i < tensor.Length; i++)
                {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    values[tensor.Offset + i] = ((state >> 8) / (float)(1 << 24) * 2f - 1f) * scale;
                }
            }
        }

        return values;
    }
}
