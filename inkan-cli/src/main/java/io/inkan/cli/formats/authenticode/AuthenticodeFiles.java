package io.inkan.cli.formats.authenticode;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;

import java.security.KeyStore;
import java.util.Set;

/** Authenticode for PE (EXE, DLL, SYS, EFI), MSI, CAB and PowerShell files, embedded like jar signatures. */
public final class AuthenticodeFiles implements Format {

    private static final Set<String> SUFFIXES = Set.of(".exe", ".dll", ".sys", ".efi",
            ".msi", ".cab", ".ps1", ".psm1", ".psd1");

    @Override
    public String name() {
        return "authenticode";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        int dot = lowerCaseName.lastIndexOf('.');
        return dot >= 0 && SUFFIXES.contains(lowerCaseName.substring(dot));
    }

    @Override
    public boolean timestamped() {
        return true;
    }

    /** Each file gets its own jsign signer; the key is looked up once. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        KeyStore.PrivateKeyEntry key = setup.key();
        return () -> new AuthenticodeFormat(key, setup.algorithm(), setup.provider(), setup.tsa(),
                setup.notices());
    }

    @Override
    public String help() {
        return "signs .exe/.dll/.sys/.efi/.msi/.cab/.ps1/.psm1/.psd1 in place (or into --output-dir)";
    }

    @Override
    public String verification() {
        return "osslsigncode verify -CAfile CERT FILE";
    }
}
