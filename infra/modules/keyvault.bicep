// Key Vault for the optional Docker Hub credentials (a user and an access token), read by the app through
// Key Vault references (secrets dockerhub-username and dockerhub-token). RBAC only; the app may read secrets,
// nothing else.

param name string
param location string

@description('Principal id of the app\'s identity (Key Vault Secrets User).')
param readerPrincipalId string

@description('Docker Hub username, or empty for anonymous pulls.')
param dockerHubUsername string

@secure()
@description('Docker Hub access token (not the password), or empty.')
param dockerHubToken string

@description('Purge protection: a deleted vault keeps its name until soft-delete retention ends, whatever anyone does.')
param purgeProtection bool

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // The name is deterministic (prefix and resource group): a deleted vault holds it for the retention period, so
    // keep that short (the vault holds one re-creatable token). ARM rejects false here, hence null when off.
    softDeleteRetentionInDays: 7
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource username 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(dockerHubUsername)) {
  parent: vault
  name: 'dockerhub-username'
  properties: { value: dockerHubUsername }
}

resource token 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(dockerHubUsername)) {
  parent: vault
  name: 'dockerhub-token'
  properties: { value: dockerHubToken }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output usernameReference string = empty(dockerHubUsername) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=dockerhub-username)'
output tokenReference string = empty(dockerHubUsername) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=dockerhub-token)'
output name string = vault.name
