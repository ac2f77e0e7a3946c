package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.AuthorizeRequest;
import io.inkan.core.api.SadView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.totp.SecondFactor;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Projects;
import io.inkan.server.signing.Profiles;
import io.inkan.server.signing.SigningProfile;
import io.inkan.server.infra.encoding.StrictBase64;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key authorization (M5): a signer asks for a SAD for exactly the digests it will sign. At level 1 the
 * login is the authorization; at level 2 the request must also carry a fresh TOTP code of the caller's
 * second factor (A6), which is checked here, separately from login, and used once. A profile that signs
 * only approved requests is refused first ({@link DirectAuthorization}).
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/profiles")
class AuthorizationController {

    private final Projects projects;
    private final Profiles profiles;
    private final SignatureActivation activations;
    private final SecondFactor secondFactor;
    private final DirectAuthorization directAuthorization;
    private final AuditLog audit;

    AuthorizationController(Projects projects, Profiles profiles, SignatureActivation activations,
                            SecondFactor secondFactor, DirectAuthorization directAuthorization, AuditLog audit) {
        this.projects = projects;
        this.profiles = profiles;
        this.activations = activations;
        this.secondFactor = secondFactor;
        this.directAuthorization = directAuthorization;
        this.audit = audit;
    }

    @PostMapping("/{profile}/authorize")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.SAD_ISSUE)
    @Transactional
    SadView authorize(@PathVariable String project, @PathVariable String profile, @RequestBody AuthorizeRequest request) {
        InkanPrincipal principal = Access.requireSigner(project);
        SigningProfile signingProfile = profiles.get(projects.get(project), profile);
        directAuthorization.requireAllowed(signingProfile);
        SignatureAlgorithm algorithm = signingProfile.allowedAlgorithm(request.algorithm());
        List<byte[]> digests = decode(request.digests());
        List<String> factors = new ArrayList<>(List.of("login:" + principal.kind()));
        int level = 1;
        if (request.otp() != null) {
            secondFactor.verify(principal, request.otp());
            factors.add("totp");
            level = 2;
        } else if (signingProfile.authorizationLevel() >= 2) {
            throw new Refusal(Problem.SECOND_FACTOR_REQUIRED,
                    "Profile '" + profile + "' is at key authorization level 2: send 'otp', the current code of your second factor");
        }
        IssuedSad sad = activations.issue(new SadGrant(principal.id(), signingProfile.keyId(), algorithm, digests,
                level, factors, null));
        audit.record(AuditAction.SAD_ISSUE, Outcome.SUCCESS, project, "SAD for " + sad.count() + " digest(s), profile '"
                        + profile + "', " + algorithm + ", level " + level + " " + factors + ", expires " + sad.expiresAt(),
                auditData(signingProfile, algorithm, digests, level, factors, sad));
        return new SadView(sad.sad(), sad.expiresAt(), sad.count());
    }

    /** Canonical standard base64 ({@link StrictBase64}); lengths are checked when the SAD is issued. */
    private static List<byte[]> decode(List<String> digests) {
        if (digests == null || digests.isEmpty()) {
            throw new Refusal(Problem.EMPTY_BATCH, "digests must hold at least one value");
        }
        List<byte[]> decoded = new ArrayList<>(digests.size());
        for (int i = 0; i < digests.size(); i++) {
            String value = digests.get(i);
            try {
                decoded.add(StrictBase64.decode(value));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Problem.INVALID_BASE64, "digests[" + i + "] is not base64");
            }
        }
        return decoded;
    }

    private static Map<String, Object> auditData(SigningProfile profile, SignatureAlgorithm algorithm,
                                                 List<byte[]> digests, int level, List<String> factors, IssuedSad sad) {
        HexFormat hex = HexFormat.of();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("profile", profile.name());
        data.put("key", profile.keyName());
        data.put("algorithm", algorithm.name());
        data.put("authorizationLevel", level);
        data.put("factors", factors);
        data.put("expiresAt", sad.expiresAt().toString());
        data.put("count", digests.size());
        data.put(algorithm.isPrehashed() ? "digests" : "dataSha256", digests.stream()
                .map(value -> hex.formatHex(algorithm.isPrehashed() ? value
                        : io.inkan.core.DigestAlgorithm.SHA256.newDigest().digest(value)))
                .toList());
        return data;
    }
}
