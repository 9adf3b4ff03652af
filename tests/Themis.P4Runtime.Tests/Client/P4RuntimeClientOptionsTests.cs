using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Themis.P4Runtime.Tests.Client;

public sealed class P4RuntimeClientOptionsTests
{
    [Test]
    public void Defaults_MatchBmv2SimpleSwitchGrpc_AndAreValid()
    {
        var options = new P4RuntimeClientOptions();

        Assert.That(options.Address, Is.EqualTo(new Uri("http://127.0.0.1:9559")));
        Assert.That(options.DeviceId, Is.Zero);
        Assert.That(options.ElectionId, Is.EqualTo(UInt128.One));
        Assert.That(options.Role, Is.Empty);
        Assert.That(options.UsesTls, Is.False);
        Assert.That(options.AutoReconnect, Is.True);
        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = new P4RuntimeClientOptions
        {
            Address = new Uri("ftp://switch:9559"),
            UnaryDeadline = TimeSpan.Zero,
            ReconnectInitialDelay = TimeSpan.FromSeconds(5),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            ReconnectJitter = 1.5,
            InboundQueueCapacity = 0,
        };

        IReadOnlyList<string> errors = options.Validate();

        Assert.That(errors, Has.Count.EqualTo(5));
        Assert.That(errors, Has.Some.Contains("http:// (plaintext) or https:// (TLS)"));
        Assert.That(errors, Has.Some.Contains("UnaryDeadline must be positive"));
        Assert.That(errors, Has.Some.Contains("ReconnectMaxDelay"));
        Assert.That(errors, Has.Some.Contains("ReconnectJitter must be in [0, 1)"));
        Assert.That(errors, Has.Some.Contains("InboundQueueCapacity"));
    }

    [Test]
    public void Validate_TlsSettingsWithPlaintextAddress_IsAnError()
    {
        var options = new P4RuntimeClientOptions { TlsServerName = "switch1" };

        Assert.That(options.Validate(), Has.One.Contains("TLS settings are given but Address 'http://127.0.0.1:9559/' is plaintext"));
    }

    [Test]
    public void Validate_HttpsWithRootAndClientCertificates_IsValid()
    {
        using X509Certificate2 certificate = SelfSigned();
        var options = new P4RuntimeClientOptions
        {
            Address = new Uri("https://switch1:9559"),
            RootCertificate = certificate,
            ClientCertificate = certificate,
            TlsServerName = "switch1",
        };

        Assert.That(options.UsesTls, Is.True);
        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void Validate_ClientCertificateWithoutPrivateKey_SaysHowToLoadIt()
    {
        using X509Certificate2 withKey = SelfSigned();
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        var options = new P4RuntimeClientOptions { Address = new Uri("https://switch1:9559"), ClientCertificate = publicOnly };

        Assert.That(options.Validate(), Has.One.Contains("no private key"));
    }

    [Test]
    public void Validate_KeepAliveInfinite_IsAllowed()
    {
        var options = new P4RuntimeClientOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan };

        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void ThrowIfInvalid_ListsAllProblemsInOneMessage()
    {
        var options = new P4RuntimeClientOptions { ReadDeadline = TimeSpan.FromSeconds(-1), OutboundQueueCapacity = 0 };

        var e = Assert.Throws<ArgumentException>(options.ThrowIfInvalid);

        Assert.That(e!.Message, Does.Contain("2 problems"));
        Assert.That(e.Message, Does.Contain("ReadDeadline"));
        Assert.That(e.Message, Does.Contain("OutboundQueueCapacity"));
    }

    [Test]
    public void ConnectAsync_InvalidOptions_ThrowsBeforeAnyNetworkActivity()
    {
        var options = new P4RuntimeClientOptions { Address = new Uri("ftp://127.0.0.1:9559") };

        Assert.ThrowsAsync<ArgumentException>(async () => await P4RuntimeClient.ConnectAsync(options));
    }

    [Test]
    public void With_CopiesAndChangesOneSetting()
    {
        var defaults = new P4RuntimeClientOptions();

        P4RuntimeClientOptions changed = defaults with { DeviceId = 7 };

        Assert.That(changed.DeviceId, Is.EqualTo(7UL));
        Assert.That(defaults.DeviceId, Is.Zero);
        Assert.That(changed.Address, Is.EqualTo(defaults.Address));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=switch1", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
