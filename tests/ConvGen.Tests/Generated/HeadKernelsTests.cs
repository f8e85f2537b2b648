using System;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generated
{
    // The kernels of a classifier head (the survey's S7) and their neighbours, against the interpreter: global pooling in
    // blocks of vectors (GlobalPoolingEmitter: 8-vector blocks, a shorter block, channels one at a time), Dense over
    // kernels packed as panels of 32 units (16 for at most 16 units; a partly filled last panel, a BatchNormalization
    // folded into it), and the Softmax pass (ActivationPasses.Softmax: whole vectors plus single floats, rows shorter
    // than a vector, one row per pixel of a segmentation map).
    // Run these with DOTNET_EnableAVX512=0 (and DOTNET_EnableAVX=0) to check the Vector256 (Vector128) paths as well.

    /// <summary>7x7x300: GlobalAveragePooling (Vector512: two blocks of 8 vectors, one of 2, then 12 channels), Dense 1000 Softmax.</summary>
    [ConvNet(7, 7, 300)]
    [GlobalAveragePooling2D]
    [Dense(1000, Activation = Activation.Softmax)]
    public partial class AverageHeadNet
    {
    }

    /// <summary>5x6x37: GlobalMaxPooling, Dense 40 + BatchNormalization folded + ReLU (two panels, the second 8 of 32 units used), Dense 17 Tanh, Dense 7 Softmax (one panel of 16).</summary>
    [ConvNet(5, 6, 37)]
    [GlobalMaxPooling2D]
    [Dense(40, UseBias = false)]
    [BatchNormalization]
    [Activation(Activation.ReLU)]
    [Dense(17, Activation = Activation.Tanh)]
    [Dense(7, Activation = Activation.Softmax)]
    public partial class MaxHeadNet
    {
    }

    /// <summary>A segmentation head: 9x11x8, Conv2D 21 1x1 Softmax (a softmax over 21 classes at each pixel).</summary>
    [ConvNet(9, 11, 8)]
    [Conv2D(21, 1, Activation = Activation.Softmax)]
    public partial class PixelSoftmaxNet
    {
    }

    public class HeadKernelsTests
    {
        [Fact]
        public void AnAverageHeadMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(AverageHeadNet.Network, p => new AverageHeadNet(p), seed: 81, inputScale: 4f);

        [Fact]
        public void AMaxHeadWithAFoldedBatchNormMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(MaxHeadNet.Network, p => new MaxHeadNet(p), seed: 82, inputScale: 4f);

        [Fact]
        public void ASoftmaxPerPixelMatchesTheInterpreter() =>
            TestData.AssertMatchesInterpreter(PixelSoftmaxNet.Network, p => new PixelSoftmaxNet(p), seed: 83, inputScale: 4f);

        [Fact]
        public void SoftmaxRowsSumToOneAndKeepTheirOrder()
        {
            // 1000 logits spread over [-30, 30]: each row's exps span 26 orders of magnitude
            var random = new Random(84);
            float[] logits = new float[3 * 1000];
            for (int i = 0; i < logits.Length; i++)
            {
                logits[i] = (float)((random.NextDouble() * 60) - 30);
            }

            float[] probabilities = (float[])logits.Clone();
            ConvGen.Kernels.ActivationPasses.Softmax(ref probabilities[0], 3, 1000);
            for (int row = 0; row < 3; row++)
            {
                double sum = 0, max = double.NegativeInfinity;
                for (int c = 0; c < 1000; c++)
                {
                    max = Math.Max(max, logits[(row * 1000) + c]);
                }

                for (int c = 0; c < 1000; c++)
                {
                    sum += Math.Exp(logits[(row * 1000) + c] - max);
                }

                for (int c = 0; c < 1000; c++)
                {
                    double expected = Math.Exp(logits[(row * 1000) + c] - max) / sum;
                    Assert.True(Math.Abs(probabilities[(row * 1000) + c] - expected) <= (1e-6 * expected) + 1e-12, $"row {row}, class {c}: {probabilities[(row * 1000) + c]} vs {expected}");
                }
            }
        }

        [Fact]
        public void TheSigmoidPassMatchesTheDefinitionAtEveryLengthAndKeepsNaN()
        {
            // lengths that leave 0-7 floats after the whole vectors; values from -100 to 100 (both saturated ends)
            var random = new Random(85);
            for (int length = 1; length <= 40; length++)
            {
                float[] x = new float[length];
                for (int i = 0; i < length; i++)
                {
                    x[i] = (float)((random.NextDouble() * 200) - 100) / (1 + (i % 5 * 10));
                }

                float[] y = (float[])x.Clone();
                ConvGen.Kernels.ActivationPasses.Sigmoid(ref y[0], length);
                for (int i = 0; i < length; i++)
                {
                    double expected = 1 / (1 + Math.Exp(-x[i]));
                    // 2 ulp, or anything below the smallest normal float (1.2e-38: sigmoid(-97) is 6e-43, a denormal)
                    Assert.True(Math.Abs(y[i] - expected) <= (3e-7 * expected) + 1.2e-38, $"sigmoid({x[i]:R}) = {y[i]:R}, expected {expected:R}");
                }
            }

            float[] nan = { 1f, float.NaN, -2f, 3f, 4f, 5f, 6f, 7f, float.NaN };
            ConvGen.Kernels.ActivationPasses.Sigmoid(ref nan[0], nan.Length);
            Assert.True(float.IsNaN(nan[1]) && float.IsNaN(nan[8]));
            Assert.False(float.IsNaN(nan[0]));
        }

        [Fact]
        public void SoftmaxOfARowWithNaNIsNaN()
        {
            float[] row = { 1f, 2f, float.NaN, 4f, 5f, 6f, 7f, 8f, 9f, 10f };
            ConvGen.Kernels.ActivationPasses.Softmax(ref row[0], 1, row.Length);
            Assert.All(row, p => Assert.True(float.IsNaN(p)));
        }

        [Fact]
        public void RunAllocatesNothing()
        {
            var network = new AverageHeadNet(new float[AverageHeadNet.ParameterCount]);
            var input = new float[AverageHeadNet.InputLength];
            var output = new float[AverageHeadNet.OutputLength];
            Allocation.AssertNone(() => network.Run(input, output), "AverageHeadNet.Run", calls: 50);
        }
    }
}
