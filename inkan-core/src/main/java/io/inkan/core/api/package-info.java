/**
 * JSON shapes of the Inkan HTTPS API, shared by the server and every client so the two cannot drift.
 * Binary values (digests, signatures, keys, certificates) travel as base64; the server also accepts
 * base64url on input.
 */
package io.inkan.core.api;
