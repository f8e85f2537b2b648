using ConvGen.Samples.Vision;

namespace ConvGen.Tests.Vision
{
    public class SampleOptionsTests
    {
        private static (int Code, SampleOptions? Options) Parse(params string[] args)
        {
            SampleOptions? seen = null;
            int code = SampleOptions.Run(args, "test", "out/default", defaultEpochs: 15, quickEpochs: 1, o =>
            {
                seen = o;
                return 7;
            });
            return (code, seen);
        }

        [Fact]
        public void DefaultsQuickAndExplicitValues()
        {
            (int code, SampleOptions? o) = Parse();
            Assert.Equal(7, code);
            Assert.Equal(15, o!.Epochs);
            Assert.False(o.Quick);
            Assert.Equal("out/default", o.Output);
            Assert.Equal(1, o.Seed);
            Assert.Null(o.Images);
            Assert.Null(o.Weights);

            Assert.Equal(1, Parse("--quick").Options!.Epochs);
            SampleOptions all = Parse("--quick", "--epochs", "0", "--images", "40", "--weights", "w.safetensors", "--output", "pics", "--seed", "9").Options!;
            Assert.True(all.Quick);
            Assert.Equal(0, all.Epochs);
            Assert.Equal("pics", all.Output);
            Assert.Equal(9, all.Seed);
            Assert.Equal(40, all.Images);
            Assert.Equal("w.safetensors", all.Weights);
        }

        [Fact]
        public void BadValuesFailWithoutRunning()
        {
            (int code, SampleOptions? o) = Parse("--epochs", "-2");
            Assert.NotEqual(0, code);
            Assert.Null(o);
            Assert.Null(Parse("--seed", "x").Options);
            Assert.Null(Parse("--unknown").Options);
            Assert.Null(Parse("--images", "0").Options);
        }
    }
}
