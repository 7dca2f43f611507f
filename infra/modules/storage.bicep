// The storage account: snapshot and reports containers, the warm-request queue (and its poison queue, created
// here so the app needs no account-wide queue rights), the status ledger table (created here: the app never creates
// it in Azure), the host's containers (timer schedules and locks; the default key store, created here so the app's
// rights can stay on named containers) and the Flex Consumption deployment container. Shared keys are off:
// everything goes through Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
param name string

param location string

@description('Queue of warm requests; the poison queue is <name>-poison.')
param queueName string

var containerNames = {
  snapshot: 'manifests'
  reports: 'warm-reports'
  deployment: 'app-package'
  hosts: 'azure-webjobs-hosts'
  keyStore: 'azure-webjobs-secrets'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource snapshot 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerNames.snapshot
}

resource reports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerNames.reports
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerNames.deployment
}

resource hosts 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerNames.hosts
}

resource keyStore 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerNames.keyStore
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource warmRequests 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: queueName
}

resource poison 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: '${queueName}-poison'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource ledger 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tables
  name: 'warmstatus'
}

output accountName string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output snapshotContainer string = snapshot.name
output reportsContainer string = reports.name
output deploymentContainer string = deployment.name
output hostsContainer string = hosts.name
output keyStoreContainer string = keyStore.name
output queueName string = warmRequests.name
output poisonQueueName string = poison.name
output ledgerTable string = ledger.name
