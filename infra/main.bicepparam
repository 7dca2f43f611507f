using 'main.bicep'

// Example values: copy, then set the ACR and (optionally) the pipeline identities.
param namePrefix = 'warmer'
param registryName = 'myacr'
param warmSchedule = '0 0 2 * * *'
param importer = 'acr-import'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param pipelinePrincipalId = ''
param preflightPrincipalId = ''
param rateLimitFloor = 10
param alertEmail = ''
param alertActionGroupId = ''
param copyReferrers = false
param refreshReferrers = false
param retentionDays = 0
