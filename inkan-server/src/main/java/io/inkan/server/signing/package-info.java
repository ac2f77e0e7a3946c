/**
 * Hash signing (S1–S3, K7, decision 013): signing profiles, key sets with rotation and published old
 * certificates, and the single and batch signing requests, whose hot path reads only cached configuration,
 * lets the token sign outside any transaction and then records the signature. The key itself is reached
 * only through {@code sam}.
 */
package io.inkan.server.signing;
