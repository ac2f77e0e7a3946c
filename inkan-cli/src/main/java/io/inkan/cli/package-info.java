/**
 * The {@code inkan} command (C1, decisions 007, 014): picocli commands for signing, keys, profiles,
 * requests, audit, CA and administration, with configuration, credentials and exit codes. Artifact formats
 * are assembled here on the client ({@code io.inkan.cli.formats}); the server only ever sees digests.
 */
package io.inkan.cli;
