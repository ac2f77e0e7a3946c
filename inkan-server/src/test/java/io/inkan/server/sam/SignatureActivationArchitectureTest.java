package io.inkan.server.sam;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.inkan.server.keys.KeyToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structural half of M1 and M8, checked on the compiled main code of the server and the modules it
 * ships with: no code outside the Signature Activation Module applies a private key or creates the permit
 * a token demands, only the allow-listed classes take the service-signing path and each only for its own
 * purposes, client hash signing never takes that path, and no randomness comes from
 * {@code java.util.Random}. Calls and method references (such as {@code token::sign}) count alike; the
 * fixtures in {@code io.inkan.server.architecture.bypass} prove that the rules see both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureActivationArchitectureTest {

    private static final String SAM = "io.inkan.server.sam";
    private static final Set<String> SERVICE_SIGNING_ENTRY_POINTS = Set.of("sign", "contentSigner");

    private JavaClasses main;
    private JavaClasses bypasses;

    @BeforeAll
    void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inkan");
        bypasses = new ClassFileImporter().importPackages("io.inkan.server.architecture.bypass");
    }

    @Test
    void onlyTheSamCallsATokensSignOperation() {
        assertThat(main.contain(io.inkan.server.signing.HashSigning.class)).isTrue();
        assertThat(main.contain(io.inkan.server.audit.AuditLog.class)).isTrue();
        assertThat(tokenSignOutsideTheSam(main)).as("uses of KeyToken.sign outside " + SAM).isEmpty();
        assertThat(accessesTo(main, TokenSigner.class.getName()).filter(access -> !inSam(access.getOriginOwner())))
                .as("uses of TokenSigner outside " + SAM).isEmpty();
    }

    @Test
    void onlyTheTokenSignerCreatesASigningPermit() {
        assertThat(permitsCreatedOutsideTheTokenSigner(main)).as("SigningPermit created outside TokenSigner").isEmpty();
    }

    @Test
    void onlyTheAllowListedCallersTakeTheServiceSigningPath() {
        Set<String> allowed = Arrays.stream(ServicePurpose.values()).flatMap(purpose -> purpose.callers().stream())
                .collect(Collectors.toSet());
        assertThat(allowed).allSatisfy(caller -> assertThat(main.contain(caller)).as(caller + " exists").isTrue());
        assertThat(serviceSigningOutsideTheAllowList(main)).as("service signing by classes on no allow-list").isEmpty();
        assertThat(purposesNamedOutsideTheirAllowList(main)).as("purposes named by classes not on their list").isEmpty();
        for (ServicePurpose purpose : ServicePurpose.values()) {
            assertThat(purpose.callers()).as(purpose + " is named by each of its callers")
                    .allSatisfy(caller -> assertThat(namesOf(main.get(caller), purpose)).isTrue());
        }
    }

    @Test
    void theRulesCatchMethodReferencesAndCalls() {
        assertThat(tokenSignOutsideTheSam(bypasses)).containsExactlyInAnyOrder(
                "io.inkan.server.architecture.bypass.TokenSignCall", "io.inkan.server.architecture.bypass.TokenSignReference");
        assertThat(serviceSigningOutsideTheAllowList(bypasses))
                .containsExactly("io.inkan.server.architecture.bypass.ServiceSigningReference");
        assertThat(purposesNamedOutsideTheirAllowList(bypasses))
                .containsExactly("io.inkan.server.architecture.bypass.ServiceSigningReference");
        JavaClasses testPermits = new ClassFileImporter().importClasses(TestPermits.class);
        assertThat(permitsCreatedOutsideTheTokenSigner(testPermits)).containsExactly(TestPermits.class.getName());
    }

    @Test
    void clientHashSigningNeverTakesTheServicePath() {
        ArchRule rule = noClasses().that().resideInAPackage("io.inkan.server.signing..")
                .should().accessClassesThat().belongToAnyOf(ServiceSigning.class, ProjectKeySigning.class);
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

    /** Classes outside the SAM that call or reference {@code sign} on any {@link KeyToken} implementation. */
    private static List<String> tokenSignOutsideTheSam(JavaClasses classes) {
        return origins(codeUnitAccesses(classes)
                .filter(access -> access.getName().equals("sign")
                        && access.getTargetOwner().isAssignableTo(KeyToken.class)
                        && !inSam(access.getOriginOwner())));
    }

    /** Classes other than {@link TokenSigner} that call or reference the permit's constructor. */
    private static List<String> permitsCreatedOutsideTheTokenSigner(JavaClasses classes) {
        return origins(accessesTo(classes, SigningPermit.class.getName())
                .filter(access -> access.getName().equals("<init>")
                        && !access.getOriginOwner().getName().equals(TokenSigner.class.getName())));
    }

    /** Classes on no purpose's allow-list that call or reference a service-signing entry point. */
    private static List<String> serviceSigningOutsideTheAllowList(JavaClasses classes) {
        Set<String> allowed = Arrays.stream(ServicePurpose.values()).flatMap(purpose -> purpose.callers().stream())
                .collect(Collectors.toSet());
        return origins(Stream.concat(accessesTo(classes, ServiceSigning.class.getName()),
                        accessesTo(classes, ProjectKeySigning.class.getName()))
                .filter(access -> SERVICE_SIGNING_ENTRY_POINTS.contains(access.getName())
                        && !isServiceSigning(access.getOriginOwner())
                        && !allowed.contains(nestHost(access.getOriginOwner()))));
    }

    /** Classes that name a purpose they are not on the allow-list of. */
    private static List<String> purposesNamedOutsideTheirAllowList(JavaClasses classes) {
        return origins(classes.stream().flatMap(type -> type.getFieldAccessesFromSelf().stream())
                .filter(access -> access.getTargetOwner().getName().equals(ServicePurpose.class.getName())
                        && !access.getOriginOwner().getName().equals(ServicePurpose.class.getName()))
                .filter(access -> Arrays.stream(ServicePurpose.values())
                        .anyMatch(purpose -> purpose.name().equals(access.getName())
                                && !purpose.callers().contains(nestHost(access.getOriginOwner())))));
    }

    private static boolean namesOf(JavaClass caller, ServicePurpose purpose) {
        return caller.getFieldAccessesFromSelf().stream().anyMatch(access -> access.getName().equals(purpose.name())
                && access.getTargetOwner().getName().equals(ServicePurpose.class.getName()));
    }

    /** Calls and method or constructor references, from every class, whose target belongs to {@code owner}. */
    private static Stream<JavaAccess<?>> accessesTo(JavaClasses classes, String owner) {
        return codeUnitAccesses(classes).filter(access -> access.getTargetOwner().getName().equals(owner));
    }

    private static Stream<JavaAccess<?>> codeUnitAccesses(JavaClasses classes) {
        return classes.stream().flatMap(type -> Stream.of(type.getMethodCallsFromSelf(), type.getMethodReferencesFromSelf(),
                        type.getConstructorCallsFromSelf(), type.getConstructorReferencesFromSelf())
                .flatMap(accesses -> accesses.stream().map(access -> (JavaAccess<?>) access)));
    }

    private static List<String> origins(Stream<? extends JavaAccess<?>> accesses) {
        return accesses.map(access -> nestHost(access.getOriginOwner())).distinct().sorted().toList();
    }

    private static boolean inSam(JavaClass type) {
        return type.getPackageName().equals(SAM);
    }

    private static boolean isServiceSigning(JavaClass type) {
        return Set.of(ServiceSigning.class.getName(), ProjectKeySigning.class.getName(), ServicePurpose.class.getName())
                .contains(nestHost(type));
    }

    /** A nested or anonymous class, or a lambda's body, counts as the top-level class it is written in. */
    private static String nestHost(JavaClass type) {
        JavaClass host = type;
        while (host.getEnclosingClass().isPresent()) {
            host = host.getEnclosingClass().get();
        }
        return host.getName();
    }
}
