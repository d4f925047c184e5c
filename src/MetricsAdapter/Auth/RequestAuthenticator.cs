using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// The delegating authenticator chain of a kube aggregated API server, first success wins:
/// (1) front-proxy: a client cert verified against the request-header CA, CN in the allowed names, identity from the
/// X-Remote-* headers; (2) a client cert verified against the client CA (CN = user, O = groups); (3) a bearer token
/// through TokenReview. Identity headers are removed from every request so they can never be spoofed without the
/// proxy's certificate.
/// </summary>
internal sealed class RequestAuthenticator(
    Func<AuthenticationSettings> settings,
    TokenReviewAuthenticator? tokens,
    TimeProvider time,
    VerifiedCertificates? verified = null,
    ClientChains? chains = null)
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    private readonly VerifiedCertificates _verified = verified ?? new VerifiedCertificates();

    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext context)
    {
        var current = settings();
        var headers = context.Request.Headers;
        var requestHeader = current.RequestHeader;
        var identity = requestHeader is null ? null : ReadIdentityHeaders(headers, requestHeader);
        RemoveIdentityHeaders(headers, requestHeader);

        string? rejected = null;
        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null)
        {
            var now = time.GetUtcNow();
            var intermediates = chains?.SentWith(certificate) ?? [];
            if (requestHeader is not null && identity is not null
                && _verified.Verify(certificate, requestHeader.ClientCa, intermediates, now, out _))
            {
                var cn = CommonName(certificate);
                if (requestHeader.AllowedNames.Count == 0 || requestHeader.AllowedNames.Contains(cn, StringComparer.Ordinal))
                {
                    return new AuthenticationResult(identity, AuthenticationMethod.RequestHeader);
                }

                rejected = $"x509: subject with cn={cn} is not in the allowed list";
            }

            if (current.ClientCa is { } clientCa)
            {
                if (!_verified.Verify(certificate, clientCa, intermediates, now, out var error))
                {
                    rejected ??= $"x509: {error}";
                }
                else if (CommonName(certificate) is { Length: > 0 } user)
                {
                    return new AuthenticationResult(FromCertificate(user, certificate), AuthenticationMethod.ClientCertificate);
                }
                else
                {
                    // Upstream's CommonNameUserConversion: no CN, no user (not an error: the next authenticator may still succeed).
                    rejected ??= "x509: client certificate has no common name";
                }
            }
        }

        var authorization = headers.Authorization.ToString();
        if (tokens is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            if (token.Length > 0)
            {
                var user = await tokens.AuthenticateAsync(token, context.RequestAborted);
                if (user is not null)
                {
                    return new AuthenticationResult(user, AuthenticationMethod.BearerToken);
                }

                rejected ??= "invalid bearer token";
            }
        }

        return new AuthenticationResult(null, AuthenticationMethod.None, rejected);
    }

    private static UserInfo? ReadIdentityHeaders(IHeaderDictionary headers, RequestHeaderSettings settings)
    {
        var name = settings.UsernameHeaders.Select(h => headers[h].ToString().Trim()).FirstOrDefault(v => v.Length > 0);
        if (name is null)
        {
            return null;
        }

        var groups = settings.GroupHeaders.SelectMany(h => headers[h].ToArray()).OfType<string>().ToList();
        var uid = settings.UidHeaders.Select(h => headers[h].ToString().Trim()).FirstOrDefault(v => v.Length > 0);
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (header, values) in headers)
        {
            foreach (var prefix in settings.ExtraHeaderPrefixes)
            {
                if (header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length)
                {
                    var key = Uri.UnescapeDataString(header[prefix.Length..]).ToLowerInvariant();
                    if (!extra.TryGetValue(key, out var list))
                    {
                        extra[key] = list = [];
                    }

                    list.AddRange(values.OfType<string>());
                }
            }
        }

        return UserInfo.Create(name, groups, uid, extra.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
    }

    private static void RemoveIdentityHeaders(IHeaderDictionary headers, RequestHeaderSettings? settings)
    {
        var names = settings?.AllHeaderNames ?? RequestHeaderSettings.DefaultUsernameHeaders.Concat(RequestHeaderSettings.DefaultGroupHeaders);
        foreach (var name in names)
        {
            headers.Remove(name);
        }

        var prefixes = settings?.ExtraHeaderPrefixes ?? RequestHeaderSettings.DefaultExtraHeaderPrefixes;
        foreach (var header in headers.Keys.ToList())
        {
            if (prefixes.Any(p => header.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Remove(header);
            }
        }
    }

    private static UserInfo FromCertificate(string user, X509Certificate2 certificate) =>
        UserInfo.Create(user, Attributes(certificate, OrganizationOid));

    /// <summary>
    /// The subject's CN exactly as Go's <c>pkix.Name.CommonName</c> reads it (the last CN attribute; empty when none).
    /// Never <c>GetNameInfo(SimpleName)</c>: it falls back to other attributes (O, e-mail) when there is no CN.
    /// </summary>
    internal static string CommonName(X509Certificate2 certificate) => Attributes(certificate, CommonNameOid).LastOrDefault() ?? "";

    // Multi-valued RDNs (rare) are skipped: a CN or O inside one is not read, which can only mean no user or fewer groups.
    private static IEnumerable<string> Attributes(X509Certificate2 certificate, string oid) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid)
            .Select(rdn => rdn.GetSingleElementValue() ?? "")
            .Where(v => v.Length > 0);
}
