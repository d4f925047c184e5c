using System.Text;
using System.Text.Unicode;

namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// Parses a Prometheus text exposition page (0.0.4, tolerant of OpenMetrics) and hands the samples of the wanted
/// families to a sink, with no allocation per page or sample.
/// </summary>
/// <remarks>
/// Hand-written because no well-kept .NET library parses the text format: prometheus-net only writes it, and the
/// few parsers on NuGet build strings per line. We scrape thousands of pods every 2 s, so the hot path reads
/// pooled bytes through spans and vectorised searches.
/// Lines of unwanted families are skipped after their name is read (name bytes and line length are still checked),
/// so an error inside such a line goes unnoticed; lines of wanted families are fully validated. With
/// <see cref="WantedFamilies.All"/> every line is validated. The parser is stateless and thread-safe.
/// Text after <c># EOF</c> is ignored. Duplicate label names are not detected.
/// </remarks>
internal sealed class ExpositionParser
{
    private readonly WantedFamilies _families;
    private readonly ExpositionParserOptions _options;

    public ExpositionParser(WantedFamilies families, ExpositionParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(families);
        _families = families;
        _options = options ?? ExpositionParserOptions.Default;
        _options.Validate();
    }

    public WantedFamilies Families => _families;

    public ExpositionParserOptions Options => _options;

    public ExpositionResult Parse<TSink>(
        ReadOnlySpan<byte> page, ref TSink sink, ExpositionFormat format = ExpositionFormat.PrometheusText)
        where TSink : ISampleSink, allows ref struct
    {
        if (page.Length > _options.MaxPageBytes)
        {
            return new ExpositionResult(ExpositionError.PageTooLarge, 1, 0);
        }

        // Whole-page checks are vectorised and cheaper than checking each token; Prometheus rejects both too.
        int nul = page.IndexOf((byte)0);
        if (nul >= 0)
        {
            return new ExpositionResult(ExpositionError.ContainsNul, LineOf(page, nul), 0);
        }

        if (!Utf8.IsValid(page))
        {
            return new ExpositionResult(ExpositionError.InvalidUtf8, LineOf(page, FirstInvalidUtf8(page)), 0);
        }

        int pos = 0;
        int line = 0;
        int kept = 0;
        int maxLine = _options.MaxLineBytes;
        while (pos < page.Length)
        {
            line++;
            ReadOnlySpan<byte> rest = page[pos..];

            // Search no further than a line may reach, so one huge line costs one bounded scan.
            int window = (int)Math.Min(rest.Length, (long)maxLine + 2);
            int newline = rest[..window].IndexOf((byte)'\n');
            ReadOnlySpan<byte> text;
            if (newline >= 0)
            {
                text = rest[..newline];
                pos += newline + 1;
            }
            else
            {
                text = rest[..window];
                pos += window;
                if (window < rest.Length)
                {
                    return new ExpositionResult(ExpositionError.LineTooLong, line, kept);
                }
            }

            if (!text.IsEmpty && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (text.Length > maxLine)
            {
                return new ExpositionResult(ExpositionError.LineTooLong, line, kept);
            }

            int start = ExpositionSyntax.SkipBlanks(text, 0);
            if (start == text.Length)
            {
                continue;
            }

            if (text[start] == (byte)'#')
            {
                // HELP and TYPE carry nothing the caller needs: the wanted set already names the families.
                if (IsEof(text[start..]))
                {
                    break;
                }

                continue;
            }

            ExpositionError error = ParseSample(text, start, line, format, ref sink, ref kept);
            if (error != ExpositionError.None)
            {
                return new ExpositionResult(error, line, kept);
            }
        }

        return new ExpositionResult(ExpositionError.None, line, kept);
    }

    private ExpositionError ParseSample<TSink>(
        ReadOnlySpan<byte> text, int start, int line, ExpositionFormat format, ref TSink sink, ref int kept)
        where TSink : ISampleSink, allows ref struct
    {
        if (!ExpositionSyntax.IsMetricNameStart(text[start]))
        {
            return ExpositionError.InvalidMetricName;
        }

        int nameLength = text[(start + 1)..].IndexOfAnyExcept(ExpositionSyntax.MetricNameBytes);
        int pos = nameLength < 0 ? text.Length : start + 1 + nameLength;
        ReadOnlySpan<byte> name = text[start..pos];
        if (pos < text.Length && text[pos] != (byte)'{' && !ExpositionSyntax.IsBlank(text[pos]))
        {
            return ExpositionError.InvalidMetricName;
        }

        int family = -1;
        SampleSuffix suffix = SampleSuffix.None;
        if (!_families.KeepsAll)
        {
            family = _families.Find(name, out suffix);
            if (family < 0)
            {
                return ExpositionError.None;
            }
        }

        ReadOnlySpan<byte> labelSection = default;
        int labelCount = 0;
        pos = ExpositionSyntax.SkipBlanks(text, pos);
        if (pos < text.Length && text[pos] == (byte)'{')
        {
            int sectionStart = pos + 1;
            ExpositionError labelError = ReadLabels(text, ref pos, out labelCount);
            if (labelError != ExpositionError.None)
            {
                return labelError;
            }

            labelSection = text[sectionStart..pos];
            pos = ExpositionSyntax.SkipBlanks(text, pos);
        }

        if (pos >= text.Length)
        {
            return ExpositionError.MissingValue;
        }

        int valueEnd = ExpositionSyntax.TokenEnd(text, pos);
        if (!ExpositionNumber.TryParseValue(text[pos..valueEnd], out double value))
        {
            return ExpositionError.InvalidValue;
        }

        long? timestamp = null;
        pos = ExpositionSyntax.SkipBlanks(text, valueEnd);
        if (pos < text.Length && text[pos] != (byte)'#')
        {
            int timestampEnd = ExpositionSyntax.TokenEnd(text, pos);
            if (!ExpositionNumber.TryParseTimestamp(text[pos..timestampEnd], format, out long ms))
            {
                return ExpositionError.InvalidTimestamp;
            }

            timestamp = ms;
            pos = ExpositionSyntax.SkipBlanks(text, timestampEnd);
        }

        if (pos < text.Length)
        {
            if (text[pos] != (byte)'#')
            {
                return ExpositionError.UnexpectedText;
            }

            if (!IsValidExemplar(text[(pos + 1)..], format))
            {
                return ExpositionError.InvalidExemplar;
            }
        }

        var sample = new ExpositionSample(name, family, suffix, labelSection, labelCount, value, timestamp, line);
        sink.OnSample(in sample);
        kept++;
        return ExpositionError.None;
    }

    /// <param name="pos">At the <c>{</c>; on success, just after the matching <c>}</c>.</param>
    private ExpositionError ReadLabels(ReadOnlySpan<byte> text, ref int pos, out int count)
    {
        count = 0;
        ReadOnlySpan<byte> section = text[(pos + 1)..];
        int p = 0;
        while (true)
        {
            LabelStep step = LabelSectionReader.Next(
                section, ref p, out _, out ReadOnlySpan<byte> raw, out _, out ExpositionError error);
            if (step == LabelStep.End)
            {
                pos += 1 + p;
                return ExpositionError.None;
            }

            if (step == LabelStep.Error)
            {
                return error;
            }

            if (++count > _options.MaxLabelsPerSample)
            {
                return ExpositionError.TooManyLabels;
            }

            if (raw.Length > _options.MaxLabelValueBytes)
            {
                return ExpositionError.LabelValueTooLong;
            }
        }
    }

    // OpenMetrics exemplar after the value or timestamp: ` # {labels} value [timestamp]`. It is checked, not kept.
    private static bool IsValidExemplar(ReadOnlySpan<byte> text, ExpositionFormat format)
    {
        int pos = ExpositionSyntax.SkipBlanks(text, 0);
        if (pos >= text.Length || text[pos] != (byte)'{')
        {
            return false;
        }

        ReadOnlySpan<byte> section = text[(pos + 1)..];
        int p = 0;
        LabelStep step;
        while ((step = LabelSectionReader.Next(section, ref p, out _, out _, out _, out _)) == LabelStep.Pair)
        {
        }

        if (step != LabelStep.End)
        {
            return false;
        }

        pos = ExpositionSyntax.SkipBlanks(text, pos + 1 + p);
        if (pos >= text.Length)
        {
            return false;
        }

        int valueEnd = ExpositionSyntax.TokenEnd(text, pos);
        if (!ExpositionNumber.TryParseValue(text[pos..valueEnd], out _))
        {
            return false;
        }

        pos = ExpositionSyntax.SkipBlanks(text, valueEnd);
        if (pos >= text.Length)
        {
            return true;
        }

        int timestampEnd = ExpositionSyntax.TokenEnd(text, pos);
        return ExpositionNumber.TryParseTimestamp(text[pos..timestampEnd], format, out _)
            && ExpositionSyntax.SkipBlanks(text, timestampEnd) == text.Length;
    }

    private static bool IsEof(ReadOnlySpan<byte> comment)
    {
        int end = comment.Length;
        while (end > 0 && ExpositionSyntax.IsBlank(comment[end - 1]))
        {
            end--;
        }

        return comment[..end].SequenceEqual("# EOF"u8);
    }

    private static int LineOf(ReadOnlySpan<byte> page, int offset) => page[..offset].Count((byte)'\n') + 1;

    // Only on the error path: walk runes to find where the page stops being UTF-8.
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> page)
    {
        int offset = 0;
        while (offset < page.Length)
        {
            if (Rune.DecodeFromUtf8(page[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return page.Length;
    }
}
