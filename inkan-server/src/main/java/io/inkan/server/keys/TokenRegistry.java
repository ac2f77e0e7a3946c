package io.inkan.server.keys;


import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured tokens by name. Keys record their token's name, so a key keeps working as long as a
 * token of that name is configured, whichever slot or library it moves to.
 */
public final class TokenRegistry implements AutoCloseable {

    private final Map<String, KeyToken> tokens = new LinkedHashMap<>();
    private final String defaultName;

    public TokenRegistry(Collection<KeyToken> configured, String defaultName) {
        for (KeyToken token : configured) {
            if (tokens.putIfAbsent(token.name(), token) != null) {
                throw new IllegalStateException("two tokens are named '" + token.name() + "'");
            }
        }
        if (!tokens.containsKey(defaultName)) {
            throw new IllegalStateException("default token '" + defaultName + "' is not configured");
        }
        this.defaultName = defaultName;
    }

    /** The token of that name; an API caller naming an unknown one gets a 400 problem. */
    public KeyToken get(String name) {
        KeyToken token = tokens.get(name == null || name.isBlank() ? defaultName : name);
        if (token == null) {
            throw new Refusal(Problem.UNKNOWN_TOKEN, "No token named '" + name + "' is configured");
        }
        return token;
    }

    public Collection<KeyToken> all() {
        return tokens.values();
    }

    @Override
    public void close() {
        tokens.values().forEach(KeyToken::close);
    }
}
