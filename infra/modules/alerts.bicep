// Alert rules on Application Insights, so operators hear about failures:
// - a warm request went to the poison queue: the Functions host's own line when it moves a message there (for
//   messages our code gave up on and for messages it could not even decode; the line is the one the conformance
//   tests capture from the host's queue listener), or our imagewarmer.requests.poisoned metric;
// - the nightly run failed (our imagewarmer.nightly.runs metric with result=failed, or a failed NightlyWarmup
//   invocation), or no nightly run succeeded for 26 hours;
// - an upstream's ratelimit-remaining fell under the floor (imagewarmer.upstream.ratelimit_remaining).
// The metrics come from the app's ImageWarmer meter, forwarded to Application Insights as custom metrics.
// Notifications go to an existing action group, or one made here for an e-mail address, or nowhere (the alerts
// still show in the portal).

param namePrefix string
param location string

@description('Application Insights component the app sends telemetry to.')
param insightsId string

@description('The poison queue\'s name (the warm-request queue\'s, with -poison).')
param poisonQueueName string

@description('The app\'s ratelimit-remaining floor: an upstream under it gets no more pulls.')
param rateLimitFloor int

@description('E-mail address to notify, or empty.')
param alertEmail string

@description('Resource id of an existing action group to notify (wins over alertEmail), or empty.')
param actionGroupId string

resource emailGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (empty(actionGroupId) && !empty(alertEmail)) {
  name: '${namePrefix}-alerts'
  location: 'Global'
  properties: {
    groupShortName: take('${namePrefix}warm', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = !empty(actionGroupId) ? [actionGroupId] : (empty(alertEmail) ? [] : [emailGroup.id])

var rules = [
  {
    name: 'poisoned'
    description: 'A warm request was given up and moved to ${poisonQueueName}: see its ledger row (imagewarmer status) and the message.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    query: 'union (traces | where message has "Moving message to queue \'${poisonQueueName}\'"), (customMetrics | where name == "imagewarmer.requests.poisoned")'
  }
  {
    name: 'nightly-failed'
    description: 'The nightly warm-up failed: see the NightlyWarmup invocation and the Nightly run failed log.'
    severity: 1
    frequency: 'PT1H'
    window: 'PT1H'
    query: 'union (customMetrics | where name == "imagewarmer.nightly.runs" and tostring(customDimensions.result) == "failed"), (requests | where name == "NightlyWarmup" and success == false)'
  }
  {
    name: 'nightly-missing'
    description: 'No nightly warm-up succeeded in 26 hours: the timer did not fire, or every run failed.'
    severity: 1
    frequency: 'PT1H'
    window: 'P2D'
    // One row always (a count of zero included), so silence is measured, not mistaken for "no data".
    query: 'customMetrics | where timestamp > ago(26h) and name == "imagewarmer.nightly.runs" and tostring(customDimensions.result) == "succeeded" | summarize runs = count() | where runs < 1'
  }
  {
    name: 'ratelimit-low'
    description: 'An upstream registry reported fewer remaining pulls than the floor (${rateLimitFloor}): imports from it are deferred until its window resets.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    query: 'customMetrics | where name == "imagewarmer.upstream.ratelimit_remaining" | summarize remaining = min(valueMin) by host = tostring(customDimensions.host) | where remaining < ${rateLimitFloor}'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  properties: {
    displayName: '${namePrefix}: ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [insightsId]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}]

output ruleNames array = [for (rule, i) in rules: alerts[i].name]
