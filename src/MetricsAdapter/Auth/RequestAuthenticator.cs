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
    VerifiedCertificates? verified = null)
{
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
            if (requestHeader is not null && identity is not null
                && _verified.Verify(certificate, requestHeader.ClientCa, now, out _))
            {
                var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                if (requestHeader.AllowedNames.Count == 0 || requestHeader.AllowedNames.Contains(cn, StringComparer.Ordinal))
                {
                    return new AuthenticationResult(identity, AuthenticationMethod.RequestHeader);
                }

                rejected = $"x509: subject with cn={cn} is not in the allowed list";
            }

            if (current.ClientCa is { } clientCa)
            {
                if (_verified.Verify(certificate, clientCa, now, out var error))
                {
                    return new AuthenticationResult(FromCertificate(certificate), AuthenticationMethod.ClientCertificate);
                }

                rejected ??= $"x509: {error}";
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

    private static UserInfo FromCertificate(X509Certificate2 certificate)
    {
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var organizations = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? "")
            .Where(o => o.Length > 0);
        return UserInfo.Create(cn, organizations);
    }
}
