#!/usr/bin/env bash
# Builds Inkan (tests skipped) and starts the server with embedded defaults:
# H2 database, software token and generated TLS certificate under ./inkan-data, HTTPS on port 8443.
# On the first start the bootstrap administrator token is printed once.
# Extra arguments go to the server, e.g. --server.port=9443 or --inkan.data-dir=/var/lib/inkan.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests install
jar=$(ls inkan-server/target/inkan-server-*-exec.jar | head -n 1)
exec java -jar "$jar" "$@"
