// Deployed into the target registry's resource group. The app gets a custom role on the registry only: ARM
// importImage and registry read, and pulling (the planner HEADs tags in the registry); pushing is added only
// when the OCI copy importer is enabled (or referrers are copied), and AcrDelete only when retention prunes. Polling an import's status reads the operation the import returns
// (Location), which the registry-scoped read covers. The preflight identity gets AcrPull.

param registryName string

@description('Principal id of the Function app\'s managed identity.')
param appPrincipalId string

@description('Principal id of the identity that runs `imagewarmer ensure` in pipelines, or empty.')
param preflightPrincipalId string

@description('Grant data-plane push as well (the oci-copy importer, the ACR import fallback for images over 50 manifests, or copying referrers under acr-import).')
param enableOciCopy bool

@description('Grant the app AcrDelete on the registry: only when the nightly run prunes (retention on).')
param enableDelete bool = false

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

// Built-in AcrDelete: delete repositories, tags and manifests (data plane).
var acrDelete = 'c2f4ef07-c644-48eb-af81-4b1b4947fb11'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource importer 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(registry.id, 'imagewarmer-importer', string(enableOciCopy))
  properties: {
    roleName: 'ImageWarmer importer (${registry.name}${enableOciCopy ? ', with push' : ''})'
    description: 'Import public images into ${registry.name} with ACR import, and read what it holds.'
    type: 'CustomRole'
    assignableScopes: [registry.id]
    permissions: [
      {
        actions: [
          'Microsoft.ContainerRegistry/registries/importImage/action'
          'Microsoft.ContainerRegistry/registries/read'
        ]
        dataActions: enableOciCopy
          ? ['Microsoft.ContainerRegistry/registries/pull/read', 'Microsoft.ContainerRegistry/registries/push/write']
          : ['Microsoft.ContainerRegistry/registries/pull/read']
      }
    ]
  }
}

resource appImports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, appPrincipalId, importer.id)
  properties: {
    roleDefinitionId: importer.id
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appDeletes 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableDelete) {
  scope: registry
  name: guid(registry.id, appPrincipalId, acrDelete)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrDelete)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource preflightPulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(preflightPrincipalId)) {
  scope: registry
  name: guid(registry.id, preflightPrincipalId, acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: preflightPrincipalId
  }
}

output loginServer string = registry.properties.loginServer
output registryId string = registry.id
