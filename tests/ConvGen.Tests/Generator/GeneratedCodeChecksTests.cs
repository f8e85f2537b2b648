using System;
using System.IO;
using ConvGen.Tests.Infrastructure;

namespace ConvGen.Tests.Generator
{
    /// <summary>
    /// tests/ConvGen.GeneratedCode.Checks (generated code under AnalysisLevel latest-recommended, warnings as errors) has
    /// nothing to run: building it is the check. This test project references it, so the test command builds it; this
    /// asserts that the build happened for the same configuration.
    /// </summary>
    public class GeneratedCodeChecksTests
    {
        [Fact]
        public void TheStrictChecksProjectIsBuiltByTheTestCommand()
        {
            // .../tests/ConvGen.Tests/bin/{Configuration}/{TargetFramework}/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = output.Name, configuration = output.Parent!.Name;
            string checks = Path.Combine(RepoRoot.Path, "tests", "ConvGen.GeneratedCode.Checks", "bin", configuration, framework, "ConvGen.GeneratedCode.Checks.dll");

            Assert.True(File.Exists(checks), $"{checks} was not built");
        }
    }
}
