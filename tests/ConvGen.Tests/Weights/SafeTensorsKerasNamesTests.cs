using System;
using System.Linq;
using ConvGen.Weights;
using static ConvGen.Tests.Weights.SafeTensorsFiles;

namespace ConvGen.Tests.Weights
{
    /// <summary>
    /// A DepthwiseConv2D kernel is <c>depthwise_kernel</c> in Keras 2 and <c>kernel</c> in Keras 3: files exported from
    /// either load. [2, 2, 1] input, DepthwiseConv2D 1x1 multiplier 2: depthwise_kernel [1, 1, 1, 2], bias [2].
    /// </summary>
    public class SafeTensorsKerasNamesTests
    {
        private static readonly NetworkSpec Depthwise = new NetworkSpec(2, 2, 1, new[] { LayerSpec.DepthwiseConv2D(1, 1, depthMultiplier: 2) });

        private static byte[] Data()
        {
            float[] values = { 3, 4, 0.5f, -1 };
            return values.SelectMany(BitConverter.GetBytes).ToArray();
        }

        [Theory]
        [InlineData("depthwise_kernel")] // Keras 2, and what Save writes
        [InlineData("kernel")] // Keras 3
        public void EitherKerasNameLoads(string kernelName)
        {
            string header = "{" + Entry("depthwise_conv2d." + kernelName, "1,1,1,2", 0, 8) + "," + Entry("depthwise_conv2d.bias", "2", 8, 16) + "}";
            float[] parameters = SafeTensors.LoadParameters(Depthwise, Build(header, Data()));
            Assert.Equal(new[] { 3f, 4f, 0.5f, -1f }, parameters);
        }

        [Fact]
        public void BothNamesAtOnceAreRefused()
        {
            string header = "{" + Entry("depthwise_conv2d.depthwise_kernel", "1,1,1,2", 0, 8) + "," + Entry("depthwise_conv2d.kernel", "1,1,1,2", 8, 16) + ","
                + Entry("depthwise_conv2d.bias", "2", 16, 24) + "}";
            var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.LoadParameters(Depthwise, Build(header, Data().Concat(new byte[8]).ToArray())));
            Assert.Contains("'depthwise_conv2d.kernel'", e.Message, StringComparison.Ordinal);
            Assert.Contains("also in the file under its other name", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void SeparableConvolutionKeepsItsTwoNames()
        {
            var separable = new NetworkSpec(2, 2, 1, new[] { LayerSpec.SeparableConv2D(1, 1, 1) });
            Assert.Equal(new[] { "separable_conv2d.depthwise_kernel", "separable_conv2d.pointwise_kernel", "separable_conv2d.bias" }, SafeTensors.TensorNames(separable));
        }
    }
}
