/**
 * What a signing profile allows (W1, decision 009): the policy record (automatic, approvals M of N,
 * release windows, artifact types and name patterns, limits), its sealed storage and validation, name
 * globs, and the profile rate limit counted in the database so it holds across nodes. Policies are
 * cached under the configuration generation.
 */
package io.inkan.server.policy;
