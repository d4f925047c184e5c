using Autoscale.MetricsAdapter.Sources.Definitions;
namespace Autoscale.MetricsAdapter.Api.OpenApi;

/// <summary>The OpenAPI documents of the catalog being served, rebuilt when a config reload swaps the catalog.</summary>
internal sealed class CurrentOpenApiDocuments(bool externalEnabled, Func<MetricCatalog> catalog)
{
    private OpenApiDocuments? _current;

    public OpenApiDocuments Current
    {
        get
        {
            var served = catalog();
            var current = Volatile.Read(ref _current);
            if (current is null || !ReferenceEquals(current.Catalog, served))
            {
                current = new OpenApiDocuments(externalEnabled, served);
                Volatile.Write(ref _current, current);
            }

            return current;
        }
    }
}
