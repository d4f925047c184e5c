namespace Autoscale.Kubernetes;

/// <summary>Lexer tokens of the label selector grammar, as upstream's <c>labels.Token</c>.</summary>
internal enum SelectorToken
{
    Error,
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEqualsSign,
    EqualsSign,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}
