/**
 * The Inkan signing service: its entry point, the operator's {@code inkan.*} properties and the owner-only
 * data directory that holds the embedded database, master key, TLS key and logs. Everything else lives in
 * one package per capability or under {@code infra}; docs/architecture.md maps them. Any package may import
 * this one; it imports only what its properties describe (the PKCS#11 token settings).
 */
package io.inkan.server;
