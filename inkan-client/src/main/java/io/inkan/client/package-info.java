/**
 * The Java client of Inkan's HTTPS API: hashes files locally, sends digests, returns signatures and
 * chains, and turns problem+json into typed exceptions. It is what the CLI, the JCA provider and build
 * plug-ins share, so they all speak to the server the same way; the JSON records come from
 * {@code inkan-core}.
 */
package io.inkan.client;
