using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tcp;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;

namespace Themis.Controller.Host.Demo;

/// <summary>
/// <c>themis-controller demo</c>: the embedded switch runs the ESW program in strict BMv2 mode, this controller
/// runs against it over a real P4Runtime socket with the shipped config, and emulated hosts on in-memory ports
/// drive it — TCP handshakes through the SYN cookie, daemon registrations, ECN-marked RoCEv2 traffic (PNP) and
/// receiver CNPs (TRP) — while the scenario prints what the switch and the controller do and checks it.
/// Every figure printed is observed: frames seen on the ports, the controller's status, the switch's counters.
/// </summary>
internal sealed class DemoScenario
{
    private const ushort AppPort = 18515; // the QP-exchange port of the RDMA perftest tools
    private const uint SenderQpn = 0x000011, SenderRemoteQpn = 0x000101;
    private const uint ReceiverQpn = 0x000022, ReceiverRemoteQpn = 0x000202;

    private readonly string _configPath;
    private readonly IReadOnlyList<string> _overrides;
    private readonly string _repoRoot;
    private readonly TextWriter _out;
    private readonly ILoggerFactory _loggers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _failures = [];

    public DemoScenario(string configPath, IReadOnlyList<string> overrides, string repoRoot, TextWriter output, ILoggerFactory loggers)
    {
        _configPath = configPath;
        _overrides = overrides;
        _repoRoot = repoRoot;
        _out = output;
        _loggers = loggers;
    }

    /// <summary>Runs the scenario; 0 when every check held, 1 otherwise (the reasons are printed).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        ControllerConfig probe = ControllerConfigLoader.Load(_configPath, _overrides);
        Topology topology = Topology.From(probe);
        Say($"Starting the embedded switch (strict BMv2 mode, CPU port {probe.Ports.Cpu}) with ports DC {string.Join(",", probe.Ports.Dc)}, WAN {topology.WanPort}, loop {probe.Ports.Loop}");
        var loopSettings = new PortSettings { RatePps = 5000, QueueDepth = 64 };
        await using SwitchHost host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = probe.Ports.Cpu, Ports = new Dictionary<uint, PortSettings> { [probe.Ports.Loop] = loopSettings } },
            new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = true },
            new P4PipelineCompiler(),
            _loggers,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var taps = new Dictionary<uint, PortTap>();
        foreach (uint port in probe.Ports.Dc.Append(topology.WanPort))
        {
            taps[port] = new PortTap(host.Switch.AddInMemoryPort(port), $"port {port}");
        }

        var loop = new LoopbackPort(probe.Ports.Loop);
        host.Switch.AddPort(loop); // the switch disposes its ports

        ControllerConfig config = ControllerConfigLoader.Load(_configPath, [.. _overrides, $"switch.address={host.Address}", "http.listen=127.0.0.1:0"]);
        Say($"Starting the controller against {host.Address} (pipeline {Path.GetFileName(config.Pipeline.DeviceConfigPath)}, P4Info {(config.Pipeline.P4InfoPath is null ? "derived by the front end" : Path.GetFileName(config.Pipeline.P4InfoPath))})");
        await using var controller = new EswController(config, _loggers);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task run = controller.RunAsync(stop.Token);
        try
        {
            Task<ControllerStatus> primary = controller.WaitForAsync(s => s.Role == ControllerRole.Primary, TimeSpan.FromSeconds(30), cancellationToken);
            if (await Task.WhenAny(primary, run).ConfigureAwait(false) == run)
            {
                await run.ConfigureAwait(false); // surfaces why the controller stopped
                throw new InvalidOperationException("The controller stopped before becoming primary.");
            }

            ControllerStatus status = await primary.ConfigureAwait(false);
            Say($"Controller is primary: pipeline {(status.PipelinePushed ? "pushed" : "adopted")}, static state installed, {config.Themis.DummyCount} dummies injected into the loop; metrics at {controller.HttpEndpoint}metrics");
            using var reader = new SwitchReader(host.Address, Path.Combine(_repoRoot, "p4", "include", "define.p4"));
            await new Run(this, topology, config, controller, taps, loop, reader).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }

        if (_failures.Count == 0)
        {
            Say("Demo finished: every check held.");
            return 0;
        }

        Say($"Demo FAILED: {_failures.Count} check(s) did not hold:");
        foreach (string failure in _failures)
        {
            _out.WriteLine($"  - {failure}");
        }

        return 1;
    }

    private void Say(string line) => _out.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F3} s] {line}");

    private void Check(bool condition, string what)
    {
        if (!condition)
        {
            _failures.Add(what);
            Say($"  CHECK FAILED: {what}");
        }
    }

    /// <summary>The hosts and ports of the scenario, taken from the config (the shipped one has them all).</summary>
    private sealed record Topology(EmulatedHost Sender, uint SenderPort, EmulatedHost Receiver, uint ReceiverPort, EmulatedHost Remote, uint WanPort)
    {
        public static Topology From(ControllerConfig config)
        {
            MacAddress switchMac = MacAddress.Parse(config.SwitchMac);
            var local = config.Routes
                .Where(r => r.Prefix.EndsWith("/32", StringComparison.Ordinal) && config.Ports.Dc.Contains(r.Port))
                .Select(r => (Ip: IPv4Address.Parse(r.Prefix[..^3]), r.Port, Mac: MacAddress.Parse(r.NextHopMac)))
                .Where(h => config.Daemon.Keys.ContainsKey(h.Ip.ToString()))
                .DistinctBy(h => h.Port)
                .Take(2)
                .ToList();
            RouteConfig? wan = config.Routes.FirstOrDefault(r => config.Ports.Wan.Contains(r.Port));
            if (local.Count < 2 || wan is null)
            {
                throw new ControllerConfigException([
                    "routes: the demo needs two DC hosts (a /32 route to each of two DC ports, each host with a daemon key) and a route to the WAN; config/esw.json has them."]);
            }

            IPv4Address network = IPv4Address.Parse(wan.Prefix[..wan.Prefix.IndexOf('/', StringComparison.Ordinal)]);
            var remoteIp = new IPv4Address(network.Value | 0x0101);
            return new Topology(
                new EmulatedHost("sender A", local[0].Ip, local[0].Mac, switchMac, Key(config, local[0].Ip)), local[0].Port,
                new EmulatedHost("receiver B", local[1].Ip, local[1].Mac, switchMac, Key(config, local[1].Ip)), local[1].Port,
                new EmulatedHost("remote R", remoteIp, MacAddress.Parse(wan.NextHopMac), switchMac), wan.Port);
        }

        private static byte[] Key(ControllerConfig config, IPv4Address ip) => Convert.FromHexString(config.Daemon.Keys[ip.ToString()]);
    }

    /// <summary>One run of the scenario's phases against a serving controller.</summary>
    private sealed class Run(DemoScenario demo, Topology topology, ControllerConfig config, EswController controller, Dictionary<uint, PortTap> taps, LoopbackPort loop, SwitchReader reader)
    {
        private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(3);
        private readonly IPv4Address _controlIp = IPv4Address.Parse(config.ControlIp);
        private int _cnpsToSender;
        private int _throttled;
        private bool _recovered;
        private TimeSpan _registrationLatency;

        public async Task ExecuteAsync(CancellationToken ct)
        {
            await HandshakesAsync(ct).ConfigureAwait(false);
            await RegistrationsAsync(ct).ConfigureAwait(false);
            await PnpAsync(ct).ConfigureAwait(false);
            await TrpAsync(ct).ConfigureAwait(false);
            await TeardownAsync(ct).ConfigureAwait(false);
            await SummaryAsync(ct).ConfigureAwait(false);
        }

        private async Task HandshakesAsync(CancellationToken ct)
        {
            demo.Say("Phase 1: TCP connection set-up through the SYN cookie (the ESW learns which host pairs are inter-DC)");
            int index = 0;
            foreach ((EmulatedHost host, uint port) in new[] { (topology.Sender, topology.SenderPort), (topology.Receiver, topology.ReceiverPort) })
            {
                PortTap tap = taps[port];
                ushort sport = (ushort)(40000 + index++);
                tap.Inject(host.Tcp(topology.Remote.Ip, sport, AppPort, TcpFlags.Syn, 1000, 0));
                byte[]? synAck = await tap.ExpectAsync(f => EmulatedHost.IsTcp(f, TcpFlags.Syn | TcpFlags.Ack, out _), s_wait, ct).ConfigureAwait(false);
                demo.Check(synAck is not null, $"the ESW answers {host}'s first SYN with a SYN-ACK carrying the cookie");
                if (synAck is null)
                {
                    continue;
                }

                EmulatedHost.IsTcp(synAck, TcpFlags.Syn | TcpFlags.Ack, out TcpHeader cookie);
                int pairsBefore = controller.Status.VerifiedPairs;
                var clock = Stopwatch.StartNew();
                tap.Inject(host.Tcp(topology.Remote.Ip, sport, AppPort, TcpFlags.Ack, 1001, cookie.SequenceNumber + 1));
                byte[]? rst = await tap.ExpectAsync(f => EmulatedHost.IsTcp(f, TcpFlags.Rst, out _), s_wait, ct).ConfigureAwait(false);
                ControllerStatus verified = await controller.WaitForAsync(s => s.VerifiedPairs > pairsBefore, s_wait, ct).ConfigureAwait(false);
                demo.Check(rst is not null, $"the ESW resets {host}'s probe connection after a good ACK");
                tap.Inject(host.Tcp(topology.Remote.Ip, sport, AppPort, TcpFlags.Syn, 5000, 0));
                byte[]? forwarded = await taps[topology.WanPort].ExpectAsync(f => EmulatedHost.IsTcp(f, TcpFlags.Syn, out TcpHeader t) && t.SequenceNumber == 5000, s_wait, ct).ConfigureAwait(false);
                demo.Check(forwarded is not null, $"{host}'s retried SYN is forwarded to the WAN once the pair is verified");
                demo.Say($"  {host} -> {topology.Remote.Ip}: SYN-ACK cookie 0x{cookie.SequenceNumber:x8}, ACK -> RST, digest -> controller verified the pair in {clock.Elapsed.TotalMilliseconds:F1} ms ({verified.VerifiedPairs} pair(s)); retried SYN forwarded to the WAN");
            }
        }

        private async Task RegistrationsAsync(CancellationToken ct)
        {
            demo.Say("Phase 2: daemon registrations (signed v1 reports to the control IP; the controller installs qp_field entries)");
            foreach ((EmulatedHost host, uint port, uint local, uint remote) in new[]
            {
                (topology.Sender, topology.SenderPort, SenderQpn, SenderRemoteQpn),
                (topology.Receiver, topology.ReceiverPort, ReceiverQpn, ReceiverRemoteQpn),
            })
            {
                int before = controller.Status.InstalledFlows;
                var clock = Stopwatch.StartNew();
                taps[port].Inject(host.DaemonReport(_controlIp, (ushort)config.Daemon.Port, created: true, local, topology.Remote.Ip, remote));
                ControllerStatus after = await controller.WaitForAsync(s => s.InstalledFlows > before, s_wait, ct).ConfigureAwait(false);
                _registrationLatency = clock.Elapsed;
                demo.Say($"  {host}: QP 0x{local:x6} <-> {topology.Remote.Ip} QP 0x{remote:x6} installed in {clock.Elapsed.TotalMilliseconds:F1} ms (daemon packet on the wire -> entry in qp_field); {after.SlotsInUse} slot(s) in use");
            }

            // A forged report (B's address, A's key) must be counted and ignored.
            int flows = controller.Status.InstalledFlows;
            var forger = new EmulatedHost("forger", topology.Receiver.Ip, topology.Receiver.Mac, topology.Sender.GatewayMac, Convert.FromHexString(config.Daemon.Keys[topology.Sender.Ip.ToString()]));
            taps[topology.ReceiverPort].Inject(forger.DaemonReport(_controlIp, (ushort)config.Daemon.Port, created: true, 0x33, topology.Remote.Ip, 0x303));
            await Task.Delay(200, ct).ConfigureAwait(false);
            demo.Check(controller.Status.InstalledFlows == flows, "a daemon report signed with another host's key installs nothing");
            demo.Say($"  forged report (B's address signed with A's key): refused, {controller.Status.InstalledFlows} flows still installed");
        }

        private async Task PnpAsync(CancellationToken ct)
        {
            demo.Say($"Phase 3: PNP — {topology.Sender} sends ECN-marked (CE) RoCEv2 data toward the WAN; the ESW returns CNPs at most one per cnp_interval ({config.Themis.CnpInterval.TotalMicroseconds} us) and clears CE");
            PortTap senderTap = taps[topology.SenderPort];
            const int spaced = 10, burst = 30;
            for (uint psn = 0; psn < spaced; psn++)
            {
                senderTap.Inject(topology.Sender.RoceData(topology.Remote.Ip, SenderRemoteQpn, psn, Ecn.CongestionExperienced));
                await Task.Delay(2, ct).ConfigureAwait(false);
            }

            for (uint psn = spaced; psn < spaced + burst; psn++)
            {
                senderTap.Inject(topology.Sender.RoceData(topology.Remote.Ip, SenderRemoteQpn, psn, Ecn.CongestionExperienced));
            }

            List<byte[]> toSender = await senderTap.DrainAsync(TimeSpan.FromMilliseconds(300), ct).ConfigureAwait(false);
            List<byte[]> toWan = await taps[topology.WanPort].DrainAsync(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            var cnps = toSender.Select(Parse).Where(f => f is { } r && r.Bth.IsCnp).Select(f => f!.Value).ToList();
            var data = toWan.Select(Parse).Where(f => f is { } r && !r.Bth.IsCnp && r.Bth.DestQp == SenderRemoteQpn).Select(f => f!.Value).ToList();
            _cnpsToSender = cnps.Count;
            bool cnpsValid = cnps.All(c => c.Bth.DestQp == SenderQpn && c.IcrcValid && c.IPv4.Destination == topology.Sender.Ip && c.IPv4.Dscp == config.Themis.CnpDscp);
            demo.Say($"  {spaced + burst} CE-marked packets sent ({spaced} spaced 2 ms apart, {burst} back to back): {cnps.Count} CNPs came back to {topology.Sender} (DestQP 0x{SenderQpn:x6}, valid ICRC: {cnpsValid}), {data.Count} data packets reached the WAN, {data.Count(d => d.IPv4.Ecn == Ecn.CongestionExperienced)} still CE-marked");
            demo.Check(cnps.Count >= spaced, $"each spaced CE packet produces a CNP ({cnps.Count} CNPs for {spaced} spaced packets)");
            demo.Check(cnps.Count < spaced + burst, "CNP generation is rate-limited per flow (a back-to-back burst gets fewer CNPs than packets)");
            demo.Check(cnps.Count > 0 && cnpsValid, "CNPs are addressed to the sender's QP, carry the configured DSCP and a valid ICRC");
            demo.Check(data.Count == spaced + burst && data.All(d => d.IPv4.Ecn != Ecn.CongestionExperienced), "every data packet is forwarded with CE cleared");
        }

        private async Task TrpAsync(CancellationToken ct)
        {
            demo.Say($"Phase 4: TRP — {topology.Remote} streams RoCEv2 data to {topology.Receiver}; B's NIC answers congestion with CNPs, the ESW throttles the flow through the loop port, then recovers it");
            PortTap wan = taps[topology.WanPort];
            PortTap receiver = taps[topology.ReceiverPort];
            uint psn = 0;
            long passesBefore = loop.Passes;
            for (int i = 0; i < 5; i++)
            {
                wan.Inject(topology.Remote.RoceData(topology.Receiver.Ip, ReceiverQpn, psn++, Ecn.Ect0));
            }

            List<byte[]> before = await receiver.DrainAsync(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            demo.Say($"  before any CNP: {before.Count} of 5 packets delivered straight to {topology.Receiver}");

            var clock = Stopwatch.StartNew();
            for (int round = 0; round < 12; round++)
            {
                taps[topology.ReceiverPort].Inject(topology.Receiver.Cnp(topology.Remote.Ip, ReceiverRemoteQpn));
                for (int i = 0; i < 3; i++)
                {
                    wan.Inject(topology.Remote.RoceData(topology.Receiver.Ip, ReceiverQpn, psn++, Ecn.Ect0));
                }

                await Task.Delay(2, ct).ConfigureAwait(false);
            }

            ControllerStatus stored = controller.Status;
            demo.Say($"  12 CNPs from {topology.Receiver} with data in between: the controller holds {stored.CnpStoreEntries} cnp_store entr{(stored.CnpStoreEntries == 1 ? "y" : "ies")} after {clock.Elapsed.TotalMilliseconds:F0} ms");
            List<byte[]> cnpsOut = await wan.DrainAsync(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
            int forwardedCnps = cnpsOut.Select(Parse).Count(f => f is { } r && r.Bth.IsCnp && r.Bth.DestQp == ReceiverRemoteQpn);
            demo.Check(forwardedCnps == 12, $"the receiver's CNPs continue to the remote sender unchanged ({forwardedCnps} of 12)");

            // Go quiet for longer than beta — but well within the cnp_store idle timeout, which the data's hits
            // keep refreshing — and keep the data coming: the first packet after beta moves the flow to RECOVER.
            await Task.Delay(TimeSpan.FromMilliseconds(2) + config.Themis.Beta, ct).ConfigureAwait(false);
            uint recoveryStart = psn;
            for (int i = 0; i < 20; i++)
            {
                wan.Inject(topology.Remote.RoceData(topology.Receiver.Ip, ReceiverQpn, psn++, Ecn.Ect0));
                await Task.Delay(1, ct).ConfigureAwait(false);
            }

            List<byte[]> throttledPhase = [];
            List<byte[]> after = await receiver.DrainAsync(TimeSpan.FromMilliseconds(400), ct).ConfigureAwait(false);
            var delivered = before.Concat(throttledPhase).Concat(after).Select(Parse).Where(f => f is { } r && r.Bth.DestQp == ReceiverQpn).Select(f => f!.Value.Bth.Psn).ToList();
            Dictionary<string, long> events = await reader.ReadEventsAsync(ct).ConfigureAwait(false);
            _throttled = (int)events.GetValueOrDefault("TRP_THROTTLED");
            _recovered = events.GetValueOrDefault("TRP_RECOVER_ENTERED") > 0;
            long loopPasses = events.GetValueOrDefault("TRP_LOOP_PASS");
            bool inOrder = delivered.SequenceEqual(delivered.Order());
            demo.Say($"  {_throttled} packets entered the loop (loop passes: {loopPasses}; loop port carried {loop.Passes - passesBefore} frames incl. dummies), recovery entered: {events.GetValueOrDefault("TRP_RECOVER_ENTERED")}, normal restored: {events.GetValueOrDefault("TRP_NORMAL_RESTORED")}");
            demo.Say($"  {delivered.Count} of {psn} data packets delivered to {topology.Receiver}, in PSN order: {inOrder}");
            demo.Check(_throttled > 0, "data toward a receiver that sent CNPs is throttled through the loop");
            demo.Check(_recovered, $"the flow recovers once no CNP came for beta ({config.Themis.Beta.TotalMicroseconds} us)");
            demo.Check(delivered.Count == psn, $"no data packet is lost ({delivered.Count} of {psn})");
            demo.Check(inOrder, $"throttling and recovery never reorder the flow (delivered PSNs: {string.Join(",", delivered)})");
            demo.Check(delivered.Skip(delivered.Count - 5).All(p => p >= recoveryStart), "the last packets after recovery are delivered");
        }

        private async Task TeardownAsync(CancellationToken ct)
        {
            demo.Say("Phase 5: teardown — cnp_store entries expire by idle timeout; QPs are destroyed");
            ControllerStatus idle = await controller.WaitForAsync(s => s.CnpStoreEntries == 0, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            demo.Say($"  cnp_store idle after {config.Timers.CnpStoreIdleTimeout.TotalMilliseconds} ms without hits: removed ({idle.CnpStoreEntries} left)");
            taps[topology.SenderPort].Inject(topology.Sender.DaemonReport(_controlIp, (ushort)config.Daemon.Port, created: false, SenderQpn));
            taps[topology.ReceiverPort].Inject(topology.Receiver.DaemonReport(_controlIp, (ushort)config.Daemon.Port, created: false, ReceiverQpn));
            ControllerStatus gone = await controller.WaitForAsync(s => s.InstalledFlows == 0, s_wait, ct).ConfigureAwait(false);
            int entries = await reader.CountEntriesAsync("qp_field", ct).ConfigureAwait(false);
            demo.Check(entries == 0 && gone.SlotsInUse == 0, "destroyed QPs leave no qp_field entry and free their slots");
            demo.Say($"  both QPs destroyed: qp_field has {entries} entries, {gone.SlotsInUse} slots in use");
        }

        private async Task SummaryAsync(CancellationToken ct)
        {
            Dictionary<string, long> events = await reader.ReadEventsAsync(ct).ConfigureAwait(false);
            ControllerStatus status = controller.Status;
            demo.Say("Summary");
            demo._out.WriteLine($"  PNP: {events.GetValueOrDefault("PNP_CNP_GENERATED")} CNPs generated ({_cnpsToSender} seen by the sender), {events.GetValueOrDefault("PNP_CNP_SUPPRESSED")} suppressed by cnp_interval, {events.GetValueOrDefault("PNP_CE_CLEARED")} CE marks cleared");
            demo._out.WriteLine($"  TRP: {events.GetValueOrDefault("TRP_CNP_SEEN")} receiver CNPs seen, {events.GetValueOrDefault("TRP_CNP_COPIED")} copied to the controller, {_throttled} packets throttled, {events.GetValueOrDefault("TRP_LOOP_PASS")} loop passes, flows recovered: {events.GetValueOrDefault("TRP_RECOVER_ENTERED")} (normal restored {events.GetValueOrDefault("TRP_NORMAL_RESTORED")})");
            demo._out.WriteLine($"  Handshakes: {events.GetValueOrDefault("HS_COOKIE_SENT")} cookies sent, {events.GetValueOrDefault("HS_VERIFIED")} verified, {events.GetValueOrDefault("HS_REJECTED")} rejected");
            demo._out.WriteLine($"  Controller: {status.VerifiedPairs} verified pairs, last registration {_registrationLatency.TotalMilliseconds:F1} ms from wire to entry, {status.Sessions} session(s)");
            demo._out.WriteLine("  Switch counters (themis_events, non-zero):");
            foreach ((string name, long count) in events.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                demo._out.WriteLine($"    {name,-28} {count,8}");
            }

            string metrics = controller.RenderMetrics();
            demo._out.WriteLine("  Controller metrics (daemon packets by outcome):");
            foreach (string line in metrics.Split('\n').Where(l => l.StartsWith("themis_controller_daemon_packets_total{", StringComparison.Ordinal)))
            {
                demo._out.WriteLine($"    {line}");
            }
        }

        private static RoceV2Frame? Parse(byte[] frame) => RoceV2Frame.TryParse(frame, out RoceV2Frame parsed) == RoceV2ParseStatus.Ok ? parsed : null;

    }
}
