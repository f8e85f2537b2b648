using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace ConvGen.Weights
{
    /// <summary>
    /// Loads and saves a network's parameters as a safetensors file: an 8-byte little-endian header length, a JSON
    /// header naming each tensor (<c>{layer}.{parameter}</c>, e.g. <c>conv2d.kernel</c>) with dtype <c>F32</c>, shape and
    /// byte offsets, then the raw little-endian floats. Loading returns the parameters in Keras <c>get_weights()</c>
    /// order, ready for a generated network's constructor: <c>new MyNet(SafeTensors.LoadParameters(MyNet.Network, path))</c>.
    /// Every tensor is checked against the shape the declaration implies before anything is returned. No reflection:
    /// safe for trimming and Native AOT.
    /// </summary>
    public static class SafeTensors
    {
        /// <summary>Largest JSON header accepted (100 MB), so a corrupt length cannot make the loader allocate without bound.</summary>
        public const int MaxHeaderLength = 100_000_000;

        private const int LengthPrefix = sizeof(ulong);

        /// <summary>Loads the parameters of <paramref name="spec"/> from the safetensors file at <paramref name="path"/>.</summary>
        /// <returns>All parameters in <c>get_weights()</c> order (<see cref="NetworkAnalysis.ParameterCount"/> floats).</returns>
        /// <exception cref="SafeTensorsException">The file is malformed or does not match the network.</exception>
        /// <exception cref="InvalidNetworkException">The declaration breaks the layer rules.</exception>
        public static float[] LoadParameters(NetworkSpec spec, string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return LoadParameters(spec, stream);
        }

        /// <summary>
        /// Loads the parameters of <paramref name="spec"/> from <paramref name="stream"/>, which must hold exactly one
        /// safetensors file from its current position to its end.
        /// </summary>
        /// <inheritdoc cref="LoadParameters(NetworkSpec, string)"/>
        public static float[] LoadParameters(NetworkSpec spec, Stream stream)
        {
            ArgumentNullException.ThrowIfNull(stream);
            List<ExpectedTensor> expected = ExpectedTensors(spec, out int parameterCount);
            long? available = stream.CanSeek ? stream.Length - stream.Position : null;

            Span<byte> prefix = stackalloc byte[LengthPrefix];
            int got = stream.ReadAtLeast(prefix, LengthPrefix, throwOnEndOfStream: false);
            if (got < LengthPrefix)
            {
                throw TooShort(got);
            }

            int headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(prefix), available - LengthPrefix);
            byte[] header = ReadBounded(stream, headerLength, lengthKnown: available.HasValue, "header");
            SafeTensorsHeaderContent entries = SafeTensorsHeader.Parse(header, SafeTensorsLayout.Names(expected));

            // A seekable stream's data section is what is left; otherwise it must be exactly what the network needs.
            long dataLength = available.HasValue ? available.Value - LengthPrefix - headerLength : (long)parameterCount * sizeof(float);
            SafeTensorsEntry[] matched = SafeTensorsLayout.Match(expected, entries, dataLength);

            // Match() proved the tensors tile the data section exactly, so this is the network's own size, not the file's word.
            byte[] data = ReadBounded(stream, (int)dataLength, lengthKnown: true, "data");
            if (!available.HasValue && stream.ReadByte() >= 0)
            {
                throw new SafeTensorsException(
                    $"The stream continues after the {dataLength.ToString(CultureInfo.InvariantCulture)} bytes of tensor data the header describes.");
            }

            return Decode(expected, matched, data, parameterCount);
        }

        /// <summary>Loads the parameters of <paramref name="spec"/> from a whole safetensors file in memory.</summary>
        /// <inheritdoc cref="LoadParameters(NetworkSpec, string)"/>
        public static float[] LoadParameters(NetworkSpec spec, ReadOnlySpan<byte> file)
        {
            List<ExpectedTensor> expected = ExpectedTensors(spec, out int parameterCount);
            if (file.Length < LengthPrefix)
            {
                throw TooShort(file.Length);
            }

            int headerLength = CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(file), file.Length - LengthPrefix);
            SafeTensorsHeaderContent entries = SafeTensorsHeader.Parse(file.Slice(LengthPrefix, headerLength), SafeTensorsLayout.Names(expected));
            ReadOnlySpan<byte> data = file.Slice(LengthPrefix + headerLength);
            SafeTensorsEntry[] matched = SafeTensorsLayout.Match(expected, entries, data.Length);
            return Decode(expected, matched, data, parameterCount);
        }

        /// <summary>
        /// Writes <paramref name="parameters"/> (Keras <c>get_weights()</c> order) to <paramref name="path"/> as safetensors,
        /// one F32 tensor per weight. Atomic: the bytes go to a uniquely named temporary file in the same directory, which
        /// is flushed and then renamed over <paramref name="path"/>, so <paramref name="path"/> always holds either the old
        /// or the new complete file, even with concurrent writers and readers; on any failure the temporary file is deleted.
        /// The new file has the permissions of a newly created file (the process's umask), not the old file's; if
        /// <paramref name="path"/> is a symbolic link, the link itself is replaced by the new file (its target is untouched).
        /// </summary>
        /// <exception cref="IOException"><paramref name="path"/> is a directory, the disk is full, or another I/O error.</exception>
        /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
        /// <param name="spec">The network the parameters belong to.</param>
        /// <param name="parameters">Exactly <see cref="NetworkAnalysis.ParameterCount"/> floats.</param>
        /// <param name="path">The file to create or replace.</param>
        /// <param name="metadata">Optional string pairs stored under <c>__metadata__</c>.</param>
        /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
        /// <exception cref="InvalidNetworkException">The declaration breaks the layer rules.</exception>
        public static void Save(NetworkSpec spec, ReadOnlySpan<float> parameters, string path, IReadOnlyDictionary<string, string>? metadata = null)
        {
            ArgumentNullException.ThrowIfNull(path);
            AtomicFile.Write(path, Save(spec, parameters, metadata));
        }

        /// <summary>Writes <paramref name="parameters"/> to <paramref name="stream"/> as safetensors.</summary>
        /// <inheritdoc cref="Save(NetworkSpec, ReadOnlySpan{float}, string, IReadOnlyDictionary{string, string}?)"/>
        public static void Save(NetworkSpec spec, ReadOnlySpan<float> parameters, Stream stream, IReadOnlyDictionary<string, string>? metadata = null)
        {
            ArgumentNullException.ThrowIfNull(stream);
            stream.Write(Save(spec, parameters, metadata));
        }

        /// <summary>Returns <paramref name="parameters"/> as the bytes of a safetensors file.</summary>
        /// <inheritdoc cref="Save(NetworkSpec, ReadOnlySpan{float}, string, IReadOnlyDictionary{string, string}?)"/>
        public static byte[] Save(NetworkSpec spec, ReadOnlySpan<float> parameters, IReadOnlyDictionary<string, string>? metadata = null)
        {
            List<ExpectedTensor> expected = ExpectedTensors(spec, out int parameterCount);
            if (parameters.Length != parameterCount)
            {
                throw new ArgumentException(
                    $"Expected {parameterCount} parameters for the network but got {parameters.Length}.", nameof(parameters));
            }

            byte[] header = WriteHeader(expected, metadata);
            var file = new byte[LengthPrefix + header.Length + ((long)parameterCount * sizeof(float))];
            BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
            header.CopyTo(file, LengthPrefix);

            // Tensors are stored in get_weights() order, back to back, so the data is the parameter vector itself.
            Span<byte> data = file.AsSpan(LengthPrefix + header.Length);
            for (int i = 0; i < parameters.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.Slice(i * sizeof(float)), parameters[i]);
            }

            return file;
        }

        /// <summary>The tensor names a file for <paramref name="spec"/> must contain, in <c>get_weights()</c> order (e.g. <c>conv2d.kernel</c>).</summary>
        public static IReadOnlyList<string> TensorNames(NetworkSpec spec)
        {
            var names = new List<string>();
            foreach (ExpectedTensor tensor in ExpectedTensors(spec, out _))
            {
                names.Add(tensor.Name);
            }

            return names;
        }

        private static List<ExpectedTensor> ExpectedTensors(NetworkSpec spec, out int parameterCount)
        {
            ArgumentNullException.ThrowIfNull(spec);
            NetworkAnalysis analysis = ShapeInference.Analyze(spec);
            if (analysis.HasErrors)
            {
                throw new InvalidNetworkException(analysis.Diagnostics);
            }

            parameterCount = analysis.ParameterCount;
            return SafeTensorsLayout.Expected(analysis);
        }

        /// <summary>JSON header, padded with spaces to a multiple of 8 bytes (as the reference writer does, so the data is aligned).</summary>
        private static byte[] WriteHeader(List<ExpectedTensor> expected, IReadOnlyDictionary<string, string>? metadata)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (metadata is { Count: > 0 })
                {
                    json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                    var keys = new List<string>(metadata.Keys);
                    keys.Sort(StringComparer.Ordinal); // deterministic bytes whatever the dictionary's order
                    foreach (string key in keys)
                    {
                        json.WriteString(key, metadata[key] ?? throw new ArgumentException($"Metadata value '{key}' is null.", nameof(metadata)));
                    }

                    json.WriteEndObject();
                }

                long position = 0;
                foreach (ExpectedTensor tensor in expected)
                {
                    json.WriteStartObject(tensor.Name);
                    json.WriteString("dtype", SafeTensorsLayout.FloatType);
                    json.WriteStartArray("shape");
                    foreach (int d in tensor.Shape)
                    {
                        json.WriteNumberValue(d);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(position);
                    json.WriteNumberValue(position + tensor.ByteLength);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    position += tensor.ByteLength;
                }

                json.WriteEndObject();
            }

            int padded = (buffer.WrittenCount + 7) / 8 * 8;
            var header = new byte[padded];
            buffer.WrittenSpan.CopyTo(header);
            header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
            return header;
        }

        /// <summary>Copies each tensor's little-endian floats to its place in the <c>get_weights()</c> vector (any host byte order).</summary>
        private static float[] Decode(List<ExpectedTensor> expected, SafeTensorsEntry[] matched, ReadOnlySpan<byte> data, int parameterCount)
        {
            var parameters = new float[parameterCount];
            for (int t = 0; t < expected.Count; t++)
            {
                ReadOnlySpan<byte> bytes = data.Slice((int)matched[t].Begin, (int)expected[t].ByteLength);
                Span<float> target = parameters.AsSpan(expected[t].Offset, expected[t].Length);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
                }
            }

            return parameters;
        }

        private static int CheckHeaderLength(ulong claimed, long? available)
        {
            if (claimed > MaxHeaderLength)
            {
                throw new SafeTensorsException(
                    $"The safetensors header claims {claimed.ToString(CultureInfo.InvariantCulture)} bytes, more than the {MaxHeaderLength.ToString(CultureInfo.InvariantCulture)}-byte limit: not a safetensors file, or a corrupt one.");
            }

            if (available.HasValue && (long)claimed > available.Value)
            {
                throw new SafeTensorsException(
                    $"The safetensors header claims {claimed.ToString(CultureInfo.InvariantCulture)} bytes but only {available.Value.ToString(CultureInfo.InvariantCulture)} follow the 8-byte length: the file is truncated or not a safetensors file.");
            }

            return (int)claimed;
        }

        /// <summary>
        /// Reads exactly <paramref name="length"/> bytes. When the stream's length was not checked beforehand the buffer
        /// grows with the bytes actually received, so a lying length on a short stream cannot force a huge allocation.
        /// </summary>
        private static byte[] ReadBounded(Stream stream, int length, bool lengthKnown, string what)
        {
            int chunk = lengthKnown ? length : Math.Min(length, 1 << 16);
            var buffer = new byte[chunk];
            int filled = 0;
            while (true)
            {
                int read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                filled += read;
                if (filled < buffer.Length)
                {
                    throw new SafeTensorsException(
                        $"The safetensors file is truncated: its {what} needs {length.ToString(CultureInfo.InvariantCulture)} bytes but the stream ended after {filled.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (filled == length)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
            }
        }

        private static SafeTensorsException TooShort(int length) => new SafeTensorsException(
            $"The file has {length.ToString(CultureInfo.InvariantCulture)} bytes; a safetensors file starts with an 8-byte header length.");
    }
}
