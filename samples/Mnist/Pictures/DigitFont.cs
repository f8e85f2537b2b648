using System;

namespace Mnist.Pictures;

/// <summary>A 3x5 bitmap font for the digits 0-9 and '>' (enough for "7>2" labels without a font library).</summary>
public static class DigitFont
{
    /// <summary>Glyph width in font pixels.</summary>
    public const int Width = 3;

    /// <summary>Glyph height in font pixels.</summary>
    public const int Height = 5;

    // Each glyph: 5 rows of 3 bits, most significant bit on the left.
    private static readonly byte[][] Glyphs =
    {
        new byte[] { 0b111, 0b101, 0b101, 0b101, 0b111 }, // 0
        new byte[] { 0b010, 0b110, 0b010, 0b010, 0b111 }, // 1
        new byte[] { 0b111, 0b001, 0b111, 0b100, 0b111 }, // 2
        new byte[] { 0b111, 0b001, 0b111, 0b001, 0b111 }, // 3
        new byte[] { 0b101, 0b101, 0b111, 0b001, 0b001 }, // 4
        new byte[] { 0b111, 0b100, 0b111, 0b001, 0b111 }, // 5
        new byte[] { 0b111, 0b100, 0b111, 0b101, 0b111 }, // 6
        new byte[] { 0b111, 0b001, 0b010, 0b010, 0b010 }, // 7
        new byte[] { 0b111, 0b101, 0b111, 0b101, 0b111 }, // 8
        new byte[] { 0b111, 0b101, 0b111, 0b001, 0b111 }, // 9
    };

    private static readonly byte[] Arrow = { 0b100, 0b010, 0b001, 0b010, 0b100 }; // '>'

    /// <summary>Whether font pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="c"/> is set.</summary>
    public static bool IsSet(char c, int x, int y)
    {
        if ((uint)x >= Width || (uint)y >= Height)
        {
            return false;
        }

        byte[] rows = c switch
        {
            >= '0' and <= '9' => Glyphs[c - '0'],
            '>' => Arrow,
            _ => throw new ArgumentOutOfRangeException(nameof(c), $"'{c}' is not in the digit font (0-9 and '>')."),
        };
        return ((rows[y] >> (Width - 1 - x)) & 1) != 0;
    }
}
