/**
 * Certificates for project keys and the private CA (K5, K9, decision 010): CSRs signed in the token,
 * certificate and chain import checked against the key and the trust anchors, root and intermediate
 * authorities issuing code-signing certificates, stored CRLs served also over plain HTTP, and expiry
 * warnings. Every signature with a project key goes through the Signature Activation Module ({@code sam}),
 * so a certificate or CSR needs the same activation as any other use of the key.
 */
package io.inkan.server.ca;
