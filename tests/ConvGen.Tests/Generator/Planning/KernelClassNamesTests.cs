extern alias GeneratorAssembly;

using GeneratorAssembly::ConvGen.Generator.Planning;

namespace ConvGen.Tests.Generator.Planning
{
    public class KernelClassNamesTests
    {
        [Theory]
        [InlineData("conv2d", "Conv2dLayer")]
        [InlineData("conv2d_1", "Conv2d1Layer")]
        [InlineData("max_pooling2d_12", "MaxPooling2d12Layer")]
        [InlineData("stem", "StemLayer")]
        public void LayerNamesBecomePascalCaseClassNames(string layer, string expected) => Assert.Equal(expected, KernelClassNames.ClassName(layer));

        [Fact]
        public void ATakenNameGetsTheNextFreeNumber()
        {
            var names = new KernelClassNames();

            Assert.Equal("StemLayer", names.Unique("StemLayer"));
            Assert.Equal("Stem2Layer", names.Unique("StemLayer"));
            Assert.Equal("Stem3Layer", names.Unique("StemLayer"));
            Assert.Equal("OtherLayer", names.Unique("OtherLayer"));
        }
    }
}
