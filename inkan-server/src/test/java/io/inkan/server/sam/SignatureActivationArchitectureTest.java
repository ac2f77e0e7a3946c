package io.inkan.server.sam;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.inkan.server.keys.KeyToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structural half of M1 and M8, checked on the compiled main code of the server and the modules it
 * ships with: no code outside the Signature Activation Module applies a private key, client hash signing
 * never takes the service path, and no randomness comes from {@code java.util.Random}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureActivationArchitectureTest {

    private static final String SAM = "io.inkan.server.sam..";

    private JavaClasses main;

    @BeforeAll
    void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inkan");
    }

    @Test
    void onlyTheSamCallsATokensSignOperation() {
        assertThat(main.contain(io.inkan.server.signing.HashSigning.class)).isTrue();
        assertThat(main.contain(io.inkan.server.audit.AuditLog.class)).isTrue();
        // Any implementation's sign counts, whatever type the call is made through.
        List<JavaMethodCall> outside = main.stream()
                .filter(type -> !type.getPackageName().startsWith("io.inkan.server.sam"))
                .flatMap(type -> type.getMethodCallsFromSelf().stream())
                .filter(call -> call.getName().equals("sign")
                        && call.getTargetOwner().isAssignableTo(KeyToken.class))
                .toList();
        assertThat(outside).as("calls of KeyToken.sign outside io.inkan.server.sam").isEmpty();
        assertThat(main.get(TokenSigner.class).getAccessesToSelf())
                .allMatch(access -> access.getOriginOwner().getPackageName().startsWith("io.inkan.server.sam"));
    }

    @Test
    void theRuleWouldCatchABypass() {
        JavaClasses bypass = new ClassFileImporter().importClasses(Bypass.class);
        long calls = bypass.stream().flatMap(type -> type.getMethodCallsFromSelf().stream())
                .filter(call -> call.getName().equals("sign") && call.getTargetOwner().isAssignableTo(KeyToken.class))
                .count();
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void clientHashSigningNeverTakesTheServicePath() {
        ArchRule rule = noClasses().that().resideInAPackage("io.inkan.server.signing..")
                .should().accessClassesThat().belongToAnyOf(ServiceSigning.class);
        rule.check(main);
    }

    @Test
    void noRandomnessFromJavaUtilRandom() {
        ArchRule rule = noClasses().should().callConstructor(Random.class)
                .orShould().callConstructor(Random.class, long.class)
                .orShould().callMethod(ThreadLocalRandom.class, "current")
                .orShould().callMethod(Math.class, "random")
                .orShould().accessClassesThat().belongToAnyOf(SplittableRandom.class)
                .because("keys, SADs, nonces and tokens need SecureRandom or the HSM (M8)");
        rule.check(main);
    }

    /** A class that bypasses the SAM, to prove the scan sees such calls. */
    static final class Bypass {
        byte[] sign(KeyToken token) {
            return token.sign("handle", io.inkan.core.KeyAlgorithm.EC_P256, io.inkan.server.keys.Mechanism.ECDSA_DER,
                    new byte[32]);
        }
    }
}
