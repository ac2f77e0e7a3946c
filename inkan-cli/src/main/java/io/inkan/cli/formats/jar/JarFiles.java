package io.inkan.cli.formats.jar;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;

import java.security.KeyStore;

/** JAR, WAR and EAR files, signed in place (or into the output directory) as {@code jarsigner} would. */
public final class JarFiles implements Format {

    @Override
    public String name() {
        return "jar";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return lowerCaseName.endsWith(".jar") || lowerCaseName.endsWith(".war") || lowerCaseName.endsWith(".ear");
    }

    @Override
    public boolean timestamped() {
        return true;
    }

    /** Each archive gets its own JDK jar signer; the key is looked up once. */
    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        KeyStore.PrivateKeyEntry key = setup.key();
        return () -> new JarFormat(key, setup.algorithm().jcaName(), setup.provider(), setup.profile(), setup.tsa());
    }

    @Override
    public String help() {
        return "signs .jar/.war/.ear in place (or into --output-dir) like jarsigner";
    }

    @Override
    public String verification() {
        return "jarsigner -verify FILE.jar";
    }
}
