// The app's user-assigned identity and what it may do: read and write the page's tables, blobs and queues, and read
// the vault's secrets. A user-assigned identity exists before the app, so Key Vault references resolve at its first start.

@description('Azure region.')
param location string

@description('Name stem for the identity.')
param stem string

@description('The storage account the app uses.')
param storageAccountName string

@description('The vault holding the app\'s secrets.')
param vaultName string

@description('Who runs the deployment (azd passes AZURE_PRINCIPAL_ID): given Storage Blob Data Contributor, so the post-provision hook can enable static website hosting. Empty: nobody.')
param deployerPrincipalId string

// Built-in role definition ids.
var storageRoles = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource app 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${stem}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: vaultName
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, app.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: app.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: app.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storage.id, deployerPrincipalId, blobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributor)
    principalId: deployerPrincipalId
  }
}

output id string = app.id
output clientId string = app.properties.clientId
output principalId string = app.properties.principalId
