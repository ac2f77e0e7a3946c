package io.inkan.server.tsa;

import io.inkan.core.api.TimestampingRequest;
import io.inkan.core.api.TimestampingView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import io.inkan.server.signing.Profiles;
import io.inkan.server.signing.SigningProfile;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.tsp.TimeStampRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's timestamping: custodians choose the authority, signers fetch time-stamps through the
 * profile. {@code POST .../timestamp} answers from the built-in authority or relays to the external one,
 * so clients need to know only their Inkan server, and the server applies one rate limit per profile
 * whichever authority answers. Successful time-stamps are counted (metric {@code inkan.tsa.relayed}),
 * not recorded one by one: refusals, upstream failures and every configuration change are (decision 012).
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/profiles/{profile}")
class ProfileTimestampController {

    private final Projects projects;
    private final Profiles profiles;
    private final ProfileTimestamping timestamping;
    private final TimestampAuthority builtin;
    private final ExternalTsaRelay relay;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final PerNodeTokenBuckets limiter;
    private final int maxQueryBytes;

    ProfileTimestampController(Projects projects, Profiles profiles, ProfileTimestamping timestamping,
                               TimestampAuthority builtin, ExternalTsaRelay relay, AuditLog audit,
                               MeterRegistry meters, TsaSettings settings) {
        this.projects = projects;
        this.profiles = profiles;
        this.timestamping = timestamping;
        this.builtin = builtin;
        this.relay = relay;
        this.audit = audit;
        this.meters = meters;
        this.limiter = new PerNodeTokenBuckets(settings.relay().perProfilePerSecond(), settings.relay().burst());
        this.maxQueryBytes = settings.maxQueryBytes();
    }

    @PostMapping("/timestamping")
    @Audited(AuditAction.PROFILE_TIMESTAMPING)
    @Transactional
    TimestampingView set(@PathVariable String project, @PathVariable String profile,
                         @RequestBody TimestampingRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningProfile target = profiles.get(projects.get(project), profile);
        ProfileTimestamping.Setting before = timestamping.get(target);
        ProfileTimestamping.Setting after = timestamping.set(target, request.authority(), request.url());
        audit.record(AuditAction.PROFILE_TIMESTAMPING, Outcome.SUCCESS, project, "profile '" + profile
                        + "' timestamping " + describe(before) + " -> " + describe(after),
                Map.of("profile", profile, "authority", after.authority().apiName(),
                        "url", after.url() == null ? "" : after.url().toString()));
        return after.view(target);
    }

    @GetMapping("/timestamping")
    @Audited(AuditAction.PROFILE_READ)
    TimestampingView get(@PathVariable String project, @PathVariable String profile) {
        Access.requireVisible(project);
        SigningProfile target = profiles.get(projects.get(project), profile);
        return timestamping.get(target).view(target);
    }

    @PostMapping(value = "/timestamp", consumes = "application/timestamp-query")
    @Audited(AuditAction.TIMESTAMP)
    ResponseEntity<byte[]> timestamp(@PathVariable String project, @PathVariable String profile,
                                     HttpServletRequest request) throws IOException {
        Access.requireSigner(project);
        Project owner = projects.get(project);
        SigningProfile target = profiles.get(owner, profile);
        ProfileTimestamping.Setting setting = timestamping.get(target);
        if (setting.authority() == ProfileTimestamping.TimestampSource.NONE) {
            throw new Refusal(Problem.TIMESTAMPING_NOT_CONFIGURED,
                    "Profile '" + profile + "' has no time-stamping authority; a custodian sets one with "
                            + "POST .../timestamping");
        }
        Optional<Duration> wait = limiter.acquire(project + "/" + profile);
        if (wait.isPresent()) {
            throw new Refusal(Problem.RATE_LIMITED,
                    "Profile '" + profile + "' is fetching time-stamps faster than allowed; retry later", wait.get());
        }
        byte[] query = TsaController.readAtMost(request, maxQueryBytes);
        if (query == null) {
            throw new Refusal(Problem.REQUEST_TOO_LARGE,
                    "A time-stamp query is at most " + maxQueryBytes + " bytes");
        }
        if (setting.authority() == ProfileTimestamping.TimestampSource.BUILTIN) {
            TimestampAuthority.Reply answer = builtin.answer(query);
            count(setting);
            return ResponseEntity.status(answer.systemFailure() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                    .contentType(TsaController.REPLY).body(answer.der());
        }
        byte[] reply = external(setting, query);
        count(setting);
        return ResponseEntity.ok().contentType(TsaController.REPLY).body(reply);
    }

    private void count(ProfileTimestamping.Setting setting) {
        meters.counter("inkan.tsa.relayed", "authority", setting.authority().apiName()).increment();
    }

    /** A failure is answered 502 and so recorded (outcome FAILED) by the problem handler. */
    private byte[] external(ProfileTimestamping.Setting setting, byte[] query) {
        TimeStampRequest parsed;
        try {
            parsed = new TimeStampRequest(query);
        } catch (IOException | RuntimeException e) {
            return builtin.rejection(PKIFailureInfo.badDataFormat, "the query is not a DER TimeStampReq").der();
        }
        try {
            return relay.relay(setting.url(), query, parsed);
        } catch (ExternalTsaRelay.UpstreamFailure failure) {
            throw new Refusal(Problem.TSA_UNAVAILABLE,
                    failure.getMessage());
        }
    }

    private static String describe(ProfileTimestamping.Setting setting) {
        return setting.authority().apiName() + (setting.url() == null ? "" : " " + setting.url());
    }
}
