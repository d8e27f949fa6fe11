#!/usr/bin/env sh
# azd postprovision: static website hosting is a data-plane setting of the blob service that Bicep cannot set. The
# deploying principal was given Storage Blob Data Contributor on the account (deployerPrincipalId) to do it here.
set -eu
account="$(azd env get-value STATUSCOMMS_STORAGE_ACCOUNT)"
az storage blob service-properties update --static-website \
  --index-document index.html --404-document 404.html \
  --account-name "$account" --auth-mode login --output none
echo "Static website hosting is on for $account."
echo "The page:    $(azd env get-value STATUSCOMMS_PAGE_URL)"
echo "The console: $(azd env get-value STATUSCOMMS_CONSOLE_URL) (sign in with: azd env get-value STATUSCOMMS_API_KEY)"
