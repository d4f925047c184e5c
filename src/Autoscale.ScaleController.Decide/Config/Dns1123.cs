namespace Autoscale.ScaleController.Config;

/// <summary>RFC 1123 names as Kubernetes checks them: a label for namespaces, a subdomain for object names.</summary>
public static class Dns1123
{
    public static bool IsValid(string value, bool subdomain)
    {
        if (value.Length == 0 || value.Length > (subdomain ? 253 : 63))
        {
            return false;
        }

        var parts = subdomain ? value.Split('.') : [value];
        return parts.All(IsLabel);
    }

    private static bool IsLabel(string part) =>
        part.Length is > 0 and <= 63
        && (char.IsAsciiLetterLower(part[0]) || char.IsAsciiDigit(part[0]))
        && (char.IsAsciiLetterLower(part[^1]) || char.IsAsciiDigit(part[^1]))
        && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
