package io.inkan.server.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog of recorded actions against docs/audit.md: the table lists exactly the catalog's names, each
 * with the catalog's answer to whether it changes configuration; and what moves the configuration generation.
 */
class AuditActionCatalogTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "audit.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (yes|no) \\|");

    @Test
    void theDocumentationListsExactlyTheCatalog() throws IOException {
        Map<String, Boolean> documented = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(DOCUMENT)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Recorded actions");
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                assertThat(documented.put(row.group(1), row.group(2).equals("yes"))).as("listed twice: " + row.group(1)).isNull();
            }
        }
        Map<String, Boolean> catalog = Arrays.stream(AuditAction.values()).collect(Collectors.toMap(AuditAction::value,
                AuditAction::changesConfiguration, (a, b) -> a, LinkedHashMap::new));
        assertThat(documented).containsExactlyEntriesOf(catalog);
    }

    @Test
    void namesAreThoseOfTheTrailAndDistinct() {
        assertThat(AuditAction.SAD_ISSUE.value()).isEqualTo("sad.issue");
        assertThat(AuditAction.TOTP_LOCK.value()).isEqualTo("totp.lock");
        assertThat(AuditAction.ROLE_BIND.value()).isEqualTo("role.bind");
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::value)).doesNotHaveDuplicates();
        assertThat(AuditAction.isApproval("approval.approve")).isTrue();
        assertThat(AuditAction.isApproval("signing-request.create")).isFalse();
    }

    @Test
    void signingAndReadsLeaveCachedConfigurationValid() {
        for (AuditAction action : new AuditAction[]{AuditAction.SAD_ISSUE, AuditAction.SIGN, AuditAction.TIMESTAMP,
                AuditAction.AUTHENTICATE, AuditAction.APPROVAL_APPROVE, AuditAction.SIGNING_REQUEST_SIGNED}) {
            assertThat(AuditLog.changesConfiguration(action, Outcome.SUCCESS)).as(action.value()).isFalse();
        }
        for (AuditAction action : AuditAction.values()) {
            if (action.value().endsWith(".read")) {
                assertThat(action.changesConfiguration()).as(action.value()).isFalse();
            }
        }
    }

    @Test
    void configurationChangesMoveTheGenerationUnlessRefused() {
        for (AuditAction action : new AuditAction[]{AuditAction.TOKEN_REVOKE, AuditAction.ROLE_UNBIND,
                AuditAction.KEY_DISABLE, AuditAction.POLICY_SET, AuditAction.PROFILE_ROTATE, AuditAction.KEY_ACTIVATION_POLICY}) {
            assertThat(AuditLog.changesConfiguration(action, Outcome.SUCCESS)).as(action.value()).isTrue();
            assertThat(AuditLog.changesConfiguration(action, Outcome.FAILED)).as(action.value()).isTrue();
            assertThat(AuditLog.changesConfiguration(action, Outcome.DENIED)).as(action.value()).isFalse();
            assertThat(AuditLog.changesConfiguration(action, Outcome.REJECTED)).as(action.value()).isFalse();
        }
    }
}
