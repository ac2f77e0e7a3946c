package io.inkan.server.identity;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.oidc.WorkloadIdentity;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <credential>}: an Inkan API token, or, when issuers are
 * configured, a CI system's OIDC ID token. A presented but invalid credential is refused
 * here with a 401 that says nothing about why (the reason goes to the event log only); a request
 * without one continues anonymously and meets the entry point if the path needs a principal. Failed
 * credentials are throttled per source and per credential ({@link LoginThrottle}): past the limit the
 * answer is 429 with {@code Retry-After}, before any credential is checked.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticationFilter.class);

    private final ApiTokens tokens;
    private final WorkloadIdentity workloads;
    private final AuditLog audit;
    private final ProblemResponses problems;
    private final LoginThrottle throttle;

    TokenAuthenticationFilter(ApiTokens tokens, WorkloadIdentity workloads, AuditLog audit, ProblemResponses problems,
                              LoginThrottle throttle) {
        this.tokens = tokens;
        this.workloads = workloads;
        this.audit = audit;
        this.problems = problems;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String source = request.getRemoteAddr();
        long retryAfter = throttle.retryAfter(source, header);
        if (retryAfter > 0) {
            problems.write(response, new Refusal(Problem.TOO_MANY_FAILURES, "Too many failed credentials from this "
                    + "address or for this credential; retry in " + retryAfter + " s", Duration.ofSeconds(retryAfter)));
            return;
        }
        Optional<InkanPrincipal> principal = Optional.empty();
        String refusal = "unsupported authorization scheme";
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String credential = header.substring(BEARER.length()).trim();
            if (credential.startsWith(ApiTokens.PREFIX) || !workloads.enabled()) {
                principal = tokens.authenticate(credential);
                refusal = "unknown, expired or revoked token";
            } else {
                WorkloadIdentity.Verdict verdict = workloads.authenticate(credential);
                principal = Optional.ofNullable(verdict.principal());
                refusal = verdict.refusal();
            }
        }
        if (principal.isEmpty()) {
            throttle.failed(source, header);
            LOG.warn("Refused a credential from {} (fingerprint {}): {}", source, LoginThrottle.fingerprint(header), refusal);
            ProblemDetail problem = unauthorized();
            audit.record(null, AuditAction.AUTHENTICATE, Outcome.DENIED, null, ProblemResponses.describe(request, problem, refusal));
            problems.write(response, problem);
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(principal.get(), null,
                authorities(principal.get()));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Spring authorities mirroring the bindings; Inkan's own checks live in {@link Access}. */
    static List<SimpleGrantedAuthority> authorities(InkanPrincipal principal) {
        return principal.bindings().stream()
                .map(binding -> new SimpleGrantedAuthority("ROLE_" + binding.role().name())).distinct().toList();
    }

    static ProblemDetail unauthorized() {
        return ProblemResponses.problem(Problem.UNAUTHORIZED, "A valid credential is required");
    }
}
