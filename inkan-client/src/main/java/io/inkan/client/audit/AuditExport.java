package io.inkan.client.audit;

import io.inkan.client.InkanJson;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The JSON-lines export of the trail: one JSON object per line, each with a {@code type} of
 * {@code record}, {@code checkpoint} or {@code head}. A complete export (all records, checkpoints and
 * the head) can be verified offline with only the audit public key; a filtered export is for reading.
 */
public final class AuditExport {

    private static final JsonMapper JSON = InkanJson.newMapper();

    private AuditExport() {
    }

    public static String recordLine(AuditEntry entry) {
        return line("record", entry);
    }

    public static String checkpointLine(AuditCheckpoint checkpoint) {
        return line("checkpoint", checkpoint);
    }

    /** A checkpoint's signed note as the live copy keeps it, a witness outside the database. */
    public static String checkpointNoteLine(long size, String note) {
        return line("checkpoint-note", Map.of("size", size, "note", note));
    }

    /** The audit key's statement vouching for a node run's receipt key. */
    public static String receiptKeyLine(String statement) {
        return line("receipt_key", Map.of("statement", statement));
    }

    /** The promise of inclusion of a record that no checkpoint covers yet. */
    public static String promiseLine(long seq, String promise) {
        return line("promise", Map.of("seq", seq, "note", promise));
    }

    /** The checkpoint cadence the server is configured with, which no database edit can change. */
    public static String cadenceLine(AuditEvidence.Cadence cadence) {
        return line("cadence", cadence);
    }

    public static String headLine(AuditHead head) {
        return line("head", head);
    }

    /**
     * Verifies a complete export file, streaming its records: a first pass collects the head and the
     * checkpoints, a second feeds the records to an {@link AuditVerifier}, parsed and hashed on all cores. Lines as this class writes
     * them are recognised by their prefix; any other formatting is parsed as a JSON tree.
     */
    public static AuditVerification verify(Path file, PublicKey auditKey) throws IOException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        java.util.Map<Long, String> promises = new java.util.HashMap<>();
        AuditHead[] head = {null};
        AuditEvidence.Cadence[] cadence = {null};
        forEachLine(file, (type, line) -> {
            switch (type) {
                case CHECKPOINT -> checkpoints.add(JSON.readValue(line, AuditCheckpoint.class));
                case HEAD -> head[0] = JSON.readValue(line, AuditHead.class);
                case CADENCE -> cadence[0] = JSON.readValue(line, AuditEvidence.Cadence.class);
                case RECEIPT_KEY -> statements.add(JSON.readTree(line).path("statement").asString());
                case PROMISE -> {
                    var node = JSON.readTree(line);
                    promises.put(node.path("seq").asLong(), node.path("note").asString());
                }
                default -> { }
            }
        });
        AuditEvidence evidence = AuditEvidence.of(checkpoints, auditKey, head[0], statements, promises)
                .withCadence(cadence[0]);
        try (AuditPipeline<String> pipeline = new AuditPipeline<>(new AuditVerifier(evidence),
                line -> JSON.readValue(line, AuditEntry.class))) {
            forEachLine(file, (type, line) -> {
                if (type == LineType.RECORD) {
                    pipeline.add(line);
                }
            });
            return pipeline.finish();
        }
    }

    private static void forEachLine(Path file, BiConsumer<LineType, String> handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    handler.accept(LineType.of(line), line);
                }
            }
        }
    }

    /** What a line holds, from the {@code type} member this class writes first. */
    private enum LineType {
        RECORD, CHECKPOINT, HEAD, CADENCE, RECEIPT_KEY, PROMISE, OTHER;

        static LineType of(String line) {
            for (LineType type : values()) {
                if (line.startsWith("{\"type\":\"" + type.name().toLowerCase(Locale.ROOT) + "\"")) {
                    return type;
                }
            }
            String type = JSON.readTree(line).path("type").asString();
            for (LineType known : values()) {
                if (known.name().toLowerCase(Locale.ROOT).equals(type)) {
                    return known;
                }
            }
            return OTHER;
        }
    }

    private static String line(String type, Object value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.setAll((ObjectNode) JSON.valueToTree(value));
        return JSON.writeValueAsString(node);
    }
}
