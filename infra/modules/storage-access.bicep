// Who may do what in the storage account, each at the narrowest scope the Functions host allows: the app reads the
// snapshot, writes reports, works the queue and its poison queue, and owns the host's containers (timer schedules
// and singleton locks in azure-webjobs-hosts, the default key store in azure-webjobs-secrets, both named because
// the template creates them) and the deployment container; it writes tables across the table service (the ledger,
// and the host's diagnostic events, a new table each month). The pipeline may only push snapshots and enqueue.

param accountName string
param snapshotContainer string
param reportsContainer string
param deploymentContainer string
param hostsContainer string
param keyStoreContainer string
param queueName string
param poisonQueueName string

@description('Principal (object) id of the Function app\'s managed identity.')
param appPrincipalId string

@description('Principal id of the pipeline identity, or empty.')
param pipelinePrincipalId string

var roles = {
  blobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  queueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: accountName
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource snapshot 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobs
  name: snapshotContainer
}

resource reports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobs
  name: reportsContainer
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobs
  name: deploymentContainer
}

resource hosts 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobs
  name: hostsContainer
}

resource keyStore 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobs
  name: keyStoreContainer
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queues
  name: queueName
}

resource poison 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queues
  name: poisonQueueName
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource appReadsSnapshot 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: snapshot
  name: guid(snapshot.id, appPrincipalId, roles.blobDataReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataReader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appWritesReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: reports
  name: guid(reports.id, appPrincipalId, roles.blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions host keeps timer schedules and singleton locks (blob leases) here.
resource appOwnsHostContainer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hosts
  name: guid(hosts.id, appPrincipalId, roles.blobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The host's default key store (function and host keys as blobs): the host reads and writes them here.
resource appOwnsKeyStoreContainer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyStore
  name: guid(keyStore.id, appPrincipalId, roles.blobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Flex Consumption reads the app package from here with the app's identity.
resource appOwnsDeploymentContainer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deployment
  name: guid(deployment.id, appPrincipalId, roles.blobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appWorksQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queue
  name: guid(queue.id, appPrincipalId, roles.queueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appWorksPoisonQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: poison
  name: guid(poison.id, appPrincipalId, roles.queueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The ledger (warmstatus) and the host's diagnostic events (AzureFunctionsDiagnosticEvents<yyyyMM>, a table the host
// creates each month): the table service is the narrowest scope that covers tables created later.
resource appWritesTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: tables
  name: guid(tables.id, appPrincipalId, roles.tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.tableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource pipelineEnqueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(pipelinePrincipalId)) {
  scope: queue
  name: guid(queue.id, pipelinePrincipalId, roles.queueDataMessageSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataMessageSender)
    principalId: pipelinePrincipalId
  }
}

resource pipelinePushesSnapshots 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(pipelinePrincipalId)) {
  scope: snapshot
  name: guid(snapshot.id, pipelinePrincipalId, roles.blobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobDataContributor)
    principalId: pipelinePrincipalId
  }
}
