package io.inkan.cli.formats;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The artifact formats {@code inkan sign} produces. Each file's format is detected from its name unless
 * the user forces one, so one command can sign a mixed release directory.
 */
public enum Format {
    /** A detached raw signature ({@code FILE.sig}) for any file; the fallback. */
    raw,
    /** A signed JAR, WAR or EAR, replacing the input (or written to the output directory). */
    jar,
    /** A detached CMS/PKCS#7 signature ({@code FILE.p7s}, DER) for any file; only when asked for. */
    cms,
    /** An ASCII-armored OpenPGP detached signature ({@code FILE.asc}) for any file; only when asked for. */
    pgp,
    /** Authenticode for PE (EXE, DLL, SYS, EFI), MSI, CAB and PowerShell, embedded like jar signatures. */
    authenticode,
    /** Android APK with v1, v2 and v3 signatures, in place (or in the output directory). */
    apk,
    /** An enveloped XML signature over the whole document, in place (or in the output directory). */
    xml;

    private static final Set<String> AUTHENTICODE = Set.of(".exe", ".dll", ".sys", ".efi",
            ".msi", ".cab", ".ps1", ".psm1", ".psd1");

    /** The name of the output for an input called {@code fileName}. */
    public String outputName(String fileName) {
        return switch (this) {
            case raw -> fileName + ".sig";
            case jar -> fileName;
            case cms -> fileName + ".p7s";
            case pgp -> fileName + ".asc";
            case authenticode, apk, xml -> fileName;
        };
    }

    /** The format a file's name implies; {@link #raw} for anything unrecognised. */
    public static Format detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear")) {
            return jar;
        }
        if (name.endsWith(".apk")) {
            return apk;
        }
        if (name.endsWith(".xml")) {
            return xml;
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && AUTHENTICODE.contains(name.substring(dot))) {
            return authenticode;
        }
        return raw;
    }
}
