namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// Tokenises a label section <c>name="value", ...}</c> one pair at a time. Shared by the parser (which validates)
/// and <see cref="LabelEnumerator"/> (which walks an already validated section), so both read the same grammar.
/// Tolerates blanks around tokens, a blank after a comma and a trailing comma, as Prometheus does.
/// </summary>
internal static class LabelSectionReader
{
    /// <param name="text">Text starting just after <c>{</c>; it must contain the closing <c>}</c>.</param>
    /// <param name="pos">Where to continue; on <see cref="LabelStep.End"/>, just after the <c>}</c>.</param>
    public static LabelStep Next(
        ReadOnlySpan<byte> text,
        scoped ref int pos,
        out ReadOnlySpan<byte> name,
        out ReadOnlySpan<byte> rawValue,
        out bool hasEscapes,
        out ExpositionError error)
    {
        name = default;
        rawValue = default;
        hasEscapes = false;
        error = ExpositionError.None;

        int p = ExpositionSyntax.SkipBlanks(text, pos);
        if (p >= text.Length)
        {
            return Fail(ExpositionError.ExpectedCommaOrBrace, out error);
        }

        if (text[p] == (byte)'}')
        {
            pos = p + 1;
            return LabelStep.End;
        }

        if (!ExpositionSyntax.IsLabelNameStart(text[p]))
        {
            return Fail(ExpositionError.InvalidLabelName, out error);
        }

        int nameStart = p;
        int nameLength = text[(p + 1)..].IndexOfAnyExcept(ExpositionSyntax.LabelNameBytes);
        p = nameLength < 0 ? text.Length : p + 1 + nameLength;
        name = text[nameStart..p];

        p = ExpositionSyntax.SkipBlanks(text, p);
        if (p >= text.Length || text[p] != (byte)'=')
        {
            return Fail(
                p < text.Length && !ExpositionSyntax.IsBlank(text[p]) && text[p] != (byte)'='
                    && !IsPunctuation(text[p]) ? ExpositionError.InvalidLabelName : ExpositionError.ExpectedEquals,
                out error);
        }

        p = ExpositionSyntax.SkipBlanks(text, p + 1);
        if (p >= text.Length || text[p] != (byte)'"')
        {
            return Fail(ExpositionError.ExpectedQuote, out error);
        }

        int valueStart = ++p;
        while (true)
        {
            int i = text[p..].IndexOfAny((byte)'"', (byte)'\\');
            if (i < 0)
            {
                return Fail(ExpositionError.UnterminatedLabelValue, out error);
            }

            p += i;
            if (text[p] == (byte)'"')
            {
                break;
            }

            // A backslash escapes the next byte, whatever it is (Prometheus keeps unknown escapes verbatim).
            if (p + 1 >= text.Length)
            {
                return Fail(ExpositionError.UnterminatedLabelValue, out error);
            }

            hasEscapes = true;
            p += 2;
        }

        rawValue = text[valueStart..p];
        p = ExpositionSyntax.SkipBlanks(text, p + 1);
        if (p < text.Length && text[p] == (byte)',')
        {
            p++;
        }
        else if (p >= text.Length || text[p] != (byte)'}')
        {
            return Fail(ExpositionError.ExpectedCommaOrBrace, out error);
        }

        pos = p;
        return LabelStep.Pair;
    }

    /// <summary>Unescapes <c>\\</c>, <c>\"</c> and <c>\n</c>; any other escape is kept as written.</summary>
    /// <returns>Bytes written; never more than <paramref name="raw"/>'s length.</returns>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b == (byte)'\\' && i + 1 < raw.Length)
            {
                byte next = raw[i + 1];
                if (next is (byte)'\\' or (byte)'"' or (byte)'n')
                {
                    destination[written++] = next == (byte)'n' ? (byte)'\n' : next;
                    i++;
                    continue;
                }
            }

            destination[written++] = b;
        }

        return written;
    }

    private static bool IsPunctuation(byte b) => b is (byte)'"' or (byte)',' or (byte)'}';

    private static LabelStep Fail(ExpositionError reason, out ExpositionError error)
    {
        error = reason;
        return LabelStep.Error;
    }
}
