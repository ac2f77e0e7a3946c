#!/usr/bin/env bash
# Times openssl signing a file (default 64 MiB) with a local key file versus an Inkan key through
# `inkan pkcs11 serve`, and the agent path's per-signature cost. Usage: bench/pkcs11-agent.sh [SIZE_MIB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl bench,inkan-cli -am package
cd bench
exec java -cp "target/classes:$(cat target/classpath.txt)" io.inkan.bench.Pkcs11AgentBenchmark \
  ../inkan-cli/target/inkan-cli.jar "${1:-64}" "${2:-50}"
