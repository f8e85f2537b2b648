using System;
using ConvGen.Data;
using ConvGen.Training;

namespace Mnist;

/// <summary>
/// Training augmentation: moves each 28x28 image by a random whole number of pixels (up to <c>maxShift</c> in each
/// direction, independently for rows and columns), filling the uncovered border with zeros (MNIST's background).
/// </summary>
public sealed class ImageShift
{
    private readonly Random _random;
    private readonly int _maxShift;
    private readonly float[] _copy = new float[MnistSet.ImageLength];

    /// <summary>Shifts of up to ±<paramref name="maxShift"/> pixels drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public ImageShift(int seed, int maxShift = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxShift, MnistSet.ImageHeight);
        _random = new Random(seed);
        _maxShift = maxShift;
    }

    /// <summary>Writes every image of <paramref name="source"/> ([N, 28, 28, 1]) shifted at random into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length % MnistSet.ImageLength != 0 || destination.Length != source.Length)
        {
            throw new ArgumentException($"expected whole 28x28 images and equal lengths, got {source.Length} and {destination.Length} floats.", nameof(destination));
        }

        for (int offset = 0; offset < source.Length; offset += MnistSet.ImageLength)
        {
            int dy = _random.Next(-_maxShift, _maxShift + 1);
            int dx = _random.Next(-_maxShift, _maxShift + 1);
            Shift(source.Slice(offset, MnistSet.ImageLength), destination.Slice(offset, MnistSet.ImageLength), dy, dx);
        }
    }

    /// <summary>
    /// The training loop's augmentation hook (<see cref="Augmentation"/>): shifts each of the first
    /// <paramref name="count"/> images of <paramref name="images"/> in place, with shifts drawn from the loop's seeded
    /// <paramref name="random"/> (so a run is reproducible from FitOptions.Seed). Allocates nothing.
    /// </summary>
    public void Apply(Span<float> images, int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if ((long)count * MnistSet.ImageLength > images.Length || count < 0)
        {
            throw new ArgumentException($"{count} images of 28x28 need {(long)count * MnistSet.ImageLength} floats, got {images.Length}.", nameof(count));
        }

        for (int i = 0; i < count; i++)
        {
            Span<float> image = images.Slice(i * MnistSet.ImageLength, MnistSet.ImageLength);
            int dy = random.Next((2 * _maxShift) + 1) - _maxShift;
            int dx = random.Next((2 * _maxShift) + 1) - _maxShift;
            image.CopyTo(_copy);
            Shift(_copy, image, dy, dx);
        }
    }

    /// <summary>Pixel (y, x) of the output is pixel (y - dy, x - dx) of the input, or 0 outside it.</summary>
    public static void Shift(ReadOnlySpan<float> image, Span<float> output, int dy, int dx)
    {
        const int H = MnistSet.ImageHeight, W = MnistSet.ImageWidth;
        if (image.Length != H * W || output.Length != H * W)
        {
            throw new ArgumentException($"expected {H * W} floats each, got {image.Length} and {output.Length}.", nameof(output));
        }

        for (int y = 0; y < H; y++)
        {
            int sy = y - dy;
            for (int x = 0; x < W; x++)
            {
                int sx = x - dx;
                output[(y * W) + x] = sy is >= 0 and < H && sx is >= 0 and < W ? image[(sy * W) + sx] : 0f;
            }
        }
    }
}
