namespace Autoscale.MetricsAdapter.Sources.Exposition;

/// <summary>Why a page was rejected. The caller drops the whole page and keeps its previous values.</summary>
internal enum ExpositionError
{
    None = 0,
    PageTooLarge,
    LineTooLong,
    ContainsNul,
    InvalidUtf8,
    InvalidMetricName,
    InvalidLabelName,
    ExpectedEquals,
    ExpectedQuote,
    UnterminatedLabelValue,
    ExpectedCommaOrBrace,
    TooManyLabels,
    LabelValueTooLong,
    MissingValue,
    InvalidValue,
    InvalidTimestamp,
    InvalidExemplar,
    UnexpectedText,
}
