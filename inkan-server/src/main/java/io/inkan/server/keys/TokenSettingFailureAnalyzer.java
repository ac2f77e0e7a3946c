package io.inkan.server.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up that failed on a token's configuration into Spring Boot's "APPLICATION FAILED TO START"
 * report whose description begins with the setting to fix, and whose action says how. Without it the
 * cause sat at the end of a 1 700-character line that began with whichever filter first needed the
 * tokens. Registered in {@code META-INF/spring.factories}.
 */
public class TokenSettingFailureAnalyzer extends AbstractFailureAnalyzer<TokenSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenSettingException cause) {
        return new FailureAnalysis(cause.setting() + ": " + cause.getMessage(), cause.action(), cause);
    }
}
