package io.inkan.server.architecture.bypass;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;

import java.security.PublicKey;

/**
 * A fixture that takes the service-signing path from a class on no purpose's allow-list, by a method
 * reference and under a borrowed purpose. {@code SignatureActivationArchitectureTest} expects its rule to
 * flag both.
 */
final class ServiceSigningReference {

    /** The shape of {@link ServiceSigning#sign}, so {@code signing::sign} can be held. */
    interface ServiceSign {
        byte[] sign(KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm, byte[] input, ServicePurpose purpose);
    }

    ServiceSign signerOf(ServiceSigning signing) {
        return signing::sign;
    }

    ServicePurpose borrowed() {
        return ServicePurpose.AUDIT_CHECKPOINT;
    }
}
