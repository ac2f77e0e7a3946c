package io.inkan.client.audit;

import io.inkan.client.InkanJson;
import tools.jackson.databind.JsonNode;
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

    public static String headLine(AuditHead head) {
        return line("head", head);
    }

    /** Verifies a complete export file, streaming its records. */
    public static AuditVerification verify(Path file, PublicKey auditKey) throws IOException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        AuditHead head = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = parse(line);
                switch (node.path("type").asString()) {
                    case "checkpoint" -> checkpoints.add(JSON.treeToValue(node, AuditCheckpoint.class));
                    case "head" -> head = JSON.treeToValue(node, AuditHead.class);
                    default -> { }
                }
            }
        }
        AuditVerifier verifier = new AuditVerifier(checkpoints, auditKey, head);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = parse(line);
                if ("record".equals(node.path("type").asString())) {
                    verifier.accept(JSON.treeToValue(node, AuditEntry.class));
                }
            }
        }
        return verifier.finish();
    }

    private static JsonNode parse(String line) {
        return line.isBlank() ? JSON.createObjectNode() : JSON.readTree(line);
    }

    private static String line(String type, Object value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.setAll((ObjectNode) JSON.valueToTree(value));
        return JSON.writeValueAsString(node);
    }
}
