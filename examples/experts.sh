#!/usr/bin/env bash
# Every quoted expert across a folder of articles, with affiliation and how often quoted.
#   examples/experts.sh seeds/
# Needs jq. newsan streams one article per line (--format jsonl), so this works on archives too.
set -euo pipefail
folder=${1:-seeds/}
newsan analyze "$folder" --format jsonl -q \
  | jq -r '.path as $p | .speakers[] | select(.role == "expert")
           | [.name, (.organization // "-"), (.quotes | length), $p] | @tsv' \
  | sort | column -t -s $'\t'
