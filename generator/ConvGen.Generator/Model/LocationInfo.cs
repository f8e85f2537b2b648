using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Generator.Model
{
    /// <summary>
    /// A source location as plain data (file, span, line span). A <see cref="Location"/> holds its syntax tree,
    /// which would keep old compilations alive and break caching, so the model keeps this and turns it back only to report.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

        /// <summary>
        /// The location in <paramref name="compilation"/>'s syntax tree of the same path, so the compiler applies
        /// <c>#pragma warning</c> and per-file severity options to it; a file-only location when the tree is gone.
        /// </summary>
        public Location ToLocation(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && TextSpan.End <= tree.Length)
                {
                    return Location.Create(tree, TextSpan);
                }
            }

            return ToLocation();
        }

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

        public static LocationInfo? From(Location location) => location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>A diagnostic as plain data: id, where, and the message argument.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, string Message);

    /// <summary>Where one layer attribute and each of its arguments are written, for diagnostics.</summary>
    internal sealed record AttributeLocations(LocationInfo? Attribute, EquatableArray<ArgumentLocation> Arguments);

    /// <summary>One attribute argument: its parameter or property name and its location.</summary>
    internal sealed record ArgumentLocation(string Name, LocationInfo? Location);
}
