using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>Reads files from the local file system.</summary>
public sealed class FileSystemReader : ISourceFileReader
{
    public static readonly FileSystemReader Instance = new();

    public string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
