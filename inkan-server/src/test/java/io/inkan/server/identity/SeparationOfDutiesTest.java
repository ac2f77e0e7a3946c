package io.inkan.server.identity;

import io.inkan.server.infra.problem.Refusal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeparationOfDutiesTest {

    @Test
    void nobodyApprovesTheirOwnRequest() {
        assertThatThrownBy(() -> SeparationOfDuties.requireMayApprove("alice", List.of(), "alice"))
                .isInstanceOf(Refusal.class).hasMessageContaining("own request");
    }

    @Test
    void onePrincipalFillsOneApprovalSlot() {
        assertThatThrownBy(() -> SeparationOfDuties.requireMayApprove("alice", List.of("bob"), "bob"))
                .isInstanceOf(Refusal.class).hasMessageContaining("at most one approval slot");
    }

    @Test
    void anotherPrincipalMayApprove() {
        assertThatCode(() -> SeparationOfDuties.requireMayApprove("alice", List.of("bob"), "carol"))
                .doesNotThrowAnyException();
    }

    @Test
    void custodianAndApproverOfOneActivationDiffer() {
        assertThatThrownBy(() -> SeparationOfDuties.requireDistinct(List.of("dave", "erin"), List.of("erin")))
                .isInstanceOf(Refusal.class).hasMessageContaining("custodian may not approve");
        assertThatThrownBy(() -> SeparationOfDuties.requireDistinct(List.of("dave", "dave"), List.of("erin")))
                .isInstanceOf(Refusal.class).hasMessageContaining("custodian slot");
        assertThatThrownBy(() -> SeparationOfDuties.requireDistinct(List.of("dave"), List.of("erin", "erin")))
                .isInstanceOf(Refusal.class).hasMessageContaining("approval slot");
        assertThatCode(() -> SeparationOfDuties.requireDistinct(List.of("dave", "frank"), List.of("erin", "gina")))
                .doesNotThrowAnyException();
    }
}
