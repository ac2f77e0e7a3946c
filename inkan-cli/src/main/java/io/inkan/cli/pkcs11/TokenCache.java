package io.inkan.cli.pkcs11;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's view of the tokens, shared by its connections and reloaded from the server once it is older
 * than {@code maxAge}, so a rotation or a new profile shows up without restarting the agent while a burst of
 * tool runs costs one listing. When the server cannot be reached the last view is kept (a fresh agent with
 * no view shows no tokens), so an agent survives a server restart.
 */
final class TokenCache implements Supplier<TokenModel> {

    private final SigningBackend backend;
    private final Duration maxAge;
    private final Clock clock;
    private final Consumer<String> log;
    private TokenModel model;
    private Instant loadedAt;

    TokenCache(SigningBackend backend, Duration maxAge, Clock clock, Consumer<String> log) {
        this.backend = backend;
        this.maxAge = maxAge;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public synchronized TokenModel get() {
        Instant now = clock.instant();
        if (model == null || !now.isBefore(loadedAt.plus(maxAge))) {
            try {
                model = TokenModel.of(backend.profiles());
                loadedAt = now;
            } catch (RuntimeException e) {
                log.accept("cannot list the keys: " + e.getMessage());
                if (model == null) {
                    return new TokenModel(List.of());
                }
            }
        }
        return model;
    }
}
