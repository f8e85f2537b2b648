namespace ConvGen.Samples.Vision.Pictures
{
    /// <summary>An 8-bit RGB colour.</summary>
    public readonly record struct Rgb(byte R, byte G, byte B)
    {
        /// <summary>Black.</summary>
        public static Rgb Black => new(0, 0, 0);

        /// <summary>White.</summary>
        public static Rgb White => new(255, 255, 255);
    }
}
