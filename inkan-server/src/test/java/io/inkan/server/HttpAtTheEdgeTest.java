package io.inkan.server;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP stays at the edge: only {@code io.inkan.server.web}, the {@code *Controller} classes and the
 * authentication filters of {@code identity} use Spring's HTTP and web types. Everything else refuses a
 * request by throwing an {@code infra.problem.Refusal} and leaves statuses, headers and bodies to the
 * edge, so a capability can be read, tested and reused without a servlet container in mind. The few
 * other classes that still need a web type are listed with the reason; the list may only shrink.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAtTheEdgeTest {

    private static final String SERVER = "io.inkan.server";
    private static final List<String> HTTP_PACKAGES = List.of("org.springframework.http", "org.springframework.web");

    /** Outside the edge but still using a web type, by simple name, each with why. Only ever remove entries. */
    private static final Map<String, String> KNOWN_EXCEPTIONS = Map.of(
            "SecurityConfiguration", "builds the authentication filter chain (matches HTTP methods, writes problems)",
            "CrlHttpConnector", "a servlet filter on the plain-HTTP CRL connector",
            "AuditLog", "reads the caller's source address from the current request",
            "ConfigurationGeneration", "keeps the configuration generation per request in the request's attributes",
            "ReportPage", "escapes HTML with Spring's HtmlUtils for the monthly report page",
            "ExternalTsaRelay", "an outbound HTTP client: names the time-stamp query's media type (TsaController.QUERY)");

    private static final Set<String> IDENTITY_FILTERS = Set.of(
            "io.inkan.server.identity.TokenAuthenticationFilter", "io.inkan.server.identity.ClientCertificateFilter");

    private JavaClasses main;

    @BeforeAll
    void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER);
    }

    @Test
    void onlyTheEdgeUsesSpringHttpOrWebTypes() {
        assertThat(main.contain(io.inkan.server.web.ProblemHandler.class)).isTrue();
        assertThat(classesUsingHttp()).as("classes outside the HTTP edge that use org.springframework.http or .web")
                .isEmpty();
    }

    @Test
    void eachKnownExceptionIsStillNeeded() {
        Set<String> stillUsing = new TreeSet<>();
        main.stream().filter(type -> !isEdge(type)).filter(HttpAtTheEdgeTest::usesHttp)
                .forEach(type -> stillUsing.add(topLevel(type).getSimpleName()));
        assertThat(stillUsing).as("known exceptions that no longer use a web type: remove them from the list")
                .containsAll(KNOWN_EXCEPTIONS.keySet());
    }

    @Test
    void theProblemCatalogDependsOnNothingButTheJdk() {
        Set<String> foreign = new TreeSet<>();
        main.stream().filter(type -> type.getPackageName().equals(SERVER + ".infra.problem"))
                .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                .map(Dependency::getTargetClass)
                .filter(target -> !target.getPackageName().startsWith("java.")
                        && !target.getPackageName().equals(SERVER + ".infra.problem") && !target.isPrimitive()
                        && !target.isArray())
                .forEach(target -> foreign.add(target.getName()));
        assertThat(foreign).as("types infra.problem uses beyond the JDK").isEmpty();
    }

    @Test
    void theRuleSeesAWebTypeUsedOutsideTheEdge() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StatusOutsideTheEdge.class);
        assertThat(fixture.stream().filter(type -> !isEdge(type)).anyMatch(HttpAtTheEdgeTest::usesHttp)).isTrue();
    }

    private Set<String> classesUsingHttp() {
        Set<String> offenders = new TreeSet<>();
        main.stream().filter(type -> !isEdge(type) && !KNOWN_EXCEPTIONS.containsKey(topLevel(type).getSimpleName()))
                .filter(HttpAtTheEdgeTest::usesHttp)
                .forEach(type -> offenders.add(topLevel(type).getName() + " uses " + httpTypes(type)));
        return offenders;
    }

    private static boolean isEdge(JavaClass type) {
        JavaClass host = topLevel(type);
        return host.getPackageName().equals(SERVER + ".web") || host.getPackageName().startsWith(SERVER + ".web.")
                || host.getSimpleName().endsWith("Controller") || IDENTITY_FILTERS.contains(host.getName());
    }

    private static boolean usesHttp(JavaClass type) {
        return !httpTypes(type).isEmpty();
    }

    private static Set<String> httpTypes(JavaClass type) {
        Set<String> used = new TreeSet<>();
        type.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass)
                .map(target -> target.isArray() ? target.getBaseComponentType() : target)
                .filter(target -> HTTP_PACKAGES.stream().anyMatch(http -> target.getPackageName().equals(http)
                        || target.getPackageName().startsWith(http + ".")))
                .forEach(target -> used.add(target.getName()));
        return used;
    }

    /** A nested or anonymous class, or a lambda's body, counts as the top-level class it is written in. */
    private static JavaClass topLevel(JavaClass type) {
        JavaClass host = type;
        while (host.getEnclosingClass().isPresent()) {
            host = host.getEnclosingClass().get();
        }
        return host;
    }

    /** A fixture outside the edge that names an HTTP status, as capability code did before decision 017. */
    static final class StatusOutsideTheEdge {
        int status() {
            return org.springframework.http.HttpStatus.CONFLICT.value();
        }
    }
}
