/**
 * Infrastructure: the time of day. The server reads wall-clock time only through the one
 * {@link java.time.Clock} bean defined here, so expiry, cadence and validity decisions can be tested by
 * moving a clock instead of sleeping. Monotonic elapsed-time measurements ({@code System.nanoTime})
 * are not time of day and stay as they are. Imports nothing from capability packages nor from web.
 */
package io.inkan.server.infra.time;
