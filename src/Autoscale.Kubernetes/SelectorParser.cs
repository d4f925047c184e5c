namespace Autoscale.Kubernetes;

/// <summary>
/// Port of upstream's <c>labels.Parser</c> (recursive descent over pre-scanned tokens) and <c>NewRequirement</c>
/// validation. Errors are returned, never thrown, so <see cref="LabelSelector.TryParse"/> cannot throw.
/// </summary>
internal sealed class SelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<(SelectorToken Token, string Literal)> _items = [];
    private int _position;

    private SelectorParser(string text)
    {
        var lexer = new SelectorLexer(text);
        while (true)
        {
            var item = lexer.Lex();
            _items.Add(item);
            if (item.Token == SelectorToken.EndOfString)
            {
                break;
            }
        }
    }

    /// <summary>Requirements in input order (the caller sorts by key), or the upstream error text.</summary>
    public static bool TryParse(string text, out List<LabelRequirement> requirements, out string? error)
    {
        var parser = new SelectorParser(text);
        requirements = [];
        error = parser.Parse(requirements);
        return error is null;
    }

    private string? Parse(List<LabelRequirement> requirements)
    {
        while (true)
        {
            var (token, literal) = Lookahead(values: true);
            switch (token)
            {
                case SelectorToken.Identifier or SelectorToken.DoesNotExist:
                    string? error = ParseRequirement(out LabelRequirement? requirement);
                    if (error is not null)
                    {
                        return "unable to parse requirement: " + error;
                    }

                    requirements.Add(requirement!);
                    var (next, nextLiteral) = Consume(values: true);
                    switch (next)
                    {
                        case SelectorToken.EndOfString:
                            return null;
                        case SelectorToken.Comma:
                            var (afterComma, afterCommaLiteral) = Lookahead(values: true);
                            if (afterComma is not (SelectorToken.Identifier or SelectorToken.DoesNotExist))
                            {
                                return $"found '{afterCommaLiteral}', expected: identifier after ','";
                            }

                            break;
                        default:
                            return $"found '{nextLiteral}', expected: ',' or 'end of string'";
                    }

                    break;
                case SelectorToken.EndOfString:
                    return null;
                default:
                    return $"found '{literal}', expected: !, identifier, or 'end of string'";
            }
        }
    }

    private string? ParseRequirement(out LabelRequirement? requirement)
    {
        requirement = null;
        string? error = ParseKeyAndInferOperator(out string key, out SelectorOperator? inferred);
        if (error is not null)
        {
            return error;
        }

        if (inferred is { } unary)
        {
            requirement = new LabelRequirement(key, unary, Array.Empty<string>());
            return null;
        }

        error = ParseOperator(out SelectorOperator op);
        if (error is not null)
        {
            return error;
        }

        SortedSet<string>? values;
        error = op is SelectorOperator.In or SelectorOperator.NotIn ? ParseValues(out values) : ParseExactValue(out values);
        if (error is not null)
        {
            return error;
        }

        string[] sorted = [.. values!];
        error = ValidateValues(key, op, sorted);
        if (error is not null)
        {
            return error;
        }

        requirement = new LabelRequirement(key, op, Array.AsReadOnly(sorted));
        return null;
    }

    /// <summary>A key, and Exists/DoesNotExist when no binary operator follows (null means one does).</summary>
    private string? ParseKeyAndInferOperator(out string key, out SelectorOperator? op)
    {
        key = "";
        op = null;
        var (token, literal) = Consume(values: true);
        bool negated = token == SelectorToken.DoesNotExist;
        if (negated)
        {
            (token, literal) = Consume(values: true);
        }

        if (token != SelectorToken.Identifier)
        {
            return $"found '{literal}', expected: identifier";
        }

        List<string> keyErrors = LabelValidation.QualifiedNameErrors(literal);
        if (keyErrors.Count != 0)
        {
            // Upstream validates with a nil field path here, hence "<nil>".
            return $"<nil>: Invalid value: {GoQuote.Quote(literal)}: {string.Join("; ", keyErrors)}";
        }

        key = literal;
        if (negated)
        {
            op = SelectorOperator.DoesNotExist;
        }
        else if (Lookahead(values: true).Token is SelectorToken.EndOfString or SelectorToken.Comma)
        {
            op = SelectorOperator.Exists;
        }

        return null;
    }

    private string? ParseOperator(out SelectorOperator op)
    {
        var (token, literal) = Consume(values: false);
        switch (token)
        {
            case SelectorToken.In: op = SelectorOperator.In; return null;
            case SelectorToken.EqualsSign: op = SelectorOperator.Equals; return null;
            case SelectorToken.DoubleEqualsSign: op = SelectorOperator.DoubleEquals; return null;
            case SelectorToken.GreaterThan: op = SelectorOperator.GreaterThan; return null;
            case SelectorToken.LessThan: op = SelectorOperator.LessThan; return null;
            case SelectorToken.NotIn: op = SelectorOperator.NotIn; return null;
            case SelectorToken.NotEquals: op = SelectorOperator.NotEquals; return null;
            default:
                op = default;
                return $"found '{literal}', expected: {BinaryOperators}";
        }
    }

    /// <summary>"(a,b,c)"; empty entries mean the empty value, as upstream.</summary>
    private string? ParseValues(out SortedSet<string>? values)
    {
        values = null;
        var (token, literal) = Consume(values: true);
        if (token != SelectorToken.OpenPar)
        {
            return $"found '{literal}' expected: '('";
        }

        (token, literal) = Lookahead(values: true);
        switch (token)
        {
            case SelectorToken.Identifier or SelectorToken.Comma:
                string? error = ParseIdentifiersList(out values);
                if (error is not null)
                {
                    return error;
                }

                if (Consume(values: true).Token != SelectorToken.ClosedPar)
                {
                    values = null;
                    return $"found '{literal}', expected: ')'";
                }

                return null;
            case SelectorToken.ClosedPar:
                Consume(values: true);
                values = new SortedSet<string>(StringComparer.Ordinal) { "" };
                return null;
            default:
                return $"found '{literal}', expected: ',', ')' or identifier";
        }
    }

    private string? ParseIdentifiersList(out SortedSet<string>? values)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        values = null;
        while (true)
        {
            var (token, literal) = Consume(values: true);
            switch (token)
            {
                case SelectorToken.Identifier:
                    set.Add(literal);
                    var (next, nextLiteral) = Lookahead(values: true);
                    switch (next)
                    {
                        case SelectorToken.Comma:
                            continue;
                        case SelectorToken.ClosedPar:
                            values = set;
                            return null;
                        default:
                            return $"found '{nextLiteral}', expected: ',' or ')'";
                    }

                case SelectorToken.Comma:
                    if (set.Count == 0)
                    {
                        set.Add(""); // "(,"
                    }

                    var after = Lookahead(values: true).Token;
                    if (after == SelectorToken.ClosedPar)
                    {
                        set.Add(""); // ",)"
                        values = set;
                        return null;
                    }

                    if (after == SelectorToken.Comma)
                    {
                        Consume(values: true);
                        set.Add(""); // ",,"
                    }

                    break;
                default:
                    return $"found '{literal}', expected: ',', or identifier";
            }
        }
    }

    private string? ParseExactValue(out SortedSet<string>? values)
    {
        values = new SortedSet<string>(StringComparer.Ordinal);
        if (Lookahead(values: true).Token is SelectorToken.EndOfString or SelectorToken.Comma)
        {
            values.Add("");
            return null;
        }

        var (token, literal) = Consume(values: true);
        if (token == SelectorToken.Identifier)
        {
            values.Add(literal);
            return null;
        }

        values = null;
        return $"found '{literal}', expected: identifier";
    }

    /// <summary>The value checks of upstream's <c>NewRequirement</c>, aggregated the way <c>ToAggregate</c> prints.</summary>
    private static string? ValidateValues(string key, SelectorOperator op, string[] values)
    {
        var errors = new List<string>();
        if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!GoInt.TryParse(values[i], out _))
                {
                    errors.Add($"values[{i}]: Invalid value: {GoQuote.Quote(values[i])}: for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            List<string> valueErrors = LabelValidation.LabelValueErrors(values[i]);
            if (valueErrors.Count != 0)
            {
                errors.Add($"values[{i}][{key}]: Invalid value: {GoQuote.Quote(values[i])}: {string.Join("; ", valueErrors)}");
            }
        }

        return errors.Count switch
        {
            0 => null,
            1 => errors[0],
            _ => "[" + string.Join(", ", errors.Distinct(StringComparer.Ordinal)) + "]",
        };
    }

    /// <summary>In value context "in" and "notin" are plain identifiers ("x in (in)").</summary>
    private (SelectorToken Token, string Literal) Lookahead(bool values)
    {
        var (token, literal) = _items[_position];
        return (values && token is SelectorToken.In or SelectorToken.NotIn ? SelectorToken.Identifier : token, literal);
    }

    private (SelectorToken Token, string Literal) Consume(bool values)
    {
        var item = Lookahead(values);
        _position++;
        return item;
    }
}
