package io.inkan.server.sam;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run-time half of the service-signing allow-list: a purpose asked for by a class that is not on its
 * list is refused before any key is looked at; a purpose goes only through the entry point for its kind
 * of key; and CRLs are the only project-key signatures exempt from M-of-N activation.
 */
class ServicePurposeTest {

    private final ServiceSigning serviceSigning = new ServiceSigning(null, null);
    private final ProjectKeySigning projectKeySigning = new ProjectKeySigning(serviceSigning, null);

    @Test
    void aPurposeIsRefusedToAClassOffItsAllowList() {
        assertThatThrownBy(() -> serviceSigning.sign(null, null, null, new byte[32], ServicePurpose.AUDIT_CHECKPOINT))
                .isInstanceOf(SecurityException.class)
                .hasMessage("service activation 'audit-checkpoint' is not allowed from " + getClass().getName());
        assertThatThrownBy(() -> serviceSigning.contentSigner(null, null, null, ServicePurpose.TIMESTAMP))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> projectKeySigning.contentSigner(null, ServicePurpose.CERTIFICATE_REQUEST))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void aPurposeGoesOnlyThroughTheEntryPointForItsKindOfKey() {
        assertThatThrownBy(() -> serviceSigning.sign(null, null, null, new byte[32], ServicePurpose.CRL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projectKeySigning.contentSigner(null, ServicePurpose.AUDIT_CHECKPOINT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.stream(ServicePurpose.values())
                .filter(purpose -> purpose.scope() == ServicePurpose.Scope.PROJECT_KEY_WITHOUT_ACTIVATION))
                .as("the one documented exemption from M-of-N activation (decision 010)")
                .containsExactly(ServicePurpose.CRL);
    }
}
