using System.Net;
using System.Net.Sockets;

namespace ImageWarmer.Testing;

/// <summary>Loopback ports for the servers tests start, and for "nothing listens here" cases.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the OS picked it free; it is closed again before this returns):
    /// a server may bind it next, or a test may use it as a port where connections are refused.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
