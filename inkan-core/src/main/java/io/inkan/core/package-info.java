/**
 * The vocabulary client and server share (decision 001): key, digest and signature algorithms with the
 * JCA names verifiers use. No dependencies, so a drift between client and server is a compile error; the
 * API's JSON records are in {@code io.inkan.core.api}.
 */
package io.inkan.core;
