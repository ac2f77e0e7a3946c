package io.inkan.server.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.inkan.server.InkanProperties;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.identity.RoleBinding;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import org.springframework.stereotype.Component;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CI workload identity (A8): a CI job presents the OIDC ID token its platform issued (e.g. GitHub
 * Actions) as a bearer credential. The token must be signed (never {@code alg: none}) by a key from
 * the configured issuer's JWKS, name the configured audience, carry that exact issuer, and be unexpired;
 * its claims (repository, ref, workflow, ...) are then matched against the issuer's rules, which grant
 * project roles. No long-lived secret lives in the CI system.
 */
@Component
public class WorkloadIdentity {

    private static final int MAX_LENGTH = 16_384;
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private final Projects projects;

    WorkloadIdentity(InkanProperties properties, Projects projects) {
        this.projects = projects;
        for (InkanProperties.OidcIssuer configured : properties.oidc().issuers()) {
            issuers.put(configured.issuer(), new Issuer(configured, processor(configured)));
        }
    }

    /** Whether any issuer is configured, i.e. whether bearer values other than API tokens are worth parsing. */
    public boolean enabled() {
        return !issuers.isEmpty();
    }

    /** Verifies an ID token and maps it to a principal, or says why not (for the event log only). */
    public Verdict authenticate(String token) {
        if (token.length() > MAX_LENGTH) {
            return Verdict.refused("OIDC token too long");
        }
        JWT jwt;
        String issuerName;
        try {
            jwt = JWTParser.parse(token);
            issuerName = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return Verdict.refused("malformed bearer credential");
        }
        Issuer issuer = issuerName == null ? null : issuers.get(issuerName);
        if (issuer == null) {
            return Verdict.refused("OIDC token from an unconfigured issuer");
        }
        JWTClaimsSet claims;
        try {
            claims = issuer.processor().process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            return Verdict.refused("OIDC token refused: " + e.getMessage());
        }
        List<RoleBinding> bindings = bindings(issuer.settings(), claims);
        String subject = claims.getSubject();
        if (bindings.isEmpty()) {
            return Verdict.refused("OIDC token of '" + subject + "' matches no rule of " + issuerName);
        }
        return new Verdict(new InkanPrincipal("oidc:" + issuerName + "#" + subject, subject, "ci", bindings), null);
    }

    private List<RoleBinding> bindings(InkanProperties.OidcIssuer settings, JWTClaimsSet claims) {
        List<RoleBinding> bindings = new ArrayList<>();
        for (InkanProperties.OidcRule rule : settings.rules()) {
            Role role = Role.fromApiName(rule.role());
            Optional<Project> project = rule.project() == null ? Optional.empty() : projects.find(rule.project());
            if (project.isPresent() && matches(rule.claims(), claims)) {
                bindings.add(new RoleBinding(role, project.get().id(), project.get().name()));
            }
        }
        return bindings.stream().distinct().toList();
    }

    private static boolean matches(Map<String, String> patterns, JWTClaimsSet claims) {
        if (patterns.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> pattern : patterns.entrySet()) {
            Object value = claims.getClaim(pattern.getKey());
            if (!(value instanceof String actual)) {
                return false;
            }
            String expected = pattern.getValue();
            boolean ok = expected.endsWith("*") ? actual.startsWith(expected.substring(0, expected.length() - 1))
                    : actual.equals(expected);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(InkanProperties.OidcIssuer settings) {
        if (settings.issuer() == null || settings.jwksUrl() == null || settings.audience() == null) {
            throw new IllegalStateException("every inkan.oidc.issuers entry needs issuer, jwks-url and audience");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, JWKS_SIZE_LIMIT)).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("invalid jwks-url " + settings.jwksUrl(), e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // Mutable sets: the verifier probes them with contains(null), which immutable sets refuse.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), new HashSet<>(Set.of("sub", "exp", "iat")),
                new HashSet<>()));
        return processor;
    }

    /** The principal, or else the reason it was refused. */
    public record Verdict(InkanPrincipal principal, String refusal) {
        static Verdict refused(String reason) {
            return new Verdict(null, reason);
        }
    }

    private record Issuer(InkanProperties.OidcIssuer settings, DefaultJWTProcessor<SecurityContext> processor) {
    }
}
