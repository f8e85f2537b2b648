using System;
using System.Runtime.CompilerServices;
using ConvGen.Kernels;

namespace ConvGen.Tests.Kernels
{
    /// <summary>The packed weights' allocation (started on a cache line) and the finiteness check the 1x1 layers that skip zeros rely on.</summary>
    public class WeightPackingTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        [InlineData(9536)]
        [InlineData(300_000)]
        public void PackedWeightsStartOnA64ByteBoundaryWithRoomForAll(int length)
        {
            for (int attempt = 0; attempt < 20; attempt++) // arrays land at different addresses; every one must give an aligned start
            {
                float[] weights = WeightPacking.AllocateAligned(length);
                int start = WeightPacking.AlignedStart(weights);
                Assert.InRange(start, 0, 15);
                Assert.True(weights.Length >= start + length, $"{weights.Length} floats cannot hold {length} from {start}");
                nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref weights[start]);
                Assert.Equal(0, (long)address % 64);
                _ = new byte[24 + (8 * attempt)]; // move the next allocation along
            }
        }

        [Fact]
        public void AllFiniteFindsInfinitiesAndNaNs()
        {
            var weights = new float[] { 0f, -0f, 1e38f, -3.5f, float.Epsilon };
            Assert.True(WeightPacking.AllFinite(weights));
            Assert.True(WeightPacking.AllFinite(ReadOnlySpan<float>.Empty));
            foreach (float bad in new[] { float.PositiveInfinity, float.NegativeInfinity, float.NaN })
            {
                float[] copy = (float[])weights.Clone();
                copy[3] = bad;
                Assert.False(WeightPacking.AllFinite(copy));
            }
        }
    }
}
