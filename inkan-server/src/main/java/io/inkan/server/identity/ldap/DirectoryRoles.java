package io.inkan.server.identity.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import io.inkan.server.InkanProperties;
import io.inkan.server.identity.Role;
import io.inkan.server.identity.RoleBinding;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Role bindings from directory groups (A7): a principal's name is looked up as an LDAP / Active
 * Directory user, and each configured group it is a member of grants a project role. Inkan still decides
 * who may sign in (a registered principal); the directory adds what they may do, so leaving a group
 * withdraws the role within the cache time. A directory that cannot be reached grants nothing.
 */
@Component
public class DirectoryRoles implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRoles.class);
    private static final int MAX_GROUPS = 1000;

    private final InkanProperties.Ldap settings;
    private final Projects projects;
    private final LDAPConnectionPool pool;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    DirectoryRoles(InkanProperties properties, Projects projects, Clock clock) {
        this.settings = properties.ldap();
        this.projects = projects;
        this.pool = settings.url() == null ? null : connect(settings);
        this.clock = clock;
    }

    /** The bindings the directory grants the user named {@code name}; none when no directory is configured. */
    public List<RoleBinding> bindingsOf(String name) {
        if (pool == null) {
            return List.of();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.bindings();
        }
        List<RoleBinding> bindings = lookup(name);
        cache.put(name, new Cached(bindings, now.plus(Duration.ofSeconds(settings.cacheSeconds()))));
        return bindings;
    }

    private List<RoleBinding> lookup(String name) {
        try {
            SearchResult users = pool.search(settings.userBaseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter(settings.userAttribute(), name), "1.1");
            if (users.getEntryCount() != 1) {
                return List.of();
            }
            String userDn = users.getSearchEntries().get(0).getDN();
            SearchResult groups = pool.search(settings.groupBaseDn(), SearchScope.SUB,
                    Filter.createEqualityFilter(settings.memberAttribute(), userDn), "1.1");
            List<RoleBinding> bindings = new ArrayList<>();
            for (SearchResultEntry group : groups.getSearchEntries().subList(0, Math.min(MAX_GROUPS, groups.getEntryCount()))) {
                DN groupDn = group.getParsedDN();
                for (InkanProperties.LdapRule rule : settings.rules()) {
                    binding(rule).filter(b -> sameDn(groupDn, rule.group())).ifPresent(bindings::add);
                }
            }
            return bindings.stream().distinct().toList();
        } catch (LDAPException e) {
            LOG.warn("Directory lookup of '{}' failed; no directory roles granted: {}", name, e.getMessage());
            return List.of();
        }
    }

    private Optional<RoleBinding> binding(InkanProperties.LdapRule rule) {
        Role role = Role.fromApiName(rule.role());
        if (rule.project() == null) {
            return Optional.empty();
        }
        return projects.find(rule.project()).map((Project p) -> new RoleBinding(role, p.id(), p.name()));
    }

    private static boolean sameDn(DN groupDn, String configured) {
        try {
            return groupDn.equals(new DN(configured));
        } catch (LDAPException e) {
            return false;
        }
    }

    private static LDAPConnectionPool connect(InkanProperties.Ldap settings) {
        URI url = settings.url();
        boolean tls = "ldaps".equals(url.getScheme());
        if (!tls && !"ldap".equals(url.getScheme())) {
            throw new IllegalStateException("inkan.ldap.url must be ldaps://host:port or ldap://host:port");
        }
        try {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(5_000);
            options.setResponseTimeoutMillis(5_000);
            LDAPConnection connection;
            if (tls) {
                // The JVM trust store decides which directory certificates are trusted; host names are checked.
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
                connection = new LDAPConnection(SSLContext.getDefault().getSocketFactory(), options, url.getHost(),
                        url.getPort() < 0 ? 636 : url.getPort(), settings.bindDn(), settings.bindPassword());
            } else {
                connection = new LDAPConnection(options, url.getHost(), url.getPort() < 0 ? 389 : url.getPort(),
                        settings.bindDn(), settings.bindPassword());
            }
            return new LDAPConnectionPool(connection, 1, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context for the directory connection", e);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot connect to the directory " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.close();
        }
    }

    private record Cached(List<RoleBinding> bindings, Instant until) {
    }
}
