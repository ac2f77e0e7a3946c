package io.inkan.client.audit;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical encoding of audit records and checkpoints, shared by the server that writes the trail and
 * every verifier (API, CLI, offline): a JSON object with keys in sorted order, no whitespace, UTF-8,
 * absent values as {@code null}. Writer and verifier must agree byte for byte, so there is exactly one
 * implementation.
 */
public final class AuditChain {

    /** The {@code prevHash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private AuditChain() {
    }

    /** The bytes {@link AuditEntry#hash()} is computed over: every field except the hash itself. */
    public static byte[] canonical(AuditEntry entry) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", entry.seq());
        fields.put("time", entry.time());
        fields.put("principal", entry.principal());
        fields.put("source", entry.source());
        fields.put("action", entry.action());
        fields.put("outcome", entry.outcome());
        fields.put("project", entry.project());
        fields.put("detail", entry.detail());
        fields.put("data", entry.data());
        fields.put("prevHash", entry.prevHash());
        return CANONICAL.writeValueAsBytes(fields);
    }

    /** Hex SHA-256 of the record's canonical encoding. */
    public static String hash(AuditEntry entry) {
        return HexFormat.of().formatHex(sha256().digest(canonical(entry)));
    }

    /** The record with its hash filled in. */
    public static AuditEntry seal(AuditEntry entry) {
        return new AuditEntry(entry.seq(), entry.time(), entry.principal(), entry.source(), entry.action(),
                entry.outcome(), entry.project(), entry.detail(), entry.data(), entry.prevHash(), hash(entry));
    }

    /** The bytes a checkpoint's signature covers: its position, the record hash there and when it was signed. */
    public static byte[] checkpointContent(long seq, String hash, String signedAt) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", seq);
        fields.put("hash", hash);
        fields.put("signedAt", signedAt);
        fields.put("type", "inkan-audit-checkpoint");
        return CANONICAL.writeValueAsBytes(fields);
    }

    /** Canonical JSON of structured record data (e.g. the digests of a batch), for {@link AuditEntry#data()}. */
    public static String canonicalJson(Map<String, ?> data) {
        return new String(CANONICAL.writeValueAsBytes(new TreeMap<>(data)), StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
