using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using Themis.P4.Preprocessing;

namespace Themis.Switch.Execution;

/// <summary>
/// Reads a device config: the P4 source as UTF-8 text, or a zip bundle holding the main <c>.p4</c>
/// file at its root (or the file named in a root <c>MAIN</c> text file) and the files it includes.
/// </summary>
internal sealed class DeviceConfigSource : ISourceFileReader
{
    private readonly Dictionary<string, string> _files;

    private DeviceConfigSource(Dictionary<string, string> files, string mainFile)
    {
        _files = files;
        MainFile = mainFile;
    }

    public string MainFile { get; }

    public string MainText => _files[MainFile];

    /// <summary>Decodes the config; returns null with <paramref name="error"/> set when it is neither P4 text nor a usable bundle.</summary>
    public static DeviceConfigSource? TryRead(ByteString config, out string? error)
    {
        error = null;
        ReadOnlySpan<byte> bytes = config.Span;
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            return TryReadZip(config.ToByteArray(), out error);
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            error = "The device config is neither P4 source (UTF-8 text) nor a zip bundle; send the program text or a zip with the main .p4 file at its root.";
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            error = "The device config is not valid UTF-8; send the P4 source as UTF-8 text or a zip bundle.";
            return null;
        }

        return new DeviceConfigSource(new Dictionary<string, string> { ["program.p4"] = text }, "program.p4");
    }

    private static DeviceConfigSource? TryReadZip(byte[] bytes, out string? error)
    {
        error = null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                if (entry.Length > 64 * 1024 * 1024)
                {
                    error = $"Bundle entry '{entry.FullName}' is larger than 64 MiB.";
                    return null;
                }

                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                files[Normalize(entry.FullName)] = reader.ReadToEnd();
            }
        }
        catch (InvalidDataException e)
        {
            error = $"The device config looks like a zip bundle but cannot be read: {e.Message}";
            return null;
        }

        string? main = files.TryGetValue("MAIN", out string? named) ? Normalize(named.Trim()) : null;
        if (main is null)
        {
            var roots = files.Keys.Where(k => !k.Contains('/', StringComparison.Ordinal) && k.EndsWith(".p4", StringComparison.Ordinal)).ToList();
            if (roots.Count != 1)
            {
                error = roots.Count == 0
                    ? "The bundle has no .p4 file at its root; put the main program there."
                    : $"The bundle has {roots.Count} .p4 files at its root ({string.Join(", ", roots)}); name the main one in a root file called MAIN.";
                return null;
            }

            main = roots[0];
        }

        if (!files.ContainsKey(main))
        {
            error = $"MAIN names '{main}', which is not in the bundle.";
            return null;
        }

        return new DeviceConfigSource(files, main);
    }

    public string? TryRead(string path) => _files.GetValueOrDefault(Normalize(path));

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
