// The CLI's tests drive Linux servers (docker-registry, Azurite) and Linux executables (scripts, the native build).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
