package io.inkan.client;

import io.inkan.client.audit.AuditConsistencyProof;
import io.inkan.client.audit.AuditInclusionProof;
import io.inkan.client.audit.AuditKeySet;
import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;
import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.inkan.client.ApiConnection.path;
import static io.inkan.client.ApiConnection.query;

/** {@link AuditClient} over the API. */
final class HttpAuditClient implements AuditClient {

    private final ApiConnection api;

    HttpAuditClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public AuditVerification verify() {
        return api.call("GET", "/audit/verify", null, AuditVerification.class);
    }

    @Override
    public AuditPage search(Map<String, String> filters, int page, int size) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return api.call("GET", "/audit/records" + query(query), null, AuditPage.class);
    }

    @Override
    public void export(Map<String, String> filters, String format, Path output) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("format", format);
        api.download("/audit/export" + query(query), output);
    }

    @Override
    public String publicKey() {
        return api.text("/audit/public-key", "application/x-pem-file, application/problem+json");
    }

    @Override
    public String checkpoint() {
        return api.text("/audit/checkpoint", "text/plain, application/problem+json");
    }

    @Override
    public String checkpoint(long size) {
        return api.text("/audit/checkpoint" + query(Map.of("size", Long.toString(size))),
                "text/plain, application/problem+json");
    }

    @Override
    public AuditInclusionProof inclusionProof(long record, long size) {
        return api.call("GET", "/audit/proof/inclusion" + query(Map.of("record", Long.toString(record),
                "size", Long.toString(size))), null, AuditInclusionProof.class);
    }

    @Override
    public AuditConsistencyProof consistencyProof(long from, long to) {
        return api.call("GET", "/audit/proof/consistency" + query(Map.of("from", Long.toString(from),
                "to", Long.toString(to))), null, AuditConsistencyProof.class);
    }

    @Override
    public AuditKeySet keys() {
        return api.call("GET", "/audit/keys", null, AuditKeySet.class);
    }

    @Override
    public String rotateKey() {
        Map<String, String> rotated = api.call("POST", "/audit/keys/rotate", Map.of(), new TypeReference<>() { });
        return rotated.get("id");
    }

    @Override
    public AuditReport report(String project, String month) {
        return api.call("GET", path("audit", "reports", project, month), null, AuditReport.class);
    }

    @Override
    public String reportHtml(String project, String month) {
        return api.text(path("audit", "reports", project, month + ".html"), "text/html, application/problem+json");
    }
}
