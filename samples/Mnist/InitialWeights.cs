using ConvGen.Training;

namespace Mnist;

/// <summary>LeNet-5's starting weights, as Keras initialises a new model (Glorot-uniform kernels, zero biases).</summary>
internal static class InitialWeights
{
    public static float[] Create(int seed) => Initializers.Keras(LeNet5.Network, seed);
}
