// ImageWarmer next to an existing Azure Container Registry: the Function app (nightly timer + warm-request
// queue), its storage, identity, monitoring and Key Vault, and least-privilege roles. Plain resources only
// (no registry modules), so it builds offline.

@description('Name prefix for the resources (lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string

param location string = resourceGroup().location

@description('The target ACR\'s name.')
param registryName string

@description('The resource group the ACR is in (default: this one).')
param registryResourceGroup string = resourceGroup().name

@description('NCRONTAB schedule of the nightly warm-up (UTC).')
param warmSchedule string = '0 0 2 * * *'

@description('Importer: acr-import (ACR pulls from the source itself) or oci-copy (the app streams, needs push).')
@allowed(['acr-import', 'oci-copy'])
param importer string = 'acr-import'

@description('Report or Reimport floating tags that moved upstream.')
@allowed(['Report', 'Reimport'])
param driftPolicy string = 'Report'

@description('Under acr-import, also copy the artifacts that refer to each image (cosign signatures, attestations, SBOMs) through the data plane, which grants the app push on the registry. oci-copy copies them anyway.')
param copyReferrers bool = false

@description('Look upstream every night for referrers added after an image was imported (referrer and tag lookups, never a pull of the image).')
param refreshReferrers bool = false

@description('Days a tag ImageWarmer created may go undeclared by the manifests before the nightly run deletes it. 0: never (and no delete rights are granted).')
@minValue(0)
param retentionDays int = 0

@description('Registries whose images may be warmed.')
param allowedSourceRegistries array = ['docker.io']

@description('Source repositories queue requests may ask for, by whole path segments (sonatype, library/nginx). Empty: any public repository of the allowed registries.')
param allowedRepositories array = []

@description('Most Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Memory per instance, MB.')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Docker Hub username for authenticated pulls, or empty for anonymous.')
param dockerHubUsername string = ''

@secure()
@description('Docker Hub access token, or empty.')
param dockerHubToken string = ''

@description('Pulls an upstream may have left before ImageWarmer stops pulling from it (and the alert fires).')
@minValue(0)
param rateLimitFloor int = 10

@description('E-mail address the alerts notify, or empty (alerts then only show in the portal).')
param alertEmail string = ''

@description('Resource id of an existing action group the alerts notify (wins over alertEmail), or empty.')
param alertActionGroupId string = ''

@description('Principal id of the pipeline identity (may push snapshots and enqueue requests), or empty.')
param pipelinePrincipalId string = ''

@description('Principal id of the identity that runs `imagewarmer ensure` (AcrPull), or empty.')
param preflightPrincipalId string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var queueName = 'warm-requests'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${namePrefix}${suffix}', 24)
    location: location
    queueName: queueName
  }
}

module storageAccess 'modules/storage-access.bicep' = {
  name: 'storage-access'
  params: {
    accountName: storage.outputs.accountName
    snapshotContainer: storage.outputs.snapshotContainer
    reportsContainer: storage.outputs.reportsContainer
    deploymentContainer: storage.outputs.deploymentContainer
    hostsContainer: storage.outputs.hostsContainer
    keyStoreContainer: storage.outputs.keyStoreContainer
    queueName: storage.outputs.queueName
    poisonQueueName: storage.outputs.poisonQueueName
    appPrincipalId: identity.properties.principalId
    pipelinePrincipalId: pipelinePrincipalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${namePrefix}-insights'
    location: location
    publisherPrincipalId: identity.properties.principalId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: namePrefix
    location: location
    insightsId: monitoring.outputs.insightsId
    poisonQueueName: storage.outputs.poisonQueueName
    rateLimitFloor: rateLimitFloor
    alertEmail: alertEmail
    actionGroupId: alertActionGroupId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('${namePrefix}-kv-${suffix}', 24)
    location: location
    readerPrincipalId: identity.properties.principalId
    dockerHubUsername: dockerHubUsername
    dockerHubToken: dockerHubToken
  }
}

module registry 'modules/acr-access.bicep' = {
  name: 'acr-access'
  scope: resourceGroup(registryResourceGroup)
  params: {
    registryName: registryName
    appPrincipalId: identity.properties.principalId
    preflightPrincipalId: preflightPrincipalId
    enableOciCopy: importer == 'oci-copy' || copyReferrers
    enableDelete: retentionDays > 0
  }
}

var sourceRegistrySettings = reduce(range(0, length(allowedSourceRegistries)), {}, (all, i) =>
  union(all, { 'ImageWarmer__Discovery__AllowedSourceRegistries__${i}': allowedSourceRegistries[i] }))

var repositorySettings = reduce(range(0, length(allowedRepositories)), {}, (all, i) =>
  union(all, { 'ImageWarmer__Warming__AllowedRepositories__${i}': allowedRepositories[i] }))

var retentionSettings = retentionDays > 0 ? { ImageWarmer__Retention__After: '${retentionDays}.00:00:00' } : {}

var credentialSettings = empty(dockerHubUsername) ? {} : {
  ImageWarmer__Registry__Credentials__0__Registry: 'docker.io'
  ImageWarmer__Registry__Credentials__0__Username: vault.outputs.usernameReference
  ImageWarmer__Registry__Credentials__0__Password: vault.outputs.tokenReference
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [storageAccess]
  params: {
    name: '${namePrefix}-${suffix}'
    location: location
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: storage.outputs.deploymentContainer
    insightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: union(sourceRegistrySettings, repositorySettings, credentialSettings, retentionSettings, {
      WarmSchedule: warmSchedule
      WarmQueueName: queueName
      ImageWarmer__Planning__TargetRegistry: registry.outputs.loginServer
      ImageWarmer__Warming__Importer: importer
      ImageWarmer__Warming__DriftPolicy: driftPolicy
      ImageWarmer__Registry__RateLimitFloor: string(rateLimitFloor)
      ImageWarmer__AcrImport__RegistryResourceId: registry.outputs.registryId
      ImageWarmer__AcrImport__FallbackToOciCopy: string(importer == 'oci-copy')
      ImageWarmer__Warming__CopyReferrers: string(importer == 'oci-copy' || copyReferrers)
      ImageWarmer__Warming__RefreshReferrers: string(refreshReferrers)
      ImageWarmer__Snapshot__Container: storage.outputs.snapshotContainer
      ImageWarmer__Storage__ReportsContainer: storage.outputs.reportsContainer
      ImageWarmer__Storage__LedgerTable: storage.outputs.ledgerTable
    })
  }
}

output functionAppName string = app.outputs.name
output storageAccountName string = storage.outputs.accountName
output snapshotBlobUri string = '${storage.outputs.blobEndpoint}${storage.outputs.snapshotContainer}/snapshot.tar.gz'
output queueUri string = '${storage.outputs.queueEndpoint}${queueName}'
output identityClientId string = identity.properties.clientId
