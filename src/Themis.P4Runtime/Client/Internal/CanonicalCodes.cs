using System.Text;
using Grpc.Core;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>Canonical status code names as P4Runtime documents and servers print them (ALREADY_EXISTS, ...).</summary>
internal static class CanonicalCodes
{
    public static string Name(StatusCode code)
    {
        if (!Enum.IsDefined(code))
        {
            return $"code {(int)code}";
        }

        string pascal = code.ToString();
        var builder = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(pascal[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
