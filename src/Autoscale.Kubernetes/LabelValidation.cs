using System.Text;

namespace Autoscale.Kubernetes;

/// <summary>
/// Upstream's <c>validation.IsQualifiedName</c> and <c>IsValidLabelValue</c> with their messages, hand-matched
/// instead of regexes. Lengths count UTF-8 bytes as Go's <c>len</c> does.
/// </summary>
internal static class LabelValidation
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameExamples = " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(" + QualifiedNameFormat + ")?')";
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>Error strings of <c>IsQualifiedName</c>; empty when valid.</summary>
    public static List<string> QualifiedNameErrors(string value)
    {
        var errors = new List<string>();
        string name;
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            name = value;
        }
        else if (value.IndexOf('/', slash + 1) < 0)
        {
            string prefix = value[..slash];
            name = value[(slash + 1)..];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                if (Encoding.UTF8.GetByteCount(prefix) > Dns1123SubdomainMaxLength)
                {
                    errors.Add($"prefix part must be no more than {Dns1123SubdomainMaxLength} characters");
                }

                if (!IsDns1123Subdomain(prefix))
                {
                    errors.Add("prefix part " + Dns1123SubdomainMessage);
                }
            }
        }
        else
        {
            errors.Add("a qualified name " + QualifiedNameMessage + QualifiedNameExamples
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > QualifiedNameMaxLength)
        {
            errors.Add($"name part must be no more than {QualifiedNameMaxLength} characters");
        }

        if (!IsQualifiedNamePart(name))
        {
            errors.Add("name part " + QualifiedNameMessage + QualifiedNameExamples);
        }

        return errors;
    }

    /// <summary>Error strings of <c>IsValidLabelValue</c>; empty when valid.</summary>
    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > LabelValueMaxLength)
        {
            errors.Add($"must be no more than {LabelValueMaxLength} characters");
        }

        if (value.Length != 0 && !IsQualifiedNamePart(value))
        {
            errors.Add(LabelValueMessage);
        }

        return errors;
    }

    /// <summary><c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>, anchored.</summary>
    private static bool IsQualifiedNamePart(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Dot-separated DNS-1123 labels: <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c> each.</summary>
    private static bool IsDns1123Subdomain(string value)
    {
        foreach (Range range in value.AsSpan().Split('.'))
        {
            ReadOnlySpan<char> label = value.AsSpan()[range];
            if (label.IsEmpty || !IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1]))
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!IsLowerAlphanumeric(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
