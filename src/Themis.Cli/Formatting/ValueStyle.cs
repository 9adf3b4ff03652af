namespace Themis.Cli.Formatting;

/// <summary>How a value is shown to people, chosen by <see cref="ValueFormatter.StyleFor"/>.</summary>
internal enum ValueStyle
{
    Decimal,
    Hex,
    IPv4,
    IPv6,
    Mac,
}
