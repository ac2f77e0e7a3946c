/**
 * Mutual TLS plumbing (A1, decision 006): the internal client CA that lets a fresh server enrol its first
 * machines and people without passwords, and the trust store and CRLs Tomcat checks client certificates
 * against. It depends on no other server package, so the TLS set-up in {@code web} can use it before the
 * rest of the application is ready.
 */
package io.inkan.server.identity.mtls;
