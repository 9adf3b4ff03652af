using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public enum TokenKind
{
    EndOfFile,
    Identifier,
    Integer,
    String,
    Keyword,
    Punctuation,
    Bad,
}
