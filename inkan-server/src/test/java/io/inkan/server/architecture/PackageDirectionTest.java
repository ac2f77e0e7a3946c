package io.inkan.server.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direction of dependencies between the server's packages (decision 018): infrastructure
 * ({@code io.inkan.server.infra..}) serves the capabilities and never depends on one, nor on the HTTP edge
 * ({@code web}); it reaches tokens and the audit trail through interfaces the capabilities implement. And
 * the Signature Activation Module, which held the configuration seal, depends on no more server packages
 * than the list below, which may only shrink.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageDirectionTest {

    private static final String SERVER = "io.inkan.server";

    /**
     * What {@code sam} may depend on besides infrastructure. The seal's edges (to audit, keys and web) left
     * with it; {@code web} goes once refusals are typed outside it (issue 16, the problem catalog).
     */
    private static final Set<String> SAM_MAY_USE = Set.of("audit", "identity", "identity.totp", "keys", "projects",
            "signing");

    private JavaClasses main;

    @BeforeAll
    void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
    }

    @Test
    void infrastructureNeverDependsOnACapabilityOrTheHttpEdge() {
        assertThat(main.containPackage(SERVER + ".infra.seal")).isTrue();
        ArchRule rule = noClasses().that().resideInAPackage(SERVER + ".infra..")
                .should().dependOnClassesThat(resideInAPackage(SERVER + "..")
                        .and(not(resideInAnyPackage(SERVER + ".infra..", SERVER))))
                .because("infrastructure serves the capabilities; they reach into it, never the reverse");
        rule.check(main);
    }

    @Test
    void theSignatureActivationModuleDependsOnNoMorePackagesThanListed() {
        SortedSet<String> used = serverPackagesUsedBy("sam");
        used.removeIf(name -> name.startsWith("infra."));
        assertThat(used).isSubsetOf(SAM_MAY_USE);
    }

    /** Server packages (relative names, e.g. {@code identity.totp}) that classes of {@code pkg} depend on. */
    private SortedSet<String> serverPackagesUsedBy(String pkg) {
        SortedSet<String> used = new TreeSet<>();
        for (JavaClass type : main) {
            if (!type.getPackageName().equals(SERVER + "." + pkg)) {
                continue;
            }
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                if (target.startsWith(SERVER + ".") && !target.equals(SERVER + "." + pkg)) {
                    used.add(target.substring(SERVER.length() + 1));
                }
            }
        }
        return used;
    }
}
