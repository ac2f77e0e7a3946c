/**
 * CI workload identity (A8, decision 006): an OIDC JWT from the CI system, verified against that system's
 * JWKS and mapped by configured rules to a project and role, so pipelines sign without long-lived secrets.
 * See docs/ci.md for the rules of each CI system.
 */
package io.inkan.server.identity.oidc;
