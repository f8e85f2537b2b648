using System;
using System.IO;
using ConvGen.Cli.Commands;

namespace ConvGen.ImportTests
{
    /// <summary>Runs the convgen command line in process, capturing its output, in a fresh output folder.</summary>
    public sealed class Cli : IDisposable
    {
        public Cli()
        {
            Folder = Path.Combine(Path.GetTempPath(), "convgen-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        public string Folder { get; }

        public string Output { get; private set; } = string.Empty;

        public string Error { get; private set; } = string.Empty;

        public int Run(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            int code = CliApp.Run(args, output, error);
            Output = output.ToString();
            Error = error.ToString();
            return code;
        }

        /// <summary>Writes bytes to a file in the folder; returns its path.</summary>
        public string File(string name, byte[] bytes)
        {
            string path = Path.Combine(Folder, name);
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        /// <summary>The files an import wrote into <paramref name="subfolder"/> (none when it is absent).</summary>
        public string[] Written(string subfolder) => Directory.Exists(Path.Combine(Folder, subfolder)) ? Directory.GetFiles(Path.Combine(Folder, subfolder)) : Array.Empty<string>();

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
