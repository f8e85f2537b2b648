using System;

namespace Mnist.Tests;

public class ImageShiftTests
{
    private static float[] Numbered()
    {
        var image = new float[784];
        for (int i = 0; i < 784; i++)
        {
            image[i] = i + 1; // every pixel distinct and non-zero
        }

        return image;
    }

    [Fact]
    public void Shift_moves_pixels_and_fills_the_border_with_zeros()
    {
        float[] image = Numbered();
        var output = new float[784];

        ImageShift.Shift(image, output, dy: 1, dx: -2); // down 1, left 2

        Assert.Equal(image[(0 * 28) + 2], output[(1 * 28) + 0]);  // (0, 2) -> (1, 0)
        Assert.Equal(image[(26 * 28) + 27], output[(27 * 28) + 25]);
        for (int x = 0; x < 28; x++)
        {
            Assert.Equal(0f, output[x]); // top row uncovered
        }

        for (int y = 0; y < 28; y++)
        {
            Assert.Equal(0f, output[(y * 28) + 26]); // two right columns uncovered
            Assert.Equal(0f, output[(y * 28) + 27]);
        }
    }

    [Fact]
    public void Random_shifts_stay_within_two_pixels_and_are_reproducible()
    {
        const int Images = 200;
        var batch = new float[Images * 784];
        for (int n = 0; n < Images; n++)
        {
            Numbered().CopyTo(batch, n * 784);
        }

        var first = new float[batch.Length];
        var second = new float[batch.Length];
        new ImageShift(seed: 7).Apply(batch, first);
        new ImageShift(seed: 7).Apply(batch, second);
        Assert.Equal(first, second);

        // Find each image's shift from the position of pixel (14, 14) (value 14*28+14+1), which always stays inside.
        var seen = new bool[5, 5];
        for (int n = 0; n < Images; n++)
        {
            int at = Array.IndexOf(first, (14 * 28) + 15f, n * 784, 784) - (n * 784);
            int dy = (at / 28) - 14, dx = (at % 28) - 14;
            Assert.InRange(dy, -2, 2);
            Assert.InRange(dx, -2, 2);
            seen[dy + 2, dx + 2] = true;
        }

        foreach (bool s in seen)
        {
            Assert.True(s, "200 images should meet all 25 shifts");
        }

        var other = new float[batch.Length];
        new ImageShift(seed: 8).Apply(batch, other);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Lengths_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new ImageShift(0).Apply(new float[784], new float[783]));
        Assert.Throws<ArgumentException>(() => new ImageShift(0).Apply(new float[100], new float[100]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageShift(0, maxShift: -1));
    }
}
