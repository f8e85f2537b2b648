using System.Linq;
using global::Onnx;

namespace ConvGen.Cli.Onnx
{
    /// <summary>Attribute access on ONNX nodes, with the defaults the operator specifications give.</summary>
    public static class OnnxNodes
    {
        /// <summary>The attribute, or null.</summary>
        public static AttributeProto? Attribute(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

        /// <summary>An integer attribute.</summary>
        public static long Int(this NodeProto node, string name, long fallback) => node.Attribute(name) is { } a ? a.I : fallback;

        /// <summary>A float attribute.</summary>
        public static float Float(this NodeProto node, string name, float fallback) => node.Attribute(name) is { } a ? a.F : fallback;

        /// <summary>A string attribute.</summary>
        public static string String(this NodeProto node, string name, string fallback) => node.Attribute(name) is { } a ? a.S.ToStringUtf8() : fallback;

        /// <summary>An integer list attribute, or null.</summary>
        public static long[]? Ints(this NodeProto node, string name) => node.Attribute(name) is { } a ? a.Ints.ToArray() : null;

        /// <summary>The node's name for messages (its first output when it has none).</summary>
        public static string Label(this NodeProto node) => string.IsNullOrEmpty(node.Name) ? (node.Output.Count > 0 ? node.Output[0] : node.OpType) : node.Name;

        /// <summary>The input at <paramref name="index"/>, or "" when absent (optional inputs may be left out or empty).</summary>
        public static string InputAt(this NodeProto node, int index) => index < node.Input.Count ? node.Input[index] : string.Empty;
    }
}
