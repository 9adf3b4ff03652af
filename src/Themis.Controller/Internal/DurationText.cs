using System.Globalization;

namespace Themis.Controller.Internal;

/// <summary>Durations as operators write them: a number and a unit, e.g. <c>50us</c>, <c>2.5ms</c>, <c>30s</c>, <c>1h</c>.</summary>
internal static class DurationText
{
    private static readonly (string Unit, double TicksPer)[] s_units =
    [
        ("ns", TimeSpan.TicksPerMicrosecond / 1000.0),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        foreach ((string unit, double ticksPer) in s_units)
        {
            // Two-letter units come before "s" in the table, so "5ms" is not read as "5m" + "s".
            if (!text.EndsWith(unit, StringComparison.Ordinal))
            {
                continue;
            }

            string number = text[..^unit.Length];
            if (number.Length == 0 || !char.IsAsciiDigit(number[^1]))
            {
                continue;
            }

            if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
                && amount * ticksPer < TimeSpan.MaxValue.Ticks)
            {
                value = TimeSpan.FromTicks((long)Math.Round(amount * ticksPer));
                return true;
            }
        }

        return false;
    }

    public static string Format(TimeSpan value)
    {
        long ticks = value.Ticks;
        if (ticks % TimeSpan.TicksPerHour == 0 && ticks != 0)
        {
            return $"{ticks / TimeSpan.TicksPerHour}h";
        }

        if (ticks % TimeSpan.TicksPerMinute == 0 && ticks != 0)
        {
            return $"{ticks / TimeSpan.TicksPerMinute}m";
        }

        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerSecond}s";
        }

        if (ticks % TimeSpan.TicksPerMillisecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMillisecond}ms";
        }

        return ticks % TimeSpan.TicksPerMicrosecond == 0
            ? $"{ticks / TimeSpan.TicksPerMicrosecond}us"
            : $"{ticks * 100}ns";
    }
}
