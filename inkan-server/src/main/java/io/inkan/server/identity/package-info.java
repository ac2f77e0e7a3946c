/**
 * Who is calling and what they may do (A1–A5, decisions 003, 006): principals and their role bindings,
 * API tokens stored hashed, the authentication filters for tokens and client certificates (which record
 * their own refusals, since no controller has run yet), the per-request access checks, project isolation
 * and separation of duties. Its subpackages add the other ways in: mutual TLS, OIDC workload identity,
 * LDAP groups and the TOTP second factor. Principals and tokens are cached under the configuration generation.
 */
package io.inkan.server.identity;
