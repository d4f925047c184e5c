namespace Autoscale.Kubernetes;

/// <summary>
/// A requirement prepared for allocation-free matching: values as an array (no interface enumerators) and the
/// gt/lt bound parsed once.
/// </summary>
internal readonly record struct CompiledRequirement(string Key, SelectorOperator Operator, string[] Values, long Bound)
{
    public static CompiledRequirement From(LabelRequirement requirement)
    {
        string[] values = [.. requirement.Values];
        long bound = 0;
        bool boundValid = requirement.Operator is SelectorOperator.GreaterThan or SelectorOperator.LessThan
            && values.Length == 1 && GoInt.TryParse(values[0], out bound);
        // Upstream's Matches is false for a gt/lt requirement without exactly one integer value.
        return new CompiledRequirement(requirement.Key, requirement.Operator, values, boundValid ? bound : 0) { HasBound = boundValid };
    }

    public bool HasBound { get; init; }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        bool present = labels.TryGetValue(Key, out string? value);
        switch (Operator)
        {
            case SelectorOperator.In or SelectorOperator.Equals or SelectorOperator.DoubleEquals:
                return present && HasValue(value!);
            case SelectorOperator.NotIn or SelectorOperator.NotEquals:
                return !present || !HasValue(value!);
            case SelectorOperator.Exists:
                return present;
            case SelectorOperator.DoesNotExist:
                return !present;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (!present || !HasBound || !GoInt.TryParse(value, out long actual))
                {
                    return false;
                }

                return Operator == SelectorOperator.GreaterThan ? actual > Bound : actual < Bound;
            default:
                return false;
        }
    }

    private bool HasValue(string value)
    {
        foreach (string candidate in Values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
