// Key Vault (RBAC) holding the app's secrets; the app reads them through Key Vault references with its identity, so
// no secret is an app setting's value. Rotate a secret by adding a version; the app picks it up at its next restart.

@description('Azure region.')
param location string

@description('Vault name (3-24 letters, digits and hyphens).')
param name string

@description('Management API key.')
@secure()
param apiKey string

@description('Subscription link signing key (base64, 32+ bytes).')
@secure()
param subscriptionSigningKey string

@description('Earlier signing keys, comma-separated, newest first.')
@secure()
param previousSubscriptionSigningKeys string

@description('SendGrid API key; empty when the deployment is a trial without mail.')
@secure()
param sendGridApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// A secret is never empty: one not given is not stored, and the app setting that would name it stays empty.
var secrets = filter([
  { name: 'api-key', value: apiKey }
  { name: 'subscription-signing-key', value: subscriptionSigningKey }
  { name: 'previous-subscription-signing-keys', value: previousSubscriptionSigningKeys }
  { name: 'sendgrid-api-key', value: sendGridApiKey }
], secret => !empty(secret.value))

resource stored 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secret in secrets: {
    parent: vault
    name: secret.name
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output uri string = vault.properties.vaultUri
