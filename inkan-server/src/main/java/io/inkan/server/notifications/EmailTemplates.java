package io.inkan.server.notifications;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text emails from templates under {@code notifications/<event>.txt} (first line
 * {@code Subject: ...}), with {@code ${name}} placeholders filled from the event. Values are
 * single-lined, so a reason or artifact name cannot forge further headers or lines of the message.
 */
@Component
class EmailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z]+)}");
    private static final int MAX_VALUE = 500;

    private final Map<WorkflowEvent.Type, String> templates = new EnumMap<>(WorkflowEvent.Type.class);
    private final String certificateExpiring = load("notifications/certificate-expiring.txt");
    private final String secondFactorLocked = load("notifications/second-factor-locked.txt");
    private final String publicUrl;

    EmailTemplates(NotificationProperties properties) {
        String base = properties.publicUrl().toString();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        for (WorkflowEvent.Type type : WorkflowEvent.Type.values()) {
            templates.put(type, load("notifications/" + type.name().toLowerCase(Locale.ROOT) + ".txt"));
        }
    }

    /** An email's subject and body. */
    record Email(String subject, String body) {
    }

    Email render(WorkflowEvent event) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("requestId", event.requestId());
        values.put("project", event.project());
        values.put("profile", event.profile());
        values.put("requester", event.requester());
        values.put("reason", event.reason());
        values.put("ciRunUrl", event.ciRunUrl() == null ? "-" : event.ciRunUrl());
        values.put("artifacts", event.artifacts().isEmpty() ? "(release window)" : String.join(", ", event.artifacts()));
        values.put("approvalsRequired", Integer.toString(event.approvalsRequired()));
        values.put("approvals", Integer.toString(event.approvals()));
        values.put("expiresAt", event.expiresAt().toString());
        values.put("link", link(event));
        return email(fill(templates.get(event.type()), values));
    }

    /** The warning to a project's custodians that a key's certificate expires soon (K9). */
    Email renderCertificateExpiring(String project, String key, Instant notAfter, long days) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", project);
        values.put("key", key);
        values.put("notAfter", notAfter.toString());
        values.put("days", Long.toString(days));
        values.put("link", keyLink(project, key));
        return email(fill(certificateExpiring, values));
    }

    /** The alarm that wrong codes locked a principal's second factor. */
    Email renderSecondFactorLocked(String principal, Instant lockedUntil, int failures) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("principal", principal);
        values.put("lockedUntil", lockedUntil.toString());
        values.put("failures", Integer.toString(failures));
        return email(fill(secondFactorLocked, values));
    }

    /** Where the key can be looked at. */
    String keyLink(String project, String key) {
        return publicUrl + "/api/v1/projects/" + project + "/keys/" + key;
    }

    private static Email email(String text) {
        int end = text.indexOf('\n');
        return new Email(text.substring("Subject: ".length(), end).trim(), text.substring(end + 1));
    }

    /** Where the request can be looked at. */
    String link(WorkflowEvent event) {
        return publicUrl + "/api/v1/projects/" + event.project() + "/requests/" + event.requestId();
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("unknown placeholder " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(singleLine(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String singleLine(String value) {
        String flat = value.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ");
        return flat.length() > MAX_VALUE ? flat.substring(0, MAX_VALUE) + "..." : flat;
    }

    private static String load(String path) {
        try {
            return new String(new ClassPathResource(path).getContentAsByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing email template " + path, e);
        }
    }
}
