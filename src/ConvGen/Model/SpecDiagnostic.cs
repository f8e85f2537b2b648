using System;

namespace ConvGen
{
    /// <summary>
    /// A problem in a network declaration, found by the shared rules (<see cref="ShapeInference"/>).
    /// Plain data: the generator turns it into a compiler diagnostic on the offending attribute (argument),
    /// the runtime into an <see cref="InvalidNetworkException"/> message.
    /// </summary>
    public sealed class SpecDiagnostic : IEquatable<SpecDiagnostic>
    {
        /// <summary>Creates a diagnostic.</summary>
        public SpecDiagnostic(string id, int layerIndex, string? argument, string message)
        {
            Id = id;
            LayerIndex = layerIndex;
            Argument = argument;
            Message = message;
        }

        /// <summary>Stable id, e.g. CG0011 (see <see cref="DiagnosticIds"/>).</summary>
        public string Id { get; }

        /// <summary>0-based index of the offending layer; -1 for the [ConvNet] input declaration.</summary>
        public int LayerIndex { get; }

        /// <summary>
        /// The attribute argument(s) at fault, as parameter or property names separated by '|', most specific first
        /// (e.g. "kernelHeight|kernelSize"); null when the whole attribute is at fault.
        /// </summary>
        public string? Argument { get; }

        /// <summary>The message, with the offending values.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public bool Equals(SpecDiagnostic? other) => other is not null && Id == other.Id && LayerIndex == other.LayerIndex
            && Argument == other.Argument && Message == other.Message;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as SpecDiagnostic);

        /// <inheritdoc />
        public override int GetHashCode() => HashHelpers.Combine(Id.GetHashCode(), HashHelpers.Combine(LayerIndex, Message.GetHashCode()));

        /// <inheritdoc />
        public override string ToString() => Id + ": " + Message;
    }

    /// <summary>The stable ids of ConvGen's diagnostics. Never renumber: users suppress them by id.</summary>
    public static class DiagnosticIds
    {
        /// <summary>[ConvNet] on a type that is not a partial class.</summary>
        public const string NotPartialClass = "CG0001";

        /// <summary>Layer attributes on a class without [ConvNet].</summary>
        public const string MissingConvNet = "CG0002";

        /// <summary>Layer attributes on more than one partial declaration of the class (their order is undefined).</summary>
        public const string LayersInSeveralDeclarations = "CG0003";

        /// <summary>A class ConvGen cannot generate into (generic, or nested in a generic or non-class type).</summary>
        public const string UnsupportedClass = "CG0004";

        /// <summary>A network with no layers.</summary>
        public const string NoLayers = "CG0005";

        /// <summary>A size, stride, dilation, filter or unit count that is zero or negative.</summary>
        public const string NonPositiveSize = "CG0010";

        /// <summary>A window (kernel or pool, dilated) larger than its <c>valid</c>-padded input.</summary>
        public const string WindowLargerThanInput = "CG0011";

        /// <summary>A layer that needs a flat [C] input (Dense) receives [H, W, C].</summary>
        public const string NeedsFlatInput = "CG0012";

        /// <summary>A layer that needs an [H, W, C] input (convolution, pooling) receives a flat one.</summary>
        public const string NeedsSpatialInput = "CG0013";

        /// <summary>An enum argument (Padding, Activation) outside the defined values.</summary>
        public const string UnknownEnumValue = "CG0014";

        /// <summary>Sizes so large that a tensor or the parameters would overflow or not be sensible to generate.</summary>
        public const string SizeTooLarge = "CG0015";

        /// <summary>An argument value that is not allowed (NaN or infinite slope, ...).</summary>
        public const string InvalidArgument = "CG0016";

        /// <summary>Conv2D <c>Groups</c> that does not divide both the input channels and the filters.</summary>
        public const string GroupsNotDividingChannels = "CG0017";

        /// <summary>An <c>Input</c>, <c>Add</c> or <c>Concatenate</c> name that no layer has.</summary>
        public const string UnknownLayerName = "CG0020";

        /// <summary>Two layers with one name (a written <c>Name</c>, or one equal to an automatic Keras name).</summary>
        public const string DuplicateLayerName = "CG0021";

        /// <summary>A layer reading itself or a layer declared after it (a cycle or forward reference): layers run in declaration order.</summary>
        public const string ForwardReference = "CG0022";

        /// <summary><c>Add</c> of tensors with different shapes.</summary>
        public const string AddShapeMismatch = "CG0023";

        /// <summary><c>Concatenate</c> of tensors with different spatial sizes (or ranks).</summary>
        public const string ConcatenateShapeMismatch = "CG0024";

        /// <summary>The class declares a member that the generated code declares too (a constant, Run, the constructor, ...).</summary>
        public const string MemberConflict = "CG0030";

        /// <summary>Warning: <c>Trainable = false</c> on a layer that has no parameters (it changes nothing).</summary>
        public const string FrozenWithoutParameters = "CG0031";

        /// <summary><c>Training = true</c> on a network with a layer kind that has no backward pass.</summary>
        public const string NoBackwardPass = "CG0032";

        /// <summary>ConvGen itself failed on a declaration (a bug: please report it). Reported instead of crashing the build.</summary>
        public const string InternalError = "CG0099";
    }
}
