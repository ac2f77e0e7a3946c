package io.inkan.server.infra.time;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The server reads the time of day only from the injected {@link Clock} bean: a call to
 * {@code Instant.now()} or its relatives would escape the tests' clock and bring back sleeping tests.
 * Elapsed time ({@code System.nanoTime}) is not time of day and stays allowed.
 */
class WallClockArchitectureTest {

    private final JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.inkan.server");

    @Test
    void nothingReadsTheSystemClockDirectly() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callConstructor(Date.class)
                .because("the time of day comes from the Clock bean (decision 021)")
                .check(main);
    }

    @Test
    void onlyTheClockConfigurationPicksTheSystemClock() {
        noClasses().that().doNotHaveFullyQualifiedName(ClockConfiguration.class.getName())
                .should().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .because("one @Bean decides which clock the server runs on (decision 021)")
                .check(main);
    }
}
