using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Kernels
{
    /// <summary>
    /// The kernel taps of a sliding window that land inside the input, for the generated convolution kernels (one copy per
    /// assembly instead of one per network). A window whose first input index is <c>start</c> (negative in the padding)
    /// reads index <c>start + tap * dilation</c> at each tap; the taps in [<see cref="First"/>, <see cref="End"/>) read
    /// inside [0, size), so the tap loops need no bounds tests. Called by generated code; not meant to be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class WindowTaps
    {
        /// <summary>The first tap whose input index (<paramref name="start"/> + tap * <paramref name="dilation"/>) is not negative.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int First(int start, int dilation) => start >= 0 ? 0 : (dilation - 1 - start) / dilation;

        /// <summary>One past the last of <paramref name="taps"/> taps whose input index is below <paramref name="size"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int End(int start, int dilation, int size, int taps) => start >= size ? 0 : Math.Min(taps, (size - 1 - start) / dilation + 1);

        /// <summary>
        /// Conv2DTranspose as a gather: output index <paramref name="full"/> of the uncropped output receives input index
        /// (full - tap) / stride from the taps with full - tap a multiple of <paramref name="stride"/>. The first such tap
        /// whose input index is below <paramref name="size"/>; the taps then step by the stride.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int FirstTransposed(int full, int stride, int size) => Math.Max(full % stride, full - (stride * (size - 1)));

        /// <summary>One past the last of <paramref name="taps"/> taps whose transposed input index (full - tap) / stride is not negative.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int EndTransposed(int full, int taps) => Math.Min(taps, full + 1);
    }
}
