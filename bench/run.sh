#!/usr/bin/env bash
# Builds Inkan and runs the hash-signing benchmark: HTTPS API versus the raw token, same JVM, same run.
# Options: --token pkcs11|software (default pkcs11, a fresh SoftHSM2 token), --http 2|1.1, --seconds N (per
# measurement, default 5), --clients 1,4,16, --keys rsa,ec, --batches 1,100. Needs softhsm2 for pkcs11 (scripts/install-test-tools.sh).
# 'bench/run.sh audit [--records N]' instead times verification of an audit trail of N (1,000,000) records.
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: the reactor's own jars end up on the classpath, ~/.m2 stays untouched.
./mvnw -B -q -DskipTests -pl bench -am package
cd bench
main=io.inkan.bench.HashSigningBenchmark
if [[ "${1:-}" == audit ]]; then
  main=io.inkan.bench.AuditVerificationBenchmark
  shift
fi
export SOFTHSM2_CONF="$PWD/target/softhsm/softhsm2.conf"
exec java -Xmx2g --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
  -cp "target/classes:$(cat target/classpath.txt)" "$main" "$@"
