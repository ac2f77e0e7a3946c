/**
 * The tamper-evident audit trail (L1–L4, decisions 005, 015, 016): every event appended to one hash chain
 * and Merkle tree whose head moves by compare-and-set, checkpoints signed by an audit key in the token,
 * inclusion promises, the verifier that names the first damaged record, search, export and monthly
 * reports. It exists apart so that recording is one operation every capability calls in the transaction
 * of its change, and so that appending a record also moves the configuration generation ({@code infra.cache}).
 */
package io.inkan.server.audit;
