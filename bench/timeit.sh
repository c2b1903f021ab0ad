#!/usr/bin/env bash
# timeit.sh LABEL DIR CMD...: run CMD in DIR once, append "LABEL<TAB>seconds<TAB>peak KiB<TAB>exit" to $TIMES.
set -u
label=$1 dir=$2; shift 2
out=$(mktemp)
( cd "$dir" && /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 )
code=$?
read -r secs kib < <(tail -n 1 "$out")
rm -f "$out"
printf '%s\t%s\t%s\t%s\n' "$label" "$secs" "$kib" "$code" >> "$TIMES"
