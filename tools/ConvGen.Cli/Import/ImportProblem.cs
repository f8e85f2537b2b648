namespace ConvGen.Cli.Import
{
    /// <summary>One thing in a source model that ConvGen cannot express: the node, what about it, and why.</summary>
    /// <param name="Operator">The source operator or layer type (ONNX op_type, Keras class name).</param>
    /// <param name="Node">The node or layer name in the source model.</param>
    /// <param name="What">The attribute or input at fault, with its value ("pads = [1, 1, 0, 0]"); empty for the whole node.</param>
    /// <param name="Why">Why ConvGen cannot import it, and what to do instead when there is something.</param>
    public sealed record ImportProblem(string Operator, string Node, string What, string Why)
    {
        /// <inheritdoc />
        public override string ToString() => string.IsNullOrEmpty(What)
            ? $"{Operator} '{Node}': {Why}"
            : $"{Operator} '{Node}': {What}: {Why}";
    }
}
