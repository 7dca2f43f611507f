// Deployed into the target registry's resource group. Built-in roles only, on the registry:
// - the app gets Container Registry Data Importer and Data Reader: importImage (ACR's server-side import, and
//   polling its operation), registry read, and pull (the planner HEADs tags in the registry). The pull and push
//   permissions of ACR are control-plane actions, not dataActions, so a custom role listing them as dataActions is
//   rejected by ARM; the built-in roles list them right.
// - with the oci-copy importer (or the ACR import fallback for images over 50 manifests, or referrers copied under
//   acr-import) the app writes images itself, so it also gets AcrPush;
// - with retention on (the nightly run prunes tags it created) it also gets AcrDelete, and never otherwise;
// - the preflight identity (`imagewarmer ensure` in pipelines) gets AcrPull.

param registryName string

@description('Principal id of the Function app\'s managed identity.')
param appPrincipalId string

@description('Principal id of the identity that runs `imagewarmer ensure` in pipelines, or empty.')
param preflightPrincipalId string

@description('Grant data-plane push as well (the oci-copy importer, the ACR import fallback for images over 50 manifests, or copying referrers under acr-import).')
param enableOciCopy bool

@description('Grant the app AcrDelete on the registry: only when the nightly run prunes (retention on).')
param enableDelete bool = false

var roles = {
  importerAndReader: '577a9874-89fd-4f24-9dbd-b5034d0ad23a' // Container Registry Data Importer and Data Reader
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  acrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11' // delete repositories, tags and manifests
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
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

resource appPushes 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableOciCopy) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.acrPush)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPush)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appDeletes 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableDelete) {
  scope: registry
  name: guid(registry.id, appPrincipalId, roles.acrDelete)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrDelete)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource preflightPulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(preflightPrincipalId)) {
  scope: registry
  name: guid(registry.id, preflightPrincipalId, roles.acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: preflightPrincipalId
  }
}

output loginServer string = registry.properties.loginServer
output registryId string = registry.id
