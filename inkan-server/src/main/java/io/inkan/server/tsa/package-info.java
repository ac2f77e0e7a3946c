/**
 * RFC 3161 time-stamping (S5, decision 012): the built-in TSA with its own server key and certificate,
 * per-profile timestamping with the built-in or an external TSA (reached through {@code outbound}), serial
 * numbers unique across nodes, and a per-node flood shield in memory.
 */
package io.inkan.server.tsa;
