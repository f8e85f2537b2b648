using System;
using ConvGen.Kernels;

namespace ConvGen.Tests.Kernels
{
    /// <summary>The zero counts and masks the 1x1 kernels that skip zero inputs choose and iterate by: every length to 64, signed zeros, NaN.</summary>
    public class ZeroMasksTests
    {
        [Fact]
        public void CountsAndMasksMatchAPlainLoopAtEveryLength()
        {
            var random = new Random(71);
            for (int count = 0; count <= 64; count++)
            {
                for (int draw = 0; draw < 20; draw++)
                {
                    float[] values = new float[count + 3];
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = random.Next(5) switch { 0 => 0f, 1 => -0f, 2 => float.NaN, _ => (float)(random.NextDouble() - 0.5) };
                    }

                    int zeros = 0;
                    ulong mask = 0;
                    for (int i = 0; i < count; i++)
                    {
                        if (values[i] == 0f)
                        {
                            zeros++;
                        }
                        else
                        {
                            mask |= 1ul << i;
                        }
                    }

                    // the floats after count must not be read into the answer
                    Assert.Equal(zeros, ZeroMasks.CountZeros(ref values[0], count));
                    Assert.Equal(mask, ZeroMasks.NonzeroMask(ref values[0], count));
                }
            }
        }

        [Fact]
        public void AllNonzeroSixtyFourIsEveryBit()
        {
            float[] values = new float[64];
            Array.Fill(values, 1.5f);
            Assert.Equal(ulong.MaxValue, ZeroMasks.NonzeroMask(ref values[0], 64));
            Assert.Equal(0, ZeroMasks.CountZeros(ref values[0], 64));
            values[63] = -0f;
            Assert.Equal(ulong.MaxValue >> 1, ZeroMasks.NonzeroMask(ref values[0], 64));
            Assert.Equal(1, ZeroMasks.CountZeros(ref values[0], 64));
        }
    }
}
