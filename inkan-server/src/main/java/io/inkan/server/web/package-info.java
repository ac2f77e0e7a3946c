/**
 * The cross-cutting HTTP edge: every refusal rendered as RFC 9457 problem+json and recorded in the audit
 * trail under the endpoint's action (decision 004, C6), container errors and the error endpoint, TLS with
 * a generated certificate on first start, request size limits, strict JSON, and the OpenAPI description.
 * Controllers stay in their capability packages; only what concerns every endpoint lives here.
 */
package io.inkan.server.web;
