using System;
using System.Runtime.Intrinsics;
using ConvGen.Kernels;
using Xunit.Abstractions;

namespace ConvGen.Tests.Kernels
{
    /// <summary>FastExp (the activations' vector e^x) against Math.Exp in double, at every width.</summary>
    public class FastExpTests
    {
        private readonly ITestOutputHelper _output;

        public FastExpTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void EveryWidthIsWithin2UlpOfTheExponentialOverItsRange()
        {
            // 200,000 points evenly over [-87.3, 88] and 100,000 random ones in [-10, 10], where the activations live
            var random = new Random(11);
            float[] xs = new float[300_000];
            for (int i = 0; i < 200_000; i++)
            {
                xs[i] = -87.3f + (175.3f * i / 200_000);
            }

            for (int i = 200_000; i < xs.Length; i++)
            {
                xs[i] = (float)((random.NextDouble() * 20) - 10);
            }

            double worst = 0;
            for (int i = 0; i + 16 <= xs.Length; i += 16)
            {
                Vector512<float> x512 = Vector512.Create(xs.AsSpan(i, 16));
                Vector512<float> e512 = FastExp.Exp(x512);
                Vector256<float> e256 = FastExp.Exp(x512.GetLower());
                Vector128<float> e128 = FastExp.Exp(x512.GetLower().GetLower());
                for (int lane = 0; lane < 16; lane++)
                {
                    double expected = Math.Exp(xs[i + lane]);
                    double error = Math.Abs(e512.GetElement(lane) - expected) / expected;
                    worst = Math.Max(worst, error);
                    Assert.True(error <= 2.4e-7, $"e^{xs[i + lane]:R}: {e512.GetElement(lane):R} against {expected:R} (relative error {error:E2})");
                    if (lane < 8)
                    {
                        Assert.Equal(e512.GetElement(lane), e256.GetElement(lane));
                    }

                    if (lane < 4)
                    {
                        Assert.Equal(e512.GetElement(lane), e128.GetElement(lane));
                    }
                }
            }

            _output.WriteLine($"largest relative error {worst:E2} (a float's ulp is 1.2e-7 relative at most)");
        }

        [Fact]
        public void NaNStaysNaNAndTheEndsAreClamped()
        {
            Vector256<float> e = FastExp.Exp(Vector256.Create(float.NaN, float.NegativeInfinity, -1000f, -87.33654f, 0f, 1f, 88f, float.PositiveInfinity));
            Assert.True(float.IsNaN(e.GetElement(0)));
            Assert.Equal(Math.Exp(-87.33654), e.GetElement(1), 1e-44); // below the normal floats: the smallest normal one
            Assert.Equal(e.GetElement(1), e.GetElement(2));
            Assert.Equal(e.GetElement(1), e.GetElement(3));
            Assert.Equal(1f, e.GetElement(4));
            Assert.Equal(Math.E, e.GetElement(5), 3e-7);
            Assert.Equal(Math.Exp(88), e.GetElement(6), 1e32); // 1.65e38 to within 2 ulp (1 ulp there is 2e31)
            Assert.Equal(e.GetElement(6), e.GetElement(7)); // above 88: clamped, finite
        }
    }
}
