/**
 * The catalog of refusals an API call can meet ({@link io.inkan.server.infra.problem.Problem}) and the one
 * exception that carries them ({@link io.inkan.server.infra.problem.Refusal}). Capability code refuses a
 * request by throwing a {@code Refusal} of a catalog constant; only {@code io.inkan.server.web} turns it
 * into an HTTP status and problem+json, so the capability packages stay free of HTTP.
 *
 * <p>May import: the JDK only. Never a capability package, {@code web}, or Spring's web or HTTP types.
 */
package io.inkan.server.infra.problem;
