#!/bin/sh
# kioskctl queue status / retry / discard on a real outbox: the crash worker queues one request
# for a platform that is down (port 9 on 127.0.0.1: nothing listens), an expired max age makes it
# dead, then a technician looks at it, retries every failed request of its platform, and discards it.
set -e
ctl=$1; worker=$2; dir=$3
rm -rf "$dir"; mkdir -p "$dir"; chmod 700 "$dir" # the payload key lives only in a 0700 folder
# The worker exits when its dispatcher has nothing left pending: the request dies of old age.
KIOSK_TEST_MAX_AGE_MS=1 "$worker" --outbox "$dir/outbox.sqlite" --key "$dir/payload.key" --port 9 --ca /dev/null --run cli --count 1 >/dev/null 2>&1 || true
"$ctl" queue status --state-dir "$dir"
id=$("$ctl" queue status --json --state-dir "$dir" | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p')
test -n "$id"
"$ctl" queue retry --platform elsewhere --state-dir "$dir"
"$ctl" queue retry --platform hall --state-dir "$dir"
"$ctl" queue discard "$id" --state-dir "$dir"
! "$ctl" queue retry "$id" --state-dir "$dir" 2>&1
"$ctl" queue status --json --state-dir "$dir"
