#!/usr/bin/env sh
# azd preprovision: the secrets a first deployment needs, generated once per azd environment (kept in .azure/, never
# committed), so `azd up` from an empty subscription asks only for a subscription and a region.
set -eu
if [ -z "$(azd env get-value STATUSCOMMS_API_KEY 2>/dev/null || true)" ]; then
  azd env set STATUSCOMMS_API_KEY "$(openssl rand -hex 32)"
fi
if [ -z "$(azd env get-value STATUSCOMMS_SIGNING_KEY 2>/dev/null || true)" ]; then
  azd env set STATUSCOMMS_SIGNING_KEY "$(openssl rand -base64 32)"
fi
if [ -z "$(azd env get-value SENDGRID_API_KEY 2>/dev/null || true)" ] && [ "$(azd env get-value STATUSCOMMS_TRIAL_WITHOUT_MAIL 2>/dev/null || echo false)" != "true" ]; then
  echo "No SendGrid key: set one with 'azd env set SENDGRID_API_KEY <key>', or 'azd env set STATUSCOMMS_TRIAL_WITHOUT_MAIL true' for a trial without mail." >&2
  exit 1
fi
