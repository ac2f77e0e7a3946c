package io.inkan.server.keys;

/**
 * A token cannot be opened because of how it is configured (a PIN that is not where the settings say, a
 * label no slot carries, a library that does not load). It names the setting to change and what to do, so
 * that a server that fails to start says so in its first line ({@link TokenSettingFailureAnalyzer})
 * instead of at the end of a chain of bean-creation errors. Like every {@link TokenException} it carries
 * no PIN or other secret.
 */
public class TokenSettingException extends TokenException {

    private final String setting;
    private final String action;

    /**
     * @param setting the property to fix, e.g. {@code inkan.tokens.pkcs11[].pin-env}
     * @param message what is wrong, naming the token
     * @param action  what to do about it
     */
    public TokenSettingException(String setting, String message, String action) {
        super(message);
        this.setting = setting;
        this.action = action;
    }

    public TokenSettingException(String setting, String message, String action, Throwable cause) {
        super(message, cause);
        this.setting = setting;
        this.action = action;
    }

    public String setting() {
        return setting;
    }

    public String action() {
        return action;
    }
}
