using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>Builds the gRPC channel for a set of client options.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(P4RuntimeClientOptions options, ILoggerFactory? loggerFactory)
    {
        var channelOptions = new GrpcChannelOptions
        {
            LoggerFactory = loggerFactory,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            // P4Info and large write batches can exceed gRPC's default 4 MB on the way out too.
            MaxSendMessageSize = options.MaxReceiveMessageSize,
            // Cancelling a call surfaces as OperationCanceledException, as everywhere else in .NET.
            ThrowOperationCanceledOnCancellation = true,
        };

        if (options.HttpHandler is not null)
        {
            channelOptions.HttpHandler = options.HttpHandler;
            channelOptions.DisposeHttpClient = false;
        }
        else
        {
            channelOptions.HttpHandler = CreateHandler(options);
            channelOptions.DisposeHttpClient = true;
        }

        return GrpcChannel.ForAddress(options.Address, channelOptions);
    }

    private static SocketsHttpHandler CreateHandler(P4RuntimeClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // The StreamChannel is long-lived; keep-alive pings reveal a dead server within about two intervals.
            KeepAlivePingDelay = options.KeepAliveInterval,
            KeepAlivePingTimeout = options.KeepAliveInterval == Timeout.InfiniteTimeSpan
                ? Timeout.InfiniteTimeSpan
                : options.KeepAliveInterval,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.ArbitrationTimeout,
        };

        if (options.UsesTls)
        {
            var ssl = new SslClientAuthenticationOptions();
            if (options.TlsServerName is not null)
            {
                ssl.TargetHost = options.TlsServerName;
            }

            if (options.RootCertificate is not null)
            {
                // Trust exactly the given CA for this connection instead of the system store.
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
                policy.CustomTrustStore.Add(options.RootCertificate);
                ssl.CertificateChainPolicy = policy;
            }

            if (options.ClientCertificate is not null)
            {
                ssl.ClientCertificates = [options.ClientCertificate];
            }

            handler.SslOptions = ssl;
        }

        return handler;
    }
}
