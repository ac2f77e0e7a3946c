package io.inkan.server.keys;

import io.inkan.server.InkanProperties;
import io.inkan.server.keys.pkcs11.Pkcs11Token;
import io.inkan.server.infra.secrets.MasterKey;
import io.inkan.server.keys.software.SoftwareKeyMaterialStore;
import io.inkan.server.keys.software.SoftwareToken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured tokens: always the software token, plus each configured PKCS#11 token. */
@Configuration
class TokenConfiguration {

    /** The one source of randomness for keys, handles and secrets (M8): the platform's SecureRandom. */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean(destroyMethod = "close")
    TokenRegistry tokenRegistry(InkanProperties properties, JdbcClient jdbc, SecureRandom random, MasterKey masterKey,
                                Clock clock) {
        List<KeyToken> tokens = new ArrayList<>();
        tokens.add(new SoftwareToken(properties.softwareToken().name(), masterKey.key(),
                new SoftwareKeyMaterialStore(jdbc, clock), random));
        properties.tokens().pkcs11().forEach(settings -> tokens.add(new Pkcs11Token(settings)));
        return new TokenRegistry(tokens, properties.defaultToken());
    }
}
