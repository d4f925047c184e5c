namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>
/// Outcome of parsing one page: a value, not an exception, because a bad page is an expected event on the hot path.
/// </summary>
/// <param name="Error"><see cref="ExpositionError.None"/> when the page was accepted.</param>
/// <param name="Line">1-based line of the error; for a good page, the number of lines read.</param>
/// <param name="SamplesKept">Samples handed to the sink (on error, those handed before the bad line).</param>
internal readonly record struct ExpositionResult(ExpositionError Error, int Line, int SamplesKept)
{
    public bool IsOk => Error == ExpositionError.None;

    public override string ToString() =>
        IsOk ? $"ok: {SamplesKept} samples kept, {Line} lines" : $"line {Line}: {Error} ({Describe(Error)})";

    public static string Describe(ExpositionError error) => error switch
    {
        ExpositionError.None => "no error",
        ExpositionError.PageTooLarge => "the page is larger than the configured maximum",
        ExpositionError.LineTooLong => "the line is longer than the configured maximum",
        ExpositionError.ContainsNul => "the page contains a NUL byte",
        ExpositionError.InvalidUtf8 => "the page is not valid UTF-8",
        ExpositionError.InvalidMetricName => "invalid metric name",
        ExpositionError.InvalidLabelName => "invalid label name",
        ExpositionError.ExpectedEquals => "expected '=' after a label name",
        ExpositionError.ExpectedQuote => "expected '\"' to open a label value",
        ExpositionError.UnterminatedLabelValue => "a label value has no closing quote",
        ExpositionError.ExpectedCommaOrBrace => "expected ',' or '}' after a label value",
        ExpositionError.TooManyLabels => "more labels than the configured maximum",
        ExpositionError.LabelValueTooLong => "a label value is longer than the configured maximum",
        ExpositionError.MissingValue => "the sample has no value",
        ExpositionError.InvalidValue => "the value is not a number",
        ExpositionError.InvalidTimestamp => "the timestamp is not a number",
        ExpositionError.InvalidExemplar => "malformed exemplar after '#'",
        ExpositionError.UnexpectedText => "unexpected text after the value",
        _ => "unknown error",
    };
}
