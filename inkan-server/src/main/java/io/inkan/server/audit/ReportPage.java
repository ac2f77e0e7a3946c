package io.inkan.server.audit;

import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;
import org.springframework.web.util.HtmlUtils;

import java.util.Map;

/**
 * Renders a monthly report as a self-contained HTML page a reviewer can open, print or attach to the
 * review minutes, together with the trail's integrity status at the time it was produced.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(AuditReport report, AuditVerification integrity) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Inkan audit report</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
                td,th{border:1px solid #999;padding:.3em .8em;text-align:left}.ok{color:#060}.bad{color:#a00}</style>
                </head><body>
                """);
        html.append("<h1>Audit report: ").append(escape(report.project())).append(", ").append(escape(report.month()))
                .append("</h1>\n");
        html.append("<p class=\"").append(integrity.intact() ? "ok" : "bad").append("\">Trail integrity: ")
                .append(escape(integrity.message())).append("</p>\n");
        html.append("<table><tr><th>Measure</th><th>Count</th></tr>\n");
        row(html, "Signatures (digests signed)", report.signatures());
        row(html, "Signing requests", report.signingRequests());
        row(html, "Denials", report.denials());
        row(html, "Rejected requests", report.rejections());
        row(html, "Server failures", report.failures());
        row(html, "Approvals", report.approvals());
        row(html, "Audit records", report.records());
        html.append("</table>\n");
        table(html, "Signatures per signer", "Signer", report.signaturesBySigner());
        table(html, "Signatures per key", "Key", report.signaturesByKey());
        table(html, "Signatures per profile", "Profile", report.signaturesByProfile());
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, String title, String column, Map<String, Long> counts) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
        if (counts.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><tr><th>").append(escape(column)).append("</th><th>Signatures</th></tr>\n");
        counts.forEach((name, count) -> row(html, name, count));
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String name, long count) {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(count).append("</td></tr>\n");
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
