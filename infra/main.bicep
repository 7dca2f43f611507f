// ImageWarmer next to an existing Azure Container Registry: the Function app (nightly timer + warm-request
// queue), its storage, identity, monitoring and Key Vault, and least-privilege roles. Plain resources only
// (no registry modules), so it builds offline.

@description('Name prefix for the resources: letters and digits (lowercased for every name; the storage account allows nothing else).')
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

@description('Most Flex Consumption instances (40 to 1000, the range of Microsoft\'s Flex Consumption samples). Concurrency per instance is host.json\'s queues batchSize + newBatchThreshold.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance, MB.')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Docker Hub username for authenticated pulls, or empty for anonymous (ACR then pulls through shared Azure addresses and meets toomanyrequests: see the dockerHubWarning output).')
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

@description('Principal id of the identity that runs `imagewarmer ensure` (AcrPull, or Repository Reader in ABAC mode), or empty.')
param preflightPrincipalId string = ''

@description('Key Vault purge protection. On, a deleted vault keeps its (deterministic) name until its 7-day soft-delete retention ends; off, `az keyvault purge` frees it at once.')
param keyVaultPurgeProtection bool = false

// Storage account names allow lowercase letters and digits only; every other name is case-insensitive, so one
// lowercased prefix serves them all.
var prefix = toLower(namePrefix)
var suffix = uniqueString(resourceGroup().id, prefix)
var queueName = 'warm-requests'

// The longest one ACR import may take, polling included (ImageWarmer:AcrImport:Timeout). host.json's functionTimeout
// must outlast it with margin, or the host kills the invocation (and the worker, with every import it runs) before
// the import's own "did not finish" path: BicepTests reads both.
var importTimeout = '00:30:00'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-id'
  location: location
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${replace(prefix, '-', '')}${suffix}', 24)
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
    name: '${prefix}-insights'
    location: location
    publisherPrincipalId: identity.properties.principalId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: prefix
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
    name: take('${prefix}-kv-${suffix}', 24)
    location: location
    readerPrincipalId: identity.properties.principalId
    dockerHubUsername: dockerHubUsername
    dockerHubToken: dockerHubToken
    purgeProtection: keyVaultPurgeProtection
  }
}

module registry 'modules/registry-mode.bicep' = {
  name: 'registry-mode'
  scope: resourceGroup(registryResourceGroup)
  params: {
    registryName: registryName
  }
}

module registryAccess 'modules/acr-access.bicep' = {
  name: 'acr-access'
  scope: resourceGroup(registryResourceGroup)
  params: {
    registryName: registryName
    roleAssignmentMode: registry.outputs.roleAssignmentMode
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
  dependsOn: [storageAccess, registryAccess]
  params: {
    name: '${prefix}-${suffix}'
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
      ImageWarmer__AcrImport__Timeout: importTimeout
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
output registryRoleAssignmentMode string = registry.outputs.roleAssignmentMode
output keyVaultName string = vault.outputs.name
@description('Non-empty when no Docker Hub credentials were given: what that costs and how to add them.')
output dockerHubWarning string = empty(dockerHubUsername)
  ? 'No Docker Hub credentials: ACR imports from Docker Hub anonymously, through Azure addresses shared with other tenants, and will meet toomanyrequests. Redeploy with dockerHubUsername and dockerHubToken (an access token), which go to Key Vault ${vault.outputs.name} as secrets dockerhub-username and dockerhub-token (docs/azure.md).'
  : ''
