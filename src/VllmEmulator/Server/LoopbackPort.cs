using System.Net;
using System.Net.Sockets;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// Picks a free loopback port before the server listens, so that a loading pod has an address that refuses
/// connections (like a pod IP before vLLM's HTTP server is up).
/// </summary>
internal static class LoopbackPort
{
    public static int Reserve()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
