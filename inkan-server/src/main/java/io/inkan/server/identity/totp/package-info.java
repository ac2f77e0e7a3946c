/**
 * The second factor for key authorization level 2 (A6, M5, decision 006): TOTP (RFC 6238) enrolment,
 * verification with attempts and used time steps counted in the database (shared by all nodes, so a code
 * works once), lock-out and unlock by an administrator. Seeds are kept in a box derived from the master
 * key ({@code infra.secrets}). Separate from login on purpose: level 2 must not ride on the credential
 * that authenticated the request.
 */
package io.inkan.server.identity.totp;
