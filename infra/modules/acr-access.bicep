// Deployed into the target registry's resource group. Built-in roles only, on the registry, chosen by the registry's
// role assignment permissions mode (read by registry-mode.bicep), since an ABAC-mode registry ("RBAC Registry + ABAC
// Repository Permissions") does not honour AcrPull, AcrPush or AcrDelete:
// - the app always gets Container Registry Data Importer and Data Reader: importImage (ACR's server-side import),
//   registry read, and pull, both as the legacy action (registries/pull/read) and as the ABAC data actions
//   (repositories/content/read, metadata/read), so the planner's HEADs work in either mode. The pull and push
//   permissions of the legacy mode are control-plane actions, not dataActions, so a custom role listing them as
//   dataActions is rejected by ARM; the built-in roles list them right.
// - with the oci-copy importer (or the ACR import fallback for images over 50 manifests, or referrers copied under
//   acr-import) the app writes images itself: AcrPush, or in ABAC mode Container Registry Repository Writer;
// - with retention on (the nightly run prunes tags it created) it deletes: AcrDelete, or in ABAC mode Container
//   Registry Repository Contributor (the only ABAC built-in role with delete; it includes Writer's rights, so Writer
//   is not granted beside it); never otherwise;
// - the preflight identity (`imagewarmer ensure` in pipelines) reads: AcrPull, or in ABAC mode Container Registry
//   Repository Reader.
// Role ids: Microsoft's built-in roles list (Containers), checked in docs/azure.md.

param registryName string

@description('The registry\'s role assignment permissions mode: AbacRepositoryPermissions, or LegacyRegistryPermissions (anything else is taken as legacy).')
param roleAssignmentMode string

@description('Principal id of the Function app\'s managed identity.')
param appPrincipalId string

@description('Principal id of the identity that runs `imagewarmer ensure` in pipelines, or empty.')
param preflightPrincipalId string

@description('Grant data-plane push as well (the oci-copy importer, the ACR import fallback for images over 50 manifests, or copying referrers under acr-import).')
param enableOciCopy bool

@description('Grant the app delete on the registry: only when the nightly run prunes (retention on).')
param enableDelete bool = false

var abac = roleAssignmentMode == 'AbacRepositoryPermissions'

var roles = {
  importerAndReader: '577a9874-89fd-4f24-9dbd-b5034d0ad23a' // Container Registry Data Importer and Data Reader (both modes)
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  acrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11' // delete repositories, tags and manifests
  repositoryReader: 'b93aa761-3e63-49ed-ac28-beffa264f7ac' // Container Registry Repository Reader (ABAC mode)
  repositoryWriter: '2a1e307c-b015-4ebd-883e-5b7698a07328' // Container Registry Repository Writer (ABAC mode)
  repositoryContributor: '2efddaa5-3f1f-4df3-97df-af3f13818f4c' // Container Registry Repository Contributor (ABAC mode)
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

resource appImports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.importerAndReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.importerAndReader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appPushes 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!abac && enableOciCopy) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.acrPush)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPush)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appDeletes 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!abac && enableDelete) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.acrDelete)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrDelete)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource preflightPulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!abac && !empty(preflightPrincipalId)) {
  scope: registry
  name: guid(registry.id, preflightPrincipalId, roles.acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: preflightPrincipalId
  }
}

resource appWritesRepositories 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (abac && enableOciCopy && !enableDelete) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.repositoryWriter)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.repositoryWriter)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appManagesRepositories 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (abac && enableDelete) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.repositoryContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.repositoryContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource preflightReads 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (abac && !empty(preflightPrincipalId)) {
  scope: registry
  name: guid(registry.id, preflightPrincipalId, roles.repositoryReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.repositoryReader)
    principalId: preflightPrincipalId
  }
}

