#!/usr/bin/env bash
# Fills a SpamTitan capture directory for carryover through the REST and legacy APIs.
#
# Usage: ST_HOST=<appliance> ST_TOKEN=<REST API token> bash capture-spamtitan.sh [DIR]
# DIR defaults to the appliance's short host name. Needs curl and jq. Host and token are read
# from the environment and written nowhere.
set -euo pipefail
: "${ST_HOST:?set ST_HOST to the host name of the appliance}"
: "${ST_TOKEN:?set ST_TOKEN to a REST API token}"
command -v jq >/dev/null || { echo "jq is needed to read the domain list" >&2; exit 2; }
dir=${1:-${ST_HOST%%.*}}
mkdir -p "$dir/api/domains" "$dir/lists/global"

get() {
    curl --fail --silent --show-error -H "Authorization: Bearer $ST_TOKEN" "https://$ST_HOST$1"
}

# The revision [I: this REST path is inferred]; if it fails, write it by hand (echo 7.08 > ...).
if ! get /restapi/system/version | jq -r '.version // .revision // empty' > "$dir/version.txt"; then
    echo "could not read the version: write it to $dir/version.txt by hand" >&2
fi

domains=$(mktemp)
trap 'rm -f "$domains"' EXIT
get /restapi/domains > "$domains"
jq -r '.[] | (.domain // .name)' "$domains" | while IFS= read -r domain; do
    # A name that is not a plain domain name is never used in a path.
    case $domain in
        ""|*[!A-Za-z0-9.-]*|.*) echo "skipped domain name: $domain" >&2; continue ;;
    esac
    get "/restapi/domains/$domain" > "$dir/api/domains/$domain.json"
    mkdir -p "$dir/api/domains/$domain"
    get "/restapi/domains/$domain/policy" > "$dir/api/domains/$domain/policy.json" || true
done

# Global allow and block lists, through the legacy API.
get /whitelist/list > "$dir/lists/global/allow.txt"
get /blacklist/list > "$dir/lists/global/block.txt"

echo "Now export the domains from the UI into $dir/domains.csv, copy update logs to" >&2
echo "$dir/update-<version>.log, and run: carryover show $dir" >&2
