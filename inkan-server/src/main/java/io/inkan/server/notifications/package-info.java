/**
 * Telling people what waits for them (W3, decision 009): email over SMTP and signed webhooks for workflow
 * events, reminders and expiry, and the addresses and webhook secrets behind them. Outbound HTTP goes only
 * through {@code outbound}; webhook keys are kept in a box derived from the master key.
 */
package io.inkan.server.notifications;
