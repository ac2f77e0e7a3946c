package io.inkan.server.identity.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.inkan.core.api.TotpEnrolmentView;
import io.inkan.server.InkanProperties;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.keys.software.MasterKey;
import io.inkan.server.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The TOTP second factor (A6, RFC 6238), separate from login: a human principal enrols once and later
 * proves possession with a code, e.g. to authorise a level-2 key use (M5). Codes of the previous, current
 * and next 30-second step are accepted, each step at most once per principal, so a code seen by a
 * shoulder-surfer or replayed from a log is refused within its window too.
 */
@Service
public class SecondFactor {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final int SECRET_BYTES = 20;
    private static final int DIGITS = 6;

    private final TotpRepository repository;
    private final TotpSecrets secrets;
    private final SecureRandom random;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);

    SecondFactor(TotpRepository repository, InkanProperties properties, SecureRandom random) {
        this.repository = repository;
        this.secrets = new TotpSecrets(masterKey(properties, random), random);
        this.random = random;
    }

    /** Creates the caller's enrolment and returns its secret, the only time it is ever shown. */
    public TotpEnrolmentView enrol(InkanPrincipal principal) {
        requireHuman(principal);
        if (repository.exists(principal.id())) {
            throw ApiProblem.conflict("totp-enrolled", "Already enrolled",
                    "This principal already has a second factor; an administrator must reset it");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        repository.insert(principal.id(), secrets.encrypt(principal.id(), secret));
        String encoded = Base32.encode(secret);
        String label = URLEncoder.encode("Inkan:" + principal.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return new TotpEnrolmentView(encoded, "otpauth://totp/" + label + "?secret=" + encoded
                + "&issuer=Inkan&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds());
    }

    /**
     * Removes a principal's enrolment (lost phone), so they can enrol again; returns whether there was one.
     * Only administrators call this, and it is recorded.
     */
    public boolean reset(InkanPrincipal principal) {
        return repository.delete(principal.id());
    }

    /** Accepts a fresh code of the caller's second factor, or refuses it with 403 (recorded by the caller). */
    public void verify(InkanPrincipal principal, String code) {
        requireHuman(principal);
        byte[] wrapped = repository.wrappedSecret(principal.id()).orElseThrow(() -> ApiProblem.conflict(
                "totp-not-enrolled", "Not enrolled", "This principal has no second factor yet"));
        if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
            throw refused();
        }
        Key key = new SecretKeySpec(secrets.decrypt(principal.id(), wrapped), "HmacSHA1");
        Instant now = Instant.now();
        long current = now.getEpochSecond() / STEP.toSeconds();
        long matched = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                matched = step;
            }
        }
        if (matched < 0 || !repository.consume(principal.id(), matched)) {
            throw refused();
        }
    }

    private String code(Key key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireHuman(InkanPrincipal principal) {
        if (!"human".equals(principal.kind())) {
            throw ApiProblem.forbidden("A second factor belongs to a human principal authenticated by client certificate");
        }
    }

    private static ApiProblem refused() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "second-factor-refused", "Second factor refused",
                "The code is wrong, outside its time window, or already used");
    }

    private static javax.crypto.SecretKey masterKey(InkanProperties properties, SecureRandom random) {
        InkanProperties.SoftwareToken software = properties.softwareToken();
        Path keyFile = software.masterKeyFile() != null ? software.masterKeyFile()
                : properties.dataDir().resolve("master.key");
        return MasterKey.load(software.masterKey(), keyFile, random);
    }
}
