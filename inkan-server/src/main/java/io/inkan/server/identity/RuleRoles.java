package io.inkan.server.identity;

import io.inkan.server.InkanProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * Refuses to start when a directory rule ({@code inkan.ldap.rules}) or a CI rule ({@code inkan.oidc.issuers[].rules})
 * names a role that no rule can grant: a misspelled role would otherwise grant nothing, in silence, and
 * {@code admin} is never granted by a rule. Runs once the configuration is read, before any bean exists,
 * so the failure's first line names the setting and the valid roles. Registered in
 * {@code META-INF/spring.factories}.
 */
public class RuleRoles implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** After {@code LoggingApplicationListener} (+20), so the refusal is logged as usual. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 21;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Binder binder = Binder.get(event.getEnvironment());
        List<InkanProperties.LdapRule> directoryRules = binder.bind("inkan.ldap.rules",
                Bindable.listOf(InkanProperties.LdapRule.class)).orElse(List.of());
        check("inkan.ldap.rules", directoryRules.stream().map(InkanProperties.LdapRule::role).toList());
        List<InkanProperties.OidcIssuer> issuers = binder.bind("inkan.oidc.issuers",
                Bindable.listOf(InkanProperties.OidcIssuer.class)).orElse(List.of());
        for (int i = 0; i < issuers.size(); i++) {
            check("inkan.oidc.issuers[" + i + "].rules",
                    issuers.get(i).rules().stream().map(InkanProperties.OidcRule::role).toList());
        }
    }

    private static void check(String setting, List<String> roles) {
        for (int i = 0; i < roles.size(); i++) {
            Role.ofRule(roles.get(i), setting + "[" + i + "].role");
        }
    }
}
