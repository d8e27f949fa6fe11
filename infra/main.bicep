// StatusComms: storage account (tables, queues, $web static site), Flex Consumption function app
// with a system-assigned identity (no storage keys anywhere), Application Insights.
//
// Deploy:   az deployment group create -g <rg> -f infra/main.bicep -p namePrefix=stc apiKey=<secret>
// Then enable static website hosting ($web) on the account: it is a data-plane setting that
// Bicep cannot set. See infra/README.md.

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

@description('Maximum number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, namePrefix)
var prefix = toLower(namePrefix)
var storageAccountName = take('${replace(prefix, '-', '')}${suffix}', 24)
var functionAppName = '${prefix}-func-${suffix}'
var deploymentContainerName = 'app-package-${take(suffix, 8)}'

// Built-in role definition ids.
var roles = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

// Flex Consumption deploys the app package from this container, using the app's identity.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: '${prefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${prefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage through the managed identity (no connection string, no key).
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        // Service URIs: the app builds its clients with DefaultAzureCredential.
        { name: 'StatusComms__Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'StatusComms__Storage__BlobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'StatusComms__Storage__QueueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'StatusComms__ApiKey', value: apiKey }
        { name: 'StatusComms__PageId', value: pageId }
        { name: 'StatusComms__PageName', value: pageName }
        // The public page is served by the account's static website ($web).
        { name: 'StatusComms__PageUrl', value: storage.properties.primaryEndpoints.web }
        // Subscribers and mail (docs/notifications.md). The queue triggers bind to this flat setting.
        { name: 'StatusCommsQueuePrefix', value: 'statuscomms' }
        { name: 'StatusComms__Subscriptions__PublicBaseUrl', value: 'https://${functionAppName}.azurewebsites.net' }
        // App Service's front end appends the client's address to X-Forwarded-For; nothing a client writes is trusted.
        { name: 'StatusComms__TrustedProxyHops', value: '1' }
        { name: 'StatusComms__Subscriptions__SigningKey', value: subscriptionSigningKey }
        { name: 'StatusComms__Subscriptions__PreviousSigningKeys', value: previousSubscriptionSigningKeys }
        { name: 'StatusComms__Email__SendGridApiKey', value: sendGridApiKey }
        { name: 'StatusComms__Email__Mode', value: trialWithoutMail ? 'pickup' : 'sendgrid' }
        { name: 'StatusComms__Email__FromAddress', value: mailFromAddress }
        { name: 'StatusComms__Email__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    deploymentContainer
  ]
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(storage.id, functionApp.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output functionAppName string = functionApp.name
output functionAppUrl string = 'https://${functionApp.properties.defaultHostName}'
output storageAccountName string = storage.name
output staticWebsiteUrl string = storage.properties.primaryEndpoints.web
