#!/usr/bin/env bash
# Fills a SpamTitan capture folder for carryover through the REST and legacy APIs.
#
# Usage: ST_HOST=<appliance> ST_TOKEN=<REST API token> bash capture-spamtitan.sh [<capture folder>]
# The folder defaults to the appliance's short host name. Needs curl and jq. Host and token are
# read from the environment and written nowhere. Every call retries what curl counts as
# transient (HTTP 429 "too many requests" among them), waiting longer each time.
#
# Calls marked [I] are inferred: no public source shows them. When one fails, the script says
# what was not captured and goes on; nothing is written in its place.
set -euo pipefail
: "${ST_HOST:?set ST_HOST to the host name of the appliance}"
: "${ST_TOKEN:?set ST_TOKEN to a REST API token}"
command -v jq >/dev/null || { echo "jq is needed to read the domain list" >&2; exit 2; }
# One cleanup removes every temporary file, however the script ends: a second exit trap would
# replace the first, so `temporary auth` makes a file, adds it to the list and sets $auth.
temporaries=()
trap 'rm -f -- ${temporaries[@]+"${temporaries[@]}"}' EXIT
trap 'exit 2' HUP INT TERM
temporary() {
    local file
    file=$(mktemp)
    temporaries+=("$file")
    printf -v "$1" '%s' "$file"
}
# The token reaches curl in a file only its owner reads, never on a command line `ps` shows;
# the file is on the list before the token is written into it.
temporary auth
printf 'Authorization: Bearer %s\n' "$ST_TOKEN" > "$auth"
dir=${1:-${ST_HOST%%.*}}
mkdir -p "$dir/api/domains" "$dir/lists/global"

get() {
    curl --fail --silent --show-error --retry 5 -H @"$auth" "https://$ST_HOST$1"
}
# save <path> <file> <what>: a failed call leaves no file, and says what was not captured.
save() {
    if ! get "$1" > "$2.part"; then
        rm -f "$2.part"
        echo "not captured: $1 failed (${3:-}); $2 was not written" >&2
        return 0
    fi
    mv "$2.part" "$2"
}

# The revision [I: no public REST call reads the version; this path is inferred]. If it
# fails, write the version by hand: echo 7.08 > <capture folder>/version.txt
if ! get /restapi/system/version | jq -r '.version // .revision // empty' > "$dir/version.txt"; then
    rm -f "$dir/version.txt"
    echo "not captured: the version [I: inferred call]; write it to $dir/version.txt by hand" >&2
fi

temporary domains
# The domain list [C: GET /restapi/domains; the shape and paging of its answer are inferred [I]].
get /restapi/domains > "$domains"
jq -r '(if type == "array" then . else (.data // []) end) | .[] | (.domain // .name)' "$domains" |
while IFS= read -r domain; do
    # A name that is not a plain domain name is never used in a path.
    case $domain in
        ""|*[!A-Za-z0-9.-]*|.*) echo "skipped domain name: $domain" >&2; continue ;;
    esac
    save "/restapi/domains/$domain" "$dir/api/domains/$domain.json" "the domain"
    mkdir -p "$dir/api/domains/$domain" "$dir/lists/domain/$domain"
    # GET on /policy is not public [I: inferred call].
    save "/restapi/domains/$domain/policy" "$dir/api/domains/$domain/policy.json" "[I: inferred call]"
    # The domain's allow list, through the legacy API [C]; its answer is XML.
    save "/whitelist/list?user=$domain" "$dir/lists/domain/$domain/allow.xml" "the allow list"
    # [I: inferred call: no public client calls /blacklist/*]
    save "/blacklist/list?user=$domain" "$dir/lists/domain/$domain/block.xml" "[I: inferred call]"
done

# Global allow and block lists, through the legacy API; saved as its XML answers, which
# carryover reads (an answer with stat fail is "not captured", never an empty list).
save /whitelist/list "$dir/lists/global/allow.xml" "the global allow list"
save /blacklist/list "$dir/lists/global/block.xml" "[I: inferred call]"

# Settings no public API reads (relay smarthost, SASL, TLS, cluster): copied by hand from the
# web console into this template. A line left as <what goes here> is "not captured".
if [ ! -e "$dir/by-hand.txt" ]; then
    cat > "$dir/by-hand.txt" <<'TEMPLATE'
# carryover by-hand template: SpamTitan settings no public API reads.
# Copy each value from the web console and replace its <what goes here>. A line left as it is
# is "not captured"; write none for a setting the appliance does not have. Keep passwords out:
# the restore runbook asks for them by hand. The pages are inferred; your console may differ.
#
# System Setup > Mail Relay > Outbound: Smart Host
relay.smarthost = <smart host as host:port, or none>
# System Setup > Mail Relay > SASL Authentication
relay.sasl.enabled = <yes or no>
relay.sasl.username = <SASL user name, or none>
# System Setup > Mail Relay > TLS
relay.tls.enabled = <yes or no>
relay.tls.protocols = <TLS protocols separated by commas, or none>
# System Setup > Cluster: this node's role, and the other node
cluster.role = <primary, secondary or standalone>
cluster.peer = <host name of the other node, or none>
TEMPLATE
fi

echo "Now fill in $dir/by-hand.txt from the web console (System Setup > Mail Relay and" >&2
echo "> Cluster), export the domains from the UI into $dir/domains.csv, copy update logs to" >&2
echo "$dir/update-<version>.log, and run: carryover show $dir" >&2
