/**
 * The audit trail's shapes, canonical encoding and verifier, shared by the server (which writes and
 * verifies the trail) and the CLI (which verifies exports offline), so both judge the same bytes.
 */
package io.inkan.client.audit;
