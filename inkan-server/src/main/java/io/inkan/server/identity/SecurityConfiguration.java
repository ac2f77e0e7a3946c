package io.inkan.server.identity;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.ldap.DirectoryRoles;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import io.inkan.server.identity.oidc.WorkloadIdentity;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The HTTP security of the service: stateless bearer-token and client-certificate authentication for
 * {@code /api}, open health and metrics endpoints, published certificates and CRLs ({@code /crl/*},
 * which verifiers fetch anonymously), everything else refused. No sessions, no cookies, so no CSRF surface.
 */
@Configuration
public class SecurityConfiguration {

    /**
     * No observations of the filter chain, authentications and authorizations: nothing here traces
     * them, {@code http_server_requests} already times every request, and wrapping each of the chain's
     * filters in an observation of its own was a measurable part of a signing request's CPU.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, WorkloadIdentity workloads, Principals principals,
                                    DirectoryRoles directory, ClientCertificateTrust clientTrust,
                                    InkanProperties properties, AuditLog audit,
                                    ProblemResponses problems, LoginThrottle throttle) throws Exception {
        TokenAuthenticationFilter tokenFilter = new TokenAuthenticationFilter(tokens, workloads, audit, problems, throttle);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                        // Key sets' public certificates for verifiers (K7): public material only.
                        .requestMatchers(HttpMethod.GET, "/published/**").permitAll()
                        .requestMatchers("/tsa", "/tsa/certificate").permitAll()
                        .requestMatchers(HttpMethod.GET, "/crl/*").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .addFilterBefore(tokenFilter, AnonymousAuthenticationFilter.class)
                .addFilterAfter(new ClientCertificateFilter(principals, directory, clientTrust, properties.mtls().subjectField(),
                        audit, problems), TokenAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, failure) -> {
                            ProblemDetail problem = TokenAuthenticationFilter.unauthorized();
                            audit.record(null, AuditAction.AUTHENTICATE, Outcome.DENIED, null,
                                    ProblemResponses.describe(request, problem, ClientCertificateFilter.refusal(request)));
                            problems.write(response, problem);
                        })
                        .accessDeniedHandler((request, response, failure) -> {
                            ProblemDetail problem = ProblemResponses.problem(Problem.FORBIDDEN, "Access denied");
                            audit.record(AuditAction.REQUEST, Outcome.DENIED, null, ProblemResponses.describe(request, problem, null));
                            problems.write(response, problem);
                        }));
        return http.build();
    }
}
