using System.Collections.Generic;
using System.Linq;
using ConvGen.Kernels;

namespace ConvGen.Tests.Kernels
{
    /// <summary>
    /// The tap ranges every generated convolution kernel relies on to skip padding without bounds tests: checked on
    /// hand-worked windows and against the definition (every tap tried) over all small sizes.
    /// </summary>
    public class WindowTapsTests
    {
        [Theory]
        // 3-tap kernel, input of 5: a window starting one cell in the padding skips tap 0; one starting at 3 ends after tap 1.
        [InlineData(-1, 1, 5, 3, 1, 3)]
        [InlineData(0, 1, 5, 3, 0, 3)]
        [InlineData(3, 1, 5, 3, 0, 2)]
        // dilation 2: taps read start, start + 2, start + 4; from -3 they read -3, -1, 1, so only tap 2 is inside.
        [InlineData(-3, 2, 5, 3, 2, 3)]
        // a window that starts past the input has no taps inside.
        [InlineData(5, 1, 5, 3, 0, 0)]
        public void FirstAndEndBoundTheTapsInsideTheInput(int start, int dilation, int size, int taps, int first, int end)
        {
            Assert.Equal(first, WindowTaps.First(start, dilation));
            Assert.Equal(end, WindowTaps.End(start, dilation, size, taps));
        }

        [Fact]
        public void FirstAndEndMatchEveryTapTriedOneByOne()
        {
            for (int size = 1; size <= 7; size++)
            for (int taps = 1; taps <= 5; taps++)
            for (int dilation = 1; dilation <= 3; dilation++)
            for (int start = -((taps - 1) * dilation); start < size; start++)
            {
                List<int> inside = Enumerable.Range(0, taps).Where(t => start + (t * dilation) >= 0 && start + (t * dilation) < size).ToList();
                if (inside.Count == 0)
                {
                    continue; // TF padding never produces such a window; the kernels do not call these for it
                }

                string context = $"start {start}, dilation {dilation}, size {size}, taps {taps}";
                Assert.True(inside.First() == WindowTaps.First(start, dilation), context);
                Assert.True(inside.Last() + 1 == WindowTaps.End(start, dilation, size, taps), context);
            }
        }

        [Theory]
        // Conv2DTranspose, stride 2, 3-tap kernel, input of 4 (full output 9): output 0 gets tap 0 (input 0); output 1 gets
        // tap 1 (input 0); output 8 gets tap 2 (input 3) only, tap 0 would need input 4.
        [InlineData(0, 2, 4, 3, 0, 1)]
        [InlineData(1, 2, 4, 3, 1, 2)]
        [InlineData(4, 2, 4, 3, 0, 3)]
        [InlineData(8, 2, 4, 3, 2, 3)]
        public void TransposedRangesHoldTheTapsThatReachAnOutput(int full, int stride, int size, int taps, int first, int end)
        {
            Assert.Equal(first, WindowTaps.FirstTransposed(full, stride, size));
            Assert.Equal(end, WindowTaps.EndTransposed(full, taps));
        }

        [Fact]
        public void TransposedRangesMatchEveryTapTriedOneByOne()
        {
            for (int size = 1; size <= 6; size++)
            for (int taps = 1; taps <= 5; taps++)
            for (int stride = 1; stride <= 3; stride++)
            for (int full = 0; full < ((size - 1) * stride) + taps; full++)
            {
                // The taps that reach output `full`: full - tap is a multiple of the stride and (full - tap) / stride is an input index.
                List<int> reaching = Enumerable.Range(0, taps)
                    .Where(t => full - t >= 0 && (full - t) % stride == 0 && (full - t) / stride < size).ToList();
                int first = WindowTaps.FirstTransposed(full, stride, size), end = WindowTaps.EndTransposed(full, taps);
                var stepped = new List<int>();
                for (int t = first; t < end; t += stride)
                {
                    stepped.Add(t);
                }

                Assert.True(reaching.SequenceEqual(stepped), $"full {full}, stride {stride}, size {size}, taps {taps}: expected [{string.Join(", ", reaching)}], got [{string.Join(", ", stepped)}]");
            }
        }
    }
}
