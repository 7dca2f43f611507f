// Reads the existing target registry: its login server, its ARM id, and which role assignment permissions mode it
// runs in. A separate module because a role assignment's `if` must be known when the deployment starts; the mode
// reaches acr-access.bicep as a parameter, which is.
// roleAssignmentMode (Microsoft.ContainerRegistry 2025-11-01): LegacyRegistryPermissions ("RBAC Registry
// Permissions") or AbacRepositoryPermissions ("RBAC Registry + ABAC Repository Permissions"); a registry that
// predates the property reports none, which is the legacy mode.

param registryName string

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

output loginServer string = registry.properties.loginServer
output registryId string = registry.id
output roleAssignmentMode string = registry.properties.?roleAssignmentMode ?? 'LegacyRegistryPermissions'
