using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Diagnostics
{
    /// <summary>
    /// The catalog of ConvGen diagnostics. Ids come from <see cref="ConvGen.DiagnosticIds"/> (shared with the runtime);
    /// every message is the full text made by the rule that found the problem. Keep docs/diagnostics.md and
    /// AnalyzerReleases.Unshipped.md in step with this file.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ConvGen";
        // No help link: ConvGen has no public web address yet, and a link to an address that does not exist is worse
        // than none. The description points to the page shipped in the package (docs/diagnostics.md) and the repository.
        private const string HelpPage = "docs/diagnostics.md";

        public static readonly DiagnosticDescriptor NotPartialClass = Create(DiagnosticIds.NotPartialClass, "[ConvNet] needs a partial class");
        public static readonly DiagnosticDescriptor MissingConvNet = Create(DiagnosticIds.MissingConvNet, "Layer attributes without [ConvNet]");
        public static readonly DiagnosticDescriptor LayersInSeveralDeclarations = Create(DiagnosticIds.LayersInSeveralDeclarations, "Layers declared on several partial declarations");
        public static readonly DiagnosticDescriptor UnsupportedClass = Create(DiagnosticIds.UnsupportedClass, "Type cannot hold a generated network");
        public static readonly DiagnosticDescriptor NoLayers = Create(DiagnosticIds.NoLayers, "Network without layers");
        public static readonly DiagnosticDescriptor NonPositiveSize = Create(DiagnosticIds.NonPositiveSize, "Size must be positive");
        public static readonly DiagnosticDescriptor WindowLargerThanInput = Create(DiagnosticIds.WindowLargerThanInput, "Window larger than its input");
        public static readonly DiagnosticDescriptor NeedsFlatInput = Create(DiagnosticIds.NeedsFlatInput, "Layer needs a flat input");
        public static readonly DiagnosticDescriptor NeedsSpatialInput = Create(DiagnosticIds.NeedsSpatialInput, "Layer needs an [height, width, channels] input");
        public static readonly DiagnosticDescriptor UnknownEnumValue = Create(DiagnosticIds.UnknownEnumValue, "Unknown enum value");
        public static readonly DiagnosticDescriptor SizeTooLarge = Create(DiagnosticIds.SizeTooLarge, "Sizes too large");
        public static readonly DiagnosticDescriptor InvalidArgument = Create(DiagnosticIds.InvalidArgument, "Invalid argument value");
        public static readonly DiagnosticDescriptor GroupsNotDividingChannels = Create(DiagnosticIds.GroupsNotDividingChannels, "Groups must divide the channels");
        public static readonly DiagnosticDescriptor UnknownLayerName = Create(DiagnosticIds.UnknownLayerName, "Unknown layer name");
        public static readonly DiagnosticDescriptor DuplicateLayerName = Create(DiagnosticIds.DuplicateLayerName, "Duplicate layer name");
        public static readonly DiagnosticDescriptor ForwardReference = Create(DiagnosticIds.ForwardReference, "Layer reads itself or a later layer");
        public static readonly DiagnosticDescriptor AddShapeMismatch = Create(DiagnosticIds.AddShapeMismatch, "Add of different shapes");
        public static readonly DiagnosticDescriptor ConcatenateShapeMismatch = Create(DiagnosticIds.ConcatenateShapeMismatch, "Concatenate of different spatial sizes");
        public static readonly DiagnosticDescriptor MemberConflict = Create(DiagnosticIds.MemberConflict, "Member conflicts with a generated member");
        public static readonly DiagnosticDescriptor FrozenWithoutParameters = Create(DiagnosticIds.FrozenWithoutParameters, "Trainable = false on a layer without parameters", DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor NoBackwardPass = Create(DiagnosticIds.NoBackwardPass, "Layer kind cannot be trained");
        public static readonly DiagnosticDescriptor InternalError = Create(DiagnosticIds.InternalError, "ConvGen internal error");

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>
        {
            [NotPartialClass.Id] = NotPartialClass,
            [MissingConvNet.Id] = MissingConvNet,
            [LayersInSeveralDeclarations.Id] = LayersInSeveralDeclarations,
            [UnsupportedClass.Id] = UnsupportedClass,
            [NoLayers.Id] = NoLayers,
            [NonPositiveSize.Id] = NonPositiveSize,
            [WindowLargerThanInput.Id] = WindowLargerThanInput,
            [NeedsFlatInput.Id] = NeedsFlatInput,
            [NeedsSpatialInput.Id] = NeedsSpatialInput,
            [UnknownEnumValue.Id] = UnknownEnumValue,
            [SizeTooLarge.Id] = SizeTooLarge,
            [InvalidArgument.Id] = InvalidArgument,
            [GroupsNotDividingChannels.Id] = GroupsNotDividingChannels,
            [UnknownLayerName.Id] = UnknownLayerName,
            [DuplicateLayerName.Id] = DuplicateLayerName,
            [ForwardReference.Id] = ForwardReference,
            [AddShapeMismatch.Id] = AddShapeMismatch,
            [ConcatenateShapeMismatch.Id] = ConcatenateShapeMismatch,
            [MemberConflict.Id] = MemberConflict,
            [FrozenWithoutParameters.Id] = FrozenWithoutParameters,
            [NoBackwardPass.Id] = NoBackwardPass,
            [InternalError.Id] = InternalError,
        };

        public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

        public static DiagnosticDescriptor Get(string id) => ById[id];

        private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new DiagnosticDescriptor(
            id, title, "{0}", Category, severity, isEnabledByDefault: true,
            description: $"Explained with an example and a fix in {HelpPage}#{id.ToLowerInvariant()} (in the ConvGen package and repository).");
    }
}
