#!/bin/sh
# kioskctl bundle keygen / keyset / sign / verify as an operator uses them, for each algorithm:
# the key file is 0600 and never overwritten, a good bundle verifies (exit 0), a changed byte, an
# untrusted key or an invalid catalog does not (exit 1).
set -e
ctl=$1; data=$2; dir=$3
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
# set -e ignores a command negated with "!": a refusal must be checked explicitly.
refused() { if "$@" 2>&1; then echo "UNEXPECTEDLY ACCEPTED: $*"; exit 1; fi; }
for alg in ed25519 p256 sm2; do
  "$ctl" bundle keygen --algorithm $alg --out $alg.pem > $alg.txt
  test "$(stat -c %a $alg.pem)" = 600
  sed -n '/BEGIN PUBLIC KEY/,/END PUBLIC KEY/p' $alg.txt > $alg.pub
  refused "$ctl" bundle keygen --algorithm $alg --out $alg.pem
  "$ctl" bundle keyset $alg.pub > $alg-keys.json
  "$ctl" bundle sign --key $alg.pem --kind catalog --version 2026.12.1 --out $alg.bundle "$data/catalog-small.json"
  "$ctl" bundle verify --keys $alg-keys.json $alg.bundle
  echo "$alg verified"
done
# A byte of the payload changed.
cp ed25519.bundle tampered.bundle
printf 'X' | dd of=tampered.bundle bs=1 seek=5000 conv=notrunc 2>/dev/null
refused "$ctl" bundle verify --keys ed25519-keys.json tampered.bundle
# Signed with a key the terminal does not trust.
refused "$ctl" bundle verify --keys sm2-keys.json ed25519.bundle
# The public key alone serves as --keys too.
KIOSK_BUNDLE_KEYS=ed25519.pub "$ctl" bundle verify ed25519.bundle >/dev/null
# An invalid catalog is not signed.
refused "$ctl" bundle sign --key ed25519.pem --kind catalog --version 2 --out broken.bundle "$data/catalog-broken.json"
test ! -e broken.bundle
echo "all refused"
