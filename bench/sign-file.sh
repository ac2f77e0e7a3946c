#!/usr/bin/env bash
# Times `inkan sign --format raw|cms` on one large file (default 1 GiB) against `openssl dgst -sha256`
# on the same file, through a local server on the software token. Usage: bench/sign-file.sh [SIZE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl bench,inkan-cli -am package
cd bench
exec java -cp "target/classes:$(cat target/classpath.txt)" io.inkan.bench.FileSigningBenchmark \
  ../inkan-cli/target/inkan-cli.jar "${1:-1024}"
