namespace Autoscale.Kubernetes;

/// <summary>
/// Port of upstream's <c>labels.Lexer</c>, read/unread mechanics included, so odd inputs split into the same
/// tokens (a NUL character ends the current token like the end of input does, as in Go).
/// </summary>
internal sealed class SelectorLexer(string text)
{
    private int _position;

    public (SelectorToken Token, string Literal) Lex()
    {
        char ch = SkipWhiteSpaces(Read());
        if (ch == '\0')
        {
            return (SelectorToken.EndOfString, "");
        }

        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
    }

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private static SelectorToken? Keyword(ReadOnlySpan<char> literal) => literal switch
    {
        ")" => SelectorToken.ClosedPar,
        "," => SelectorToken.Comma,
        "!" => SelectorToken.DoesNotExist,
        "==" => SelectorToken.DoubleEqualsSign,
        "=" => SelectorToken.EqualsSign,
        ">" => SelectorToken.GreaterThan,
        "in" => SelectorToken.In,
        "<" => SelectorToken.LessThan,
        "!=" => SelectorToken.NotEquals,
        "notin" => SelectorToken.NotIn,
        "(" => SelectorToken.OpenPar,
        _ => null,
    };

    private char Read()
    {
        if (_position >= text.Length)
        {
            return '\0';
        }

        return text[_position++];
    }

    private void Unread() => _position--;

    private char SkipWhiteSpaces(char ch)
    {
        while (IsWhitespace(ch))
        {
            ch = Read();
        }

        return ch;
    }

    private (SelectorToken, string) ScanIdentifierOrKeyword()
    {
        int start = _position;
        int end;
        while (true)
        {
            int before = _position;
            char ch = Read();
            if (ch == '\0')
            {
                // Go does not unread here: a NUL inside the text is consumed and ends the identifier.
                end = before;
                break;
            }

            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                end = _position;
                break;
            }
        }

        string literal = text[start..end];
        return (Keyword(literal) ?? SelectorToken.Identifier, literal);
    }

    private (SelectorToken, string) ScanSpecialSymbol()
    {
        int start = _position;
        SelectorToken? last = null;
        int lastEnd = start;
        while (true)
        {
            char ch = Read();
            if (ch == '\0')
            {
                break;
            }

            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }

            if (Keyword(text.AsSpan(start, _position - start)) is { } token)
            {
                last = token;
                lastEnd = _position;
            }
            else if (last is not null)
            {
                Unread();
                break;
            }
        }

        // Every single special symbol is a token, so this is unreachable; kept for parity with upstream.
        if (last is null)
        {
            return (SelectorToken.Error, $"error expected: keyword found '{text[start.._position]}'");
        }

        return (last.Value, text[start..lastEnd]);
    }
}
