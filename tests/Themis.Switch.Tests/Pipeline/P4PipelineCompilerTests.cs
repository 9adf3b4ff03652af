using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using P4.Config.V1;
using Themis.P4.P4Info;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Replication;

namespace Themis.Switch.Tests.Pipeline;

/// <summary>Device config decoding, P4Info agreement checks and compile errors of the P4 pipeline compiler.</summary>
public sealed class P4PipelineCompilerTests
{
    private static string Source => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "data", "basic_ipv4.p4"));

    private static global::P4.Config.V1.P4Info DerivedP4Info()
    {
        Themis.P4.CompilationResult compiled = Themis.P4.P4Compiler.CompileText(Source, "basic_ipv4.p4");
        return P4InfoGenerator.Generate(compiled.Program!);
    }

    [Test]
    public void Compile_SourceWithItsP4Info_LoadsWithDefaultActions()
    {
        global::P4.Config.V1.P4Info info = DerivedP4Info();
        PipelineCompileResult result = new P4PipelineCompiler().Compile(info, ByteString.CopyFromUtf8(Source));
        Assert.That(result.Succeeded, Is.True, () => string.Join("\n", result.Errors));
        uint table = info.Tables.Single().Preamble.Id;
        uint drop = info.Actions.Single(a => a.Preamble.Name == "IngressImpl.drop").Preamble.Id;
        Assert.That(result.Definition!.DefaultActions[table].ActionId, Is.EqualTo(drop));
    }

    [Test]
    public void Compile_ZipBundleWithMainFile_Loads()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("MAIN").Open()))
            {
                writer.Write("src/main.p4\n");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("src/main.p4").Open()))
            {
                writer.Write("#include \"../include/program.p4\"\n");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("include/program.p4").Open()))
            {
                writer.Write(Source);
            }
        }

        PipelineCompileResult result = new P4PipelineCompiler().Compile(DerivedP4Info(), ByteString.CopyFrom(stream.ToArray()));
        Assert.That(result.Succeeded, Is.True, () => string.Join("\n", result.Errors));
    }

    [Test]
    public void Compile_P4InfoWithDifferentParamWidth_RefusedNamingTheDifference()
    {
        global::P4.Config.V1.P4Info info = DerivedP4Info();
        info.Actions.Single(a => a.Preamble.Name == "IngressImpl.forward").Params[1].Bitwidth = 16;
        PipelineCompileResult result = new P4PipelineCompiler().Compile(info, ByteString.CopyFromUtf8(Source));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors.Single(), Does.Contain("action 'IngressImpl.forward'").And.Contain("parameter 2 'port' (16 bits)"));
    }

    [Test]
    public void Compile_P4InfoWithAnExtraTable_Refused()
    {
        global::P4.Config.V1.P4Info info = DerivedP4Info();
        info.Tables.Add(new Table { Preamble = new Preamble { Id = 0x02000099, Name = "IngressImpl.ghost" } });
        PipelineCompileResult result = new P4PipelineCompiler().Compile(info, ByteString.CopyFromUtf8(Source));
        Assert.That(result.Errors.Single(), Does.Contain("'IngressImpl.ghost'").And.Contain("does not define"));
    }

    [Test]
    public void Compile_SyntaxError_ReportsDiagnosticWithLocation()
    {
        PipelineCompileResult result = new P4PipelineCompiler().Compile(DerivedP4Info(), ByteString.CopyFromUtf8("header h_t { bit<8> x }"));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors[0], Does.StartWith("program.p4:1:"));
    }

    [Test]
    public void Compile_BinaryGarbage_RefusedWithoutThrowing()
    {
        PipelineCompileResult result = new P4PipelineCompiler().Compile(DerivedP4Info(), ByteString.CopyFrom(0, 1, 2, 0xff));
        Assert.That(result.Errors.Single(), Does.Contain("neither P4 source"));
    }

    [Test]
    public void Compile_EmptyDeviceConfig_ControlPlaneOnlyPipeline()
    {
        PipelineCompileResult result = new P4PipelineCompiler().Compile(DerivedP4Info(), ByteString.Empty);
        Assert.That(result.Succeeded, Is.True);
        var state = new SwitchState(result.Definition!, new PacketReplicationEngine(), TimeProvider.System);
        var packet = new PacketContext(Encoding.ASCII.GetBytes("frame"), new StandardMetadata { IngressPort = 1 });
        result.Definition!.Program.Instantiate(state).Ingress(packet);
        Assert.That(packet.Metadata.EgressSpec, Is.EqualTo(SwitchConstants.DropPort));
    }
}
