/**
 * The typed test kit: what server tests repeat when they talk to the API, written once. A profile's
 * signing calls ({@link io.inkan.server.testkit.ProfileApi}), the endpoints' paths
 * ({@link io.inkan.server.testkit.ApiPaths}), digests to sign ({@link io.inkan.server.testkit.Digests}),
 * refusals with their problem type and audit record ({@link io.inkan.server.testkit.Refusals}), a clock
 * tests move instead of sleeping ({@link io.inkan.server.testkit.TestClock}) and nodes sharing one
 * PostgreSQL database ({@link io.inkan.server.testkit.SharedDatabase}, {@link io.inkan.server.testkit.TwoNodes}).
 *
 * <p>It builds on {@link io.inkan.server.testing}, the harness underneath (a real server, a raw JSON
 * caller, provisioning, external tools, test PKI), which tests keep using directly when they need to
 * send what no typed call would.
 */
package io.inkan.server.testkit;
