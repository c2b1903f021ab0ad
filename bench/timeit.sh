#!/usr/bin/env bash
# timeit.sh LABEL DIR CMD...: run CMD in DIR once, append "LABEL<TAB>seconds<TAB>peak KiB<TAB>exit" to $TIMES.
#
# With MEMLIMIT_MIB set, CMD is stopped (SIGKILL) once its processes together
# hold more than that much memory, so that a command too large for the machine
# fails alone instead of sending the kernel's OOM killer after other people's
# work; its exit is then "over<MiB>", its time the time until it was stopped and
# its memory the limit (a lower bound of what it would have needed).
set -u
label=$1 dir=$2; shift 2
out=$(mktemp)
if [ -z "${MEMLIMIT_MIB:-}" ]; then
  ( cd "$dir" && /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 )
  code=$?
  read -r secs kib < <(tail -n 1 "$out")
else
  start=$(date +%s.%N)
  # A session of its own, so that its process group is CMD and its children.
  ( cd "$dir" && exec setsid -w /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1 ) &
  pid=$!
  over=""
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.5
    rss=$(ps -o rss= -g "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
    if [ "$rss" -gt $((MEMLIMIT_MIB * 1024)) ]; then
      over=$MEMLIMIT_MIB
      kill -KILL -- "-$pid" 2>/dev/null
      break
    fi
  done
  wait "$pid" 2>/dev/null
  code=$?
  if [ -n "$over" ]; then
    code="over$over"
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
    kib=$((over * 1024))
  else
    read -r secs kib < <(tail -n 1 "$out")
  fi
fi
rm -f "$out"
printf '%s\t%s\t%s\t%s\n' "$label" "$secs" "$kib" "$code" >> "$TIMES"
