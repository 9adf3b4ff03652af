using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>Reads files for the preprocessor; returns null when a file does not exist.</summary>
public interface ISourceFileReader
{
    /// <summary>Returns the contents of <paramref name="path"/>, or null when it cannot be read.</summary>
    string? TryRead(string path);
}
