using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using P4.Config.V1;
using Themis.P4;
using Themis.P4.P4Info;
using Themis.P4.Text;
using Themis.P4Runtime.Info;

namespace Themis.Controller.Internal;

/// <summary>
/// The pipeline the controller pushes: P4Info, device config and cookie, loaded once at start-up.
/// </summary>
/// <remarks>
/// A device config ending in <c>.p4</c> is P4-16 source for the embedded switch: it is compiled by the
/// project's front end (so a broken program is reported here, with file:line:col, not by the switch), and what
/// is sent is the preprocessed text, a single self-contained file — the same device config
/// <c>themis-switch --p4</c> keeps. Without <c>pipeline.p4info</c> the P4Info is derived from that program by
/// the front end's generator (p4c's ids and names). Anything else is sent as it is (BMv2's JSON).
/// </remarks>
internal sealed class PipelineSource
{
    private PipelineSource(P4Info p4Info, ByteString deviceConfig, ulong cookie)
    {
        P4Info = p4Info;
        DeviceConfig = deviceConfig;
        Cookie = cookie;
    }

    public P4Info P4Info { get; }

    public ByteString DeviceConfig { get; }

    public ulong Cookie { get; }

    /// <summary>True when the device config is P4 source (the embedded switch).</summary>
    public static bool IsP4Source(string? path) => path is not null && path.EndsWith(".p4", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the pipeline <paramref name="config"/> names.</summary>
    /// <exception cref="ControllerConfigException">A file cannot be read, or the program has errors (all listed).</exception>
    public static PipelineSource Load(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string deviceConfigPath = config.DeviceConfigPath
            ?? throw new ControllerConfigException(["pipeline.deviceConfig: required to push the pipeline."]);
        P4Info? p4Info = null;
        byte[]? p4InfoBytes = null;
        if (config.P4InfoPath is { Length: > 0 } p4InfoPath)
        {
            p4InfoBytes = ReadFile(p4InfoPath, "pipeline.p4info");
            try
            {
                p4Info = P4InfoIndex.ParseP4Info(p4InfoBytes, p4InfoPath);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidProtocolBufferException or FormatException
                or Themis.P4Runtime.TextFormat.TextFormatException)
            {
                throw new ControllerConfigException([$"pipeline.p4info: '{p4InfoPath}' is not a P4Info file: {e.Message}"]);
            }
        }

        byte[] deviceConfig;
        if (IsP4Source(deviceConfigPath))
        {
            if (!File.Exists(deviceConfigPath))
            {
                throw new ControllerConfigException([$"pipeline.deviceConfig: file '{deviceConfigPath}' does not exist."]);
            }

            CompilationResult compiled = P4Compiler.Compile(deviceConfigPath);
            if (!compiled.Success || compiled.Program is null || compiled.Source is null)
            {
                throw new ControllerConfigException(compiled.Errors
                    .Select(d => $"pipeline.deviceConfig: {d}")
                    .DefaultIfEmpty($"pipeline.deviceConfig: '{deviceConfigPath}' could not be compiled.")
                    .ToList());
            }

            deviceConfig = System.Text.Encoding.UTF8.GetBytes(compiled.Source.Text);
            if (p4Info is null)
            {
                p4Info = P4InfoGenerator.Generate(compiled.Program, out IReadOnlyList<Diagnostic> diagnostics);
                List<string> errors = [.. diagnostics.Where(d => d.IsError).Select(d => $"pipeline.deviceConfig: P4Info generation: {d}")];
                if (errors.Count > 0)
                {
                    throw new ControllerConfigException(errors);
                }

                p4InfoBytes = p4Info.ToByteArray();
            }
        }
        else
        {
            if (p4Info is null)
            {
                throw new ControllerConfigException([
                    "pipeline.p4info: required when pipeline.deviceConfig is not P4 source (.p4); give the P4Info p4c wrote next to the BMv2 JSON."]);
            }

            deviceConfig = ReadFile(deviceConfigPath, "pipeline.deviceConfig");
        }

        return new PipelineSource(p4Info, ByteString.CopyFrom(deviceConfig), config.Cookie ?? CookieOf(p4InfoBytes!, deviceConfig));
    }

    /// <summary>The default cookie: the first 8 bytes of SHA-256 over the P4Info and the device config.</summary>
    public static ulong CookieOf(byte[] p4Info, byte[] deviceConfig)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(p4Info);
        hash.AppendData(deviceConfig);
        return BinaryPrimitives.ReadUInt64BigEndian(hash.GetHashAndReset());
    }

    private static byte[] ReadFile(string path, string key)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ControllerConfigException([$"{key}: cannot read '{path}': {e.Message}"]);
        }
    }
}
