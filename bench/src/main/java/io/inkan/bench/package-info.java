/**
 * Benchmarks (O5): hash signing, file signing and audit verification against a real server, measured side
 * by side with the raw token in one run so the service's overhead is visible. Run through bench/run.sh;
 * figures, not assertions.
 */
package io.inkan.bench;
