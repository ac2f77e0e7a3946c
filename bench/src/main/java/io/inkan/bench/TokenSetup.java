package io.inkan.bench;

import io.inkan.server.keys.pkcs11.SoftHsmFixture;

import java.util.Map;

/** Server configuration for the token under test: the software token, or a fresh SoftHSM2 token. */
final class TokenSetup {

    private TokenSetup() {
    }

    static String tokenName(String token) {
        return switch (token) {
            case "software" -> "software";
            case "pkcs11" -> "hsm";
            default -> throw new IllegalArgumentException("--token must be software or pkcs11");
        };
    }

    static Map<String, String> serverProperties(String token) {
        if (tokenName(token).equals("software")) {
            return Map.of("logging.level.root", "WARN");
        }
        SoftHsmFixture softHsm = SoftHsmFixture.shared();
        return Map.of("inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", softHsm.label(),
                "inkan.tokens.pkcs11[0].pin", softHsm.pin(),
                "logging.level.root", "WARN");
    }
}
