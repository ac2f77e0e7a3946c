package io.inkan.cli.formats;

import io.inkan.cli.formats.apk.ApkFiles;
import io.inkan.cli.formats.authenticode.AuthenticodeFiles;
import io.inkan.cli.formats.cms.CmsFiles;
import io.inkan.cli.formats.jar.JarFiles;
import io.inkan.cli.formats.pgp.PgpFiles;
import io.inkan.cli.formats.raw.RawFiles;
import io.inkan.cli.formats.xml.XmlFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one list of formats: adding a format means adding it here. The order is the one users see (help,
 * {@code --format} choices, summaries) and the one detection tries; raw comes first and is also the
 * fallback for names no format recognises.
 */
public final class Formats {

    /** The fallback: a detached raw signature for any file. */
    public static final Format RAW = new RawFiles();

    public static final List<Format> ALL = List.of(RAW, new JarFiles(), new CmsFiles(), new PgpFiles(),
            new AuthenticodeFiles(), new ApkFiles(), new XmlFiles());

    private Formats() {
    }

    /** The format called {@code name} (exactly, as {@code --format} takes it). */
    public static Optional<Format> named(String name) {
        return ALL.stream().filter(format -> format.name().equals(name)).findFirst();
    }

    /** Every format's name, in order. */
    public static List<String> names() {
        return ALL.stream().map(Format::name).toList();
    }

    /** The format a file's name implies; {@link #RAW} for anything unrecognised. */
    public static Format detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(format -> format.detects(name)).findFirst().orElse(RAW);
    }
}
