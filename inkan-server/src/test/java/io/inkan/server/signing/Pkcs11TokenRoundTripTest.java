package io.inkan.server.signing;

import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trips on a SoftHSM2 token initialised by the test run, configured exactly as an operator
 * would configure an HSM; plus proof from {@code pkcs11-tool} that the generated keys are not extractable.
 */
class Pkcs11TokenRoundTripTest extends HashSigningRoundTripContract {

    @Override
    String tokenName() {
        return "hsm";
    }

    @Override
    Map<String, String> tokenProperties() {
        SoftHsmFixture token = SoftHsmFixture.shared();
        return Map.of("inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", token.label(),
                "inkan.tokens.pkcs11[0].pin", token.pin());
    }

    @Test
    void apiKeysLiveInTheHsmAndAreNeverExtractable() {
        ExternalTools.require("pkcs11-tool");
        String objects = SoftHsmFixture.shared().listObjects();
        for (var key : keys.values()) {
            assertThat(key.get("tokenKind").asString()).isEqualTo("PKCS11");
        }
        String[] privateKeys = objects.split("Private Key Object");
        assertThat(privateKeys.length - 1).as("private keys on the token").isGreaterThanOrEqualTo(keys.size());
        for (int i = 1; i < privateKeys.length; i++) {
            String object = privateKeys[i].split("Public Key Object")[0];
            assertThat(object).contains("never extractable").contains("sensitive");
        }
    }
}
