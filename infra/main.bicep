// StatusComms, everything a page needs, from an empty resource group: storage (tables, queues, $web), the Flex
// Consumption function app running as a user-assigned identity (no storage keys anywhere), Key Vault for its
// secrets, Application Insights, and Azure Front Door (Standard) serving the page. One command: `azd up`
// (azure.yaml; its post-provision hook enables static website hosting, a data-plane setting Bicep cannot set).
// By hand: docs/deploy.md.

targetScope = 'resourceGroup'

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'statuscomms'

@description('API key for the admin endpoints (StatusComms__ApiKey).')
@secure()
param apiKey string

@description('Identifier of the status page.')
param pageId string = 'statuscomms'

@description('Display name of the status page.')
param pageName string = 'StatusComms'

@description('Base64 secret (32+ bytes, e.g. openssl rand -base64 32) that signs subscription links and derives subscriber ids. Required: the app refuses to start in Azure without it. To rotate, pass the old one in previousSubscriptionSigningKeys.')
@secure()
@minLength(44)
param subscriptionSigningKey string

@description('Signing keys used before, base64, comma-separated, newest first: links signed with them keep working.')
@secure()
param previousSubscriptionSigningKeys string = ''

@description('SendGrid API key. Empty: the app refuses to start, unless trialWithoutMail is true.')
@secure()
param sendGridApiKey string = ''

@description('A trial without mail: the app writes each mail to its own disk, where nobody reads it (StatusComms__Email__Mode=pickup). Without it, an empty sendGridApiKey stops the app at start.')
param trialWithoutMail bool = false

@description('Sender address of notification mail (a domain authenticated in SendGrid).')
param mailFromAddress string = 'status@example.com'

@description('SendGrid signed Event Webhook verification key (base64). Empty: events are not accepted.')
param sendGridEventWebhookPublicKey string = ''

@description('A custom domain for the page (status.example.com); empty: the Front Door endpoint\'s own name. See docs/deploy.md for the DNS records.')
param customDomainHostName string = ''

@description('Who runs the deployment (azd sets AZURE_PRINCIPAL_ID): may then enable static website hosting in the post-provision hook. Empty: nobody.')
param deployerPrincipalId string = ''

@description('Maximum number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, namePrefix)
var prefix = toLower(namePrefix)
var stem = '${prefix}-${take(suffix, 6)}'
var storageAccountName = take('${replace(prefix, '-', '')}${suffix}', 24)
var functionAppName = '${prefix}-func-${suffix}'
var vaultName = take('${replace(prefix, '-', '')}kv${suffix}', 24)

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: storageAccountName
    deploymentContainerName: 'app-package-${take(suffix, 8)}'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    stem: stem
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    location: location
    name: vaultName
    apiKey: apiKey
    subscriptionSigningKey: subscriptionSigningKey
    previousSubscriptionSigningKeys: previousSubscriptionSigningKeys
    sendGridApiKey: sendGridApiKey
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  dependsOn: [
    storage
    vault
  ]
  params: {
    location: location
    stem: stem
    // Names known before deployment (not outputs), so What-If sees the role assignments' scopes.
    storageAccountName: storageAccountName
    vaultName: vaultName
    deployerPrincipalId: deployerPrincipalId
  }
}

module cdn 'modules/cdn.bicep' = {
  name: 'cdn'
  params: {
    stem: stem
    originHostName: storage.outputs.webHostName
    functionAppHostName: '${functionAppName}.azurewebsites.net'
    customDomainHostName: customDomainHostName
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    location: location
    name: functionAppName
    tags: {
      'azd-service-name': 'api'
    }
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    tableEndpoint: storage.outputs.tableEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    vaultUri: vault.outputs.uri
    hasPreviousSigningKeys: !empty(previousSubscriptionSigningKeys)
    hasSendGridKey: !empty(sendGridApiKey)
    appInsightsConnectionString: monitoring.outputs.connectionString
    pageId: pageId
    pageName: pageName
    pageUrl: cdn.outputs.pageUrl
    trialWithoutMail: trialWithoutMail
    mailFromAddress: mailFromAddress
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
    maximumInstanceCount: maximumInstanceCount
  }
}

output functionAppName string = app.outputs.name
output functionAppUrl string = 'https://${app.outputs.hostName}'
output storageAccountName string = storage.outputs.name
output staticWebsiteUrl string = storage.outputs.webEndpoint
output pageUrl string = cdn.outputs.pageUrl
output frontDoorEndpointHostName string = cdn.outputs.endpointHostName
output keyVaultName string = vault.outputs.name

// For azd's hooks (azd keeps each output in the environment under its name).
output STATUSCOMMS_STORAGE_ACCOUNT string = storage.outputs.name
output STATUSCOMMS_PAGE_URL string = cdn.outputs.pageUrl
output STATUSCOMMS_CONSOLE_URL string = 'https://${app.outputs.hostName}/console/'
