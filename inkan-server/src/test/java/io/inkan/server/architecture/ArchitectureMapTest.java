package io.inkan.server.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the newcomer's map true: every server package has a {@code package-info.java} with Javadoc saying
 * its job, and the server-package table of {@code docs/architecture.md} names exactly the packages that
 * exist, so a new package cannot be added, nor an old one removed or renamed, without the map following.
 * Reads the sources, not the classes: {@code javac} writes no class file for a package-info without
 * annotations.
 */
class ArchitectureMapTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path SERVER = SOURCES.resolve("io/inkan/server");
    private static final Path MAP = Path.of("../docs/architecture.md");
    private static final String ROOT = "io.inkan.server";

    /** A row of the server-package table: its first cell starts with the package name in backticks. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z0-9.]+)`");

    @Test
    void everyServerPackageHasAPackageInfoWithJavadoc() throws IOException {
        SortedSet<String> missing = new TreeSet<>();
        for (Path directory : serverPackageDirectories()) {
            Path info = directory.resolve("package-info.java");
            if (!Files.isRegularFile(info) || !hasJavadocBeforePackage(Files.readString(info))) {
                missing.add(packageName(directory));
            }
        }
        assertThat(missing).as("server packages without a package-info.java whose Javadoc says their job")
                .isEmpty();
    }

    @Test
    void theArchitectureMapNamesExactlyTheServerPackages() throws IOException {
        SortedSet<String> packages = new TreeSet<>();
        for (Path directory : serverPackageDirectories()) {
            packages.add(packageName(directory));
        }
        assertThat(packages).contains(ROOT, "sam", "infra.seal");
        SortedSet<String> named = packagesNamedInTheMap();
        SortedSet<String> unnamed = new TreeSet<>(packages);
        unnamed.removeAll(named);
        SortedSet<String> gone = new TreeSet<>(named);
        gone.removeAll(packages);
        assertThat(unnamed).as("server packages missing from the table in docs/architecture.md").isEmpty();
        assertThat(gone).as("packages in the table of docs/architecture.md that no longer exist").isEmpty();
    }

    /** Directories under {@code io/inkan/server} (itself included) that hold at least one Java type. */
    private static List<Path> serverPackageDirectories() throws IOException {
        assertThat(SERVER).as("run from the inkan-server module").isDirectory();
        try (Stream<Path> tree = Files.walk(SERVER)) {
            return tree.filter(Files::isDirectory).filter(ArchitectureMapTest::holdsAType).sorted().toList();
        }
    }

    private static boolean holdsAType(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .anyMatch(name -> name.endsWith(".java") && !name.equals("package-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root as {@code io.inkan.server}, others relative to it as the map writes them ({@code identity.totp}). */
    private static String packageName(Path directory) {
        Path relative = SERVER.relativize(directory);
        return relative.toString().isEmpty() ? ROOT : relative.toString().replace(directory.getFileSystem()
                .getSeparator(), ".");
    }

    private static boolean hasJavadocBeforePackage(String source) {
        int javadoc = source.indexOf("/**");
        int declaration = source.indexOf("\npackage ");
        return javadoc >= 0 && declaration > javadoc && source.substring(javadoc + 3, declaration)
                .replaceAll("[*/\\s]", "").length() > 40;
    }

    /** The first cells of the table under the "Server packages" heading, up to the next heading. */
    private static SortedSet<String> packagesNamedInTheMap() throws IOException {
        assertThat(MAP).isRegularFile();
        SortedSet<String> named = new TreeSet<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(MAP)) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Server packages");
                continue;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (inSection && row.find()) {
                named.add(row.group(1));
            }
        }
        return named;
    }
}
