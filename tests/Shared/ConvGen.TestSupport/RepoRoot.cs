using System;
using System.IO;

namespace ConvGen.Tests.Infrastructure
{
    /// <summary>The repository root (the folder holding ConvGen.sln), found from the test assembly's location.</summary>
    public static class RepoRoot
    {
        private static readonly Lazy<string> Root = new(() =>
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "ConvGen.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ConvGen.sln not found above " + AppContext.BaseDirectory);
        });

        public static string Path => Root.Value;
    }
}
