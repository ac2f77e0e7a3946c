package io.inkan.server.audit;

import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.identity.RoleBinding;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Read-only access to the audit trail (L3, L4): search, export, verification, the audit public key and
 * monthly reports. Auditors read their project's records, administrators everything; there is no
 * endpoint that changes or deletes a record.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final int MAX_PAGE = 1000;

    private final AuditStore store;
    private final TrailVerifier verifier;
    private final MonthlyReports reports;
    private final AuditExporter exporter;

    AuditController(AuditStore store, TrailVerifier verifier, MonthlyReports reports, AuditExporter exporter) {
        this.store = store;
        this.verifier = verifier;
        this.reports = reports;
        this.exporter = exporter;
    }

    @GetMapping("/records")
    @Audited(AuditAction.AUDIT_READ)
    AuditPage search(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                     @RequestParam(required = false) String project, @RequestParam(required = false) String principal,
                     @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
                     @RequestParam(required = false) String digest,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new Refusal(Problem.INVALID_PAGE,
                    "page must be 0 or more and size between 1 and " + MAX_PAGE);
        }
        AuditQuery query = new AuditQuery(from, to, project, principal, action, outcome, digest);
        return store.search(scoped(query), page, size);
    }

    @GetMapping("/export")
    @Audited(AuditAction.AUDIT_READ)
    void export(@RequestParam(defaultValue = "jsonl") String format,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                @RequestParam(required = false) String project, @RequestParam(required = false) String principal,
                @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
                @RequestParam(required = false) String digest, HttpServletResponse response) throws IOException {
        AuditQuery query = scoped(new AuditQuery(from, to, project, principal, action, outcome, digest));
        AuditExporter.Format chosen = AuditExporter.Format.parse(format);
        response.setContentType(chosen.mediaType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"inkan-audit." + chosen.extension() + "\"");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            if (query.isEverything() && chosen == AuditExporter.Format.JSONL) {
                verifier.exportComplete(out);
            } else {
                exporter.export(query, chosen, out);
            }
        }
    }

    @GetMapping("/verify")
    @Audited(AuditAction.AUDIT_READ)
    AuditVerification verify() {
        requireReader();
        return verifier.verify();
    }

    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    @Audited(AuditAction.AUDIT_READ)
    String publicKey() {
        requireReader();
        String base64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(verifier.publicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    @GetMapping("/reports/{project}/{month}")
    @Audited(AuditAction.AUDIT_READ)
    AuditReport report(@PathVariable String project, @PathVariable String month) {
        Access.requireAuditor(project);
        return reports.report(project, month);
    }

    @GetMapping(value = "/reports/{project}/{month}.html", produces = MediaType.TEXT_HTML_VALUE)
    @Audited(AuditAction.AUDIT_READ)
    String reportPage(@PathVariable String project, @PathVariable String month) {
        Access.requireAuditor(project);
        return ReportPage.render(reports.report(project, month), verifier.verify());
    }

    /** Auditors are confined to their project; administrators see all; nobody else reads the trail. */
    private static AuditQuery scoped(AuditQuery query) {
        if (query.project() != null) {
            Access.requireAuditor(query.project());
            return query;
        }
        InkanPrincipal principal = requireReader();
        if (principal.isAdmin()) {
            return query;
        }
        List<String> audited = auditedProjects(principal);
        if (audited.size() > 1) {
            throw new Refusal(Problem.PROJECT_REQUIRED,
                    "You audit several projects; name one with the 'project' filter");
        }
        return query.withProject(audited.get(0));
    }

    /** Administrators and auditors of at least one project read the trail (verify, public key). */
    private static InkanPrincipal requireReader() {
        InkanPrincipal principal = Access.current();
        if (!principal.isAdmin() && auditedProjects(principal).isEmpty()) {
            throw new Refusal(Problem.FORBIDDEN, "Reading the audit trail needs the auditor or administrator role");
        }
        return principal;
    }

    private static List<String> auditedProjects(InkanPrincipal principal) {
        return principal.bindings().stream().filter(binding -> binding.role() == Role.AUDITOR)
                .map(RoleBinding::project).distinct().toList();
    }
}
