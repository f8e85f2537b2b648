namespace ConvGen.Cli.Onnx
{
    /// <summary>The value of a node that could not be imported: nodes reading it are skipped, so each problem is reported once.</summary>
    public sealed class Poison
    {
        /// <summary>The one instance.</summary>
        public static readonly Poison Instance = new();

        private Poison()
        {
        }
    }
}
