// The Flex Consumption plan and function app (.NET 10 isolated), running as the user-assigned identity: storage
// through DefaultAzureCredential (AZURE_CLIENT_ID names the identity), secrets as Key Vault references, telemetry to
// Application Insights. Tagged for azd (azd-service-name: api).

@description('Azure region.')
param location string

@description('Function app name.')
param name string

@description('Tags of the function app (azd finds its service by azd-service-name).')
param tags object

@description('The app\'s user-assigned identity (resource id and client id).')
param identityId string
param identityClientId string

@description('Storage account name and endpoints.')
param storageAccountName string
param tableEndpoint string
param blobEndpoint string
param queueEndpoint string
param deploymentContainerUrl string

@description('Key Vault URI (https://{name}.vault.azure.net/).')
param vaultUri string

@description('Whether the vault holds earlier signing keys and a SendGrid key.')
param hasPreviousSigningKeys bool
param hasSendGridKey bool

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('The page: its id, name and public URL (the CDN endpoint or custom domain).')
param pageId string
param pageName string
param pageUrl string

@description('Mail settings.')
param trialWithoutMail bool
param mailFromAddress string
param sendGridEventWebhookPublicKey string

@description('Maximum number of Flex Consumption instances.')
param maximumInstanceCount int

func secretReference(vault string, secret string) string => '@Microsoft.KeyVault(SecretUri=${vault}secrets/${secret}/)'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${name}-plan'
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
  name: name
  location: location
  kind: 'functionapp,linux'
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage through the managed identity (no connection string, no key).
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        // Service URIs: the app builds its clients with DefaultAzureCredential.
        { name: 'StatusComms__Storage__TableServiceUri', value: tableEndpoint }
        { name: 'StatusComms__Storage__BlobServiceUri', value: blobEndpoint }
        { name: 'StatusComms__Storage__QueueServiceUri', value: queueEndpoint }
        { name: 'StatusComms__ApiKey', value: secretReference(vaultUri, 'api-key') }
        { name: 'StatusComms__PageId', value: pageId }
        { name: 'StatusComms__PageName', value: pageName }
        { name: 'StatusComms__PageUrl', value: pageUrl }
        // Subscribers and mail (docs/notifications.md). The queue triggers bind to this flat setting.
        { name: 'StatusCommsQueuePrefix', value: 'statuscomms' }
        { name: 'StatusComms__Subscriptions__PublicBaseUrl', value: 'https://${name}.azurewebsites.net' }
        // App Service's front end appends the client's address to X-Forwarded-For; nothing a client writes is trusted.
        { name: 'StatusComms__TrustedProxyHops', value: '1' }
        { name: 'StatusComms__Subscriptions__SigningKey', value: secretReference(vaultUri, 'subscription-signing-key') }
        { name: 'StatusComms__Subscriptions__PreviousSigningKeys', value: hasPreviousSigningKeys ? secretReference(vaultUri, 'previous-subscription-signing-keys') : '' }
        { name: 'StatusComms__Email__SendGridApiKey', value: hasSendGridKey ? secretReference(vaultUri, 'sendgrid-api-key') : '' }
        { name: 'StatusComms__Email__Mode', value: trialWithoutMail ? 'pickup' : 'sendgrid' }
        { name: 'StatusComms__Email__FromAddress', value: mailFromAddress }
        { name: 'StatusComms__Email__EventWebhookPublicKey', value: sendGridEventWebhookPublicKey }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
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
}

output name string = functionApp.name
output hostName string = functionApp.properties.defaultHostName
