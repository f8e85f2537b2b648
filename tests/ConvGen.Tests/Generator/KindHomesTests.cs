extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;
using GeneratorAssembly::ConvGen.Generator.Training;

namespace ConvGen.Tests.Generator
{
    using LayerKind = GeneratorAssembly::ConvGen.LayerKind;

    /// <summary>
    /// "One home per layer kind" (docs/architecture.md, Adding a layer kind): the registries need no edits, and a kind's
    /// code stays in the few files the checklist names. The descriptor, reference and inference emitter of every kind are
    /// checked in Model/LayerKindsTests and Emitting/KernelEmittersTests.
    /// </summary>
    public class KindHomesTests
    {
        [Fact]
        public void EveryKindHasExactlyOneTrainingEmitter()
        {
            // KindTraining.For finds them by reflection: two that claim one kind would make the choice arbitrary.
            KindTraining[] all = typeof(KindTraining).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(KindTraining)) && !t.IsAbstract)
                .Select(t => (KindTraining)Activator.CreateInstance(t)!).ToArray();
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                Assert.Single(all, t => t.Kinds.Contains(kind));
                Assert.Equal(all.Single(t => t.Kinds.Contains(kind)).GetType(), KindTraining.For(kind)!.GetType());
            }

            Assert.Null(KindTraining.For((LayerKind)999));
        }

        [Fact]
        public void EachAttributeAndFactoryLivesInItsFamilysKindsFile()
        {
            string[] kindsFiles = Directory.GetFiles(Path.Combine(RepoRoot.Path, "src", "ConvGen", "Model", "Kinds"), "*Kinds.cs");
            string[] library = SourceFiles("src").ToArray();
            foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            {
                string typeName = global::ConvGen.LayerText.TypeName((global::ConvGen.LayerKind)kind);
                string declaration = "sealed class " + typeName + "Attribute ";
                string home = Assert.Single(library, f => File.ReadAllText(f).Contains(declaration, StringComparison.Ordinal));
                Assert.Contains(home, kindsFiles);
                Assert.Contains("LayerKind." + kind + ",", File.ReadAllText(home), StringComparison.Ordinal);
            }

            // The factories are in the family files too (LayerSpec is partial); LayerSpec.cs keeps the fields.
            Assert.DoesNotContain("public static LayerSpec ", File.ReadAllText(Path.Combine(RepoRoot.Path, "src", "ConvGen", "Model", "LayerSpec.cs")), StringComparison.Ordinal);
        }

        [Fact]
        public void Cropping2DIsWrittenInFourProductionFiles()
        {
            // The proof kind: its enum member, its family file (attribute, factory, descriptor), its reference and its
            // generator file (inference and training emitters). Comments that mention it elsewhere do not count.
            string[] files = SourceFiles("src").Concat(SourceFiles("generator"))
                .Where(f => WithoutComments(File.ReadAllText(f)).Contains("cropping", StringComparison.OrdinalIgnoreCase))
                .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.Equal(
                new[]
                {
                    "generator/ConvGen.Generator/Emitting/Cropping2DEmitter.cs",
                    "src/ConvGen/Model/Enums.cs",
                    "src/ConvGen/Model/Kinds/SpatialKinds.cs",
                    "src/ConvGen/Reference/Kinds/SpatialReference.cs",
                },
                files);
        }

        private static IEnumerable<string> SourceFiles(string folder) =>
            Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

        private static string WithoutComments(string code) => Regex.Replace(code, @"/\*.*?\*/|//[^\n]*", string.Empty, RegexOptions.Singleline);
    }
}
