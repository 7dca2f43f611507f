namespace ImageWarmer.Core.Registry.Auth;

/// <summary>Docker's token protocol without credentials: public images of Docker Hub and other registries.</summary>
public sealed class AnonymousTokenSource(TokenEndpoint endpoint, string registry) : DockerTokenSource(endpoint, registry, null, null);
