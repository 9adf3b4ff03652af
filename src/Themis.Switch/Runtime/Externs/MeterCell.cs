namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// One two-rate three-color marker (RFC 2698), implemented the way BMv2 does (bm_sim/meters.cpp):
/// token buckets measured in units per microsecond, refilled from a single time origin, the peak
/// bucket checked first (fails → red), then the committed bucket (fails → yellow), else green; an
/// unconfigured meter marks everything green. Rates convert from P4Runtime as BMv2's PI glue does:
/// <c>units_per_micros = rate / 1e6</c>, burst unchanged.
/// </summary>
public sealed class MeterCell
{
    private readonly Lock _lock = new();
    private readonly long _origin;
    private readonly TimeProvider _time;
    private MeterConfig? _config;

    // Index 0: peak bucket (red on failure); index 1: committed bucket (yellow on failure).
    private readonly Bucket[] _buckets = new Bucket[2];

    /// <summary>Creates an unconfigured meter whose clock is <paramref name="time"/>.</summary>
    public MeterCell(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _origin = time.GetTimestamp();
    }

    /// <summary>The current configuration, or null if the meter is not configured.</summary>
    public MeterConfig? Config
    {
        get
        {
            lock (_lock)
            {
                return _config;
            }
        }
    }

    /// <summary>Configures the meter (the all-zero configuration resets it to unconfigured).</summary>
    /// <returns>False when the committed rate exceeds the peak rate, which BMv2 rejects.</returns>
    public bool TryConfigure(MeterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsReset)
        {
            Reset();
            return true;
        }

        if (config.Cir > config.Pir || config.Cir < 0 || config.Cburst < 0 || config.Pburst < 0)
        {
            return false;
        }

        lock (_lock)
        {
            long tokensSinceOrigin(double rate) => (long)(MicrosSinceOrigin() * rate);
            double peakRate = config.Pir / 1_000_000.0;
            double committedRate = config.Cir / 1_000_000.0;
            _buckets[0] = new Bucket(peakRate, config.Pburst, MeterColor.Red) { Tokens = config.Pburst, TokensLast = tokensSinceOrigin(peakRate) };
            _buckets[1] = new Bucket(committedRate, config.Cburst, MeterColor.Yellow) { Tokens = config.Cburst, TokensLast = tokensSinceOrigin(committedRate) };
            _config = config;
        }

        return true;
    }

    /// <summary>Returns the meter to the unconfigured state (everything green).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _config = null;
        }
    }

    /// <summary>Colors a packet; <paramref name="units"/> is 1 for packet meters, the length for byte meters.</summary>
    public MeterColor Execute(long units)
    {
        lock (_lock)
        {
            if (_config is null)
            {
                return MeterColor.Green;
            }

            long micros = MicrosSinceOrigin();
            MeterColor color = MeterColor.Green;
            for (int i = 0; i < _buckets.Length; i++)
            {
                ref Bucket bucket = ref _buckets[i];
                long sinceOrigin = (long)(micros * bucket.Rate);
                long added = sinceOrigin - bucket.TokensLast;
                bucket.TokensLast = sinceOrigin;
                bucket.Tokens = Math.Min(bucket.Tokens + Math.Max(added, 0), bucket.Burst);
                if (bucket.Tokens < units)
                {
                    color = bucket.Color;
                    break;
                }

                bucket.Tokens -= units;
            }

            return color;
        }
    }

    private long MicrosSinceOrigin() => (long)_time.GetElapsedTime(_origin).TotalMicroseconds;

    private struct Bucket(double rate, long burst, MeterColor color)
    {
        public readonly double Rate = rate;
        public readonly long Burst = burst;
        public readonly MeterColor Color = color;
        public long Tokens;
        public long TokensLast;
    }
}
