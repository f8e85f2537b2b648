using ConvGen.Kernels;

namespace ConvGen.Tests.Kernels
{
    /// <summary>
    /// The multiplier-2 interleave of the depthwise bands: every count from 0 to 41 (whole AVX steps, SSE/Arm steps and
    /// single pairs at the end), checked element by element against the definition, and nothing written past 2 * count.
    /// </summary>
    public class InterleavingTests
    {
        [Fact]
        public void TwoInterleavesEveryCountAndWritesNothingBeyond()
        {
            for (int count = 0; count <= 41; count++)
            {
                var first = new float[count + 1];
                var second = new float[count + 1];
                for (int i = 0; i <= count; i++)
                {
                    first[i] = 1000 + i;
                    second[i] = -1000 - i;
                }

                var destination = new float[(2 * count) + 3];
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = float.NaN;
                }

                Interleaving.Two(ref first[0], ref second[0], ref destination[0], count);
                for (int i = 0; i < count; i++)
                {
                    Assert.Equal(1000 + i, destination[2 * i]);
                    Assert.Equal(-1000 - i, destination[(2 * i) + 1]);
                }

                for (int i = 2 * count; i < destination.Length; i++)
                {
                    Assert.True(float.IsNaN(destination[i]), $"count {count}: index {i} was written");
                }
            }
        }
    }
}
