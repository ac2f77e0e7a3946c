package io.inkan.client.audit;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
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

    /**
     * The bytes {@link AuditEntry#hash()} is computed over: every field except the hash itself, written
     * in sorted key order directly (the same bytes as a sorted map, without building one per record).
     */
    public static byte[] canonical(AuditEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = CANONICAL.createGenerator(out)) {
            json.writeStartObject();
            string(json, "action", entry.action());
            string(json, "data", entry.data());
            string(json, "detail", entry.detail());
            string(json, "outcome", entry.outcome());
            string(json, "prevHash", entry.prevHash());
            string(json, "principal", entry.principal());
            string(json, "project", entry.project());
            json.writeNumberProperty("seq", entry.seq());
            string(json, "source", entry.source());
            string(json, "time", entry.time());
            json.writeEndObject();
        }
        return out.toByteArray();
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

    private static void string(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
