/**
 * The one way the server connects somewhere on its users' behalf (webhooks, external time-stamping
 * authorities): an address allow-list checked against each resolved connection, no redirects, no retries,
 * bounded replies. It exists so SSRF defence lives in one place; it imports no other server package.
 */
package io.inkan.server.outbound;
