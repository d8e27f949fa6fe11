// Azure Front Door (Standard) in front of the static website: HTTPS, compression, caching that honours each blob's
// Cache-Control (current pages 5 s at the edge: docs/site.md#caching), security headers on every answer, CORS for the
// Statuspage-compatible /api/v2/* (the official widget reads it from other sites), and a slot for a custom domain.

@description('Name stem for the profile and endpoint.')
param stem string

@description('The static website\'s host name ({account}.z6.web.core.windows.net).')
param originHostName string

@description('The function app\'s host name: the subscribe form posts there (the pages\' form-action).')
param functionAppHostName string

@description('A custom domain for the page (status.example.com). Empty: the endpoint\'s own *.azurefd.net name only. After deploying, add the CNAME and the TXT validation record that Front Door shows.')
param customDomainHostName string

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: '${stem}-fd'
  location: 'global'
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: '${stem}-page'
  location: 'global'
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'site'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/index.html'
      probeRequestType: 'HEAD'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 100
    }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: originGroup
  name: 'web'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}

resource ruleSet 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: profile
  name: 'headers'
}

// The pages carry the same policy as a meta tag (static hosting sends no headers); the header adds frame-ancestors,
// which a meta tag cannot.
var contentSecurityPolicy = 'default-src \'none\'; style-src \'self\'; img-src \'self\' data:; script-src \'self\'; connect-src \'self\'; base-uri \'none\'; frame-ancestors \'none\'; form-action https://${functionAppHostName}'

resource security 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: ruleSet
  name: 'security'
  properties: {
    order: 1
    conditions: []
    actions: [
      header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
      header('Content-Security-Policy', contentSecurityPolicy)
      header('X-Content-Type-Options', 'nosniff')
      header('Referrer-Policy', 'strict-origin-when-cross-origin')
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource cors 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = {
  parent: ruleSet
  name: 'statuspageapi'
  properties: {
    order: 2
    conditions: [
      {
        name: 'UrlPath'
        parameters: {
          typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
          operator: 'BeginsWith'
          matchValues: [
            'api/v2/'
          ]
          transforms: [
            'Lowercase'
          ]
          negateCondition: false
        }
      }
    ]
    actions: [
      header('Access-Control-Allow-Origin', '*')
    ]
    matchProcessingBehavior: 'Continue'
  }
}

func header(name string, value string) object => {
  name: 'ModifyResponseHeader'
  parameters: {
    typeName: 'DeliveryRuleHeaderActionParameters'
    headerAction: 'Overwrite'
    headerName: name
    value: value
  }
}

resource customDomain 'Microsoft.Cdn/profiles/customDomains@2025-06-01' = if (!empty(customDomainHostName)) {
  parent: profile
  name: replace(customDomainHostName, '.', '-')
  properties: {
    hostName: customDomainHostName
    tlsSettings: {
      certificateType: 'ManagedCertificate'
      minimumTlsVersion: 'TLS12'
    }
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'site'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    ruleSets: [
      {
        id: ruleSet.id
      }
    ]
    customDomains: empty(customDomainHostName) ? [] : [
      {
        id: customDomain.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    patternsToMatch: [
      '/*'
    ]
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    httpsRedirect: 'Enabled'
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/html'
          'text/css'
          'application/javascript'
          'application/json'
          'application/atom+xml'
          'application/rss+xml'
          'image/svg+xml'
          'text/plain'
        ]
      }
    }
  }
  dependsOn: [
    origin
    security
    cors
  ]
}

output endpointHostName string = endpoint.properties.hostName
output pageUrl string = empty(customDomainHostName) ? 'https://${endpoint.properties.hostName}' : 'https://${customDomainHostName}'
output profileName string = profile.name
