package io.inkan.cli;

import java.util.Properties;

/**
 * Keeps the format libraries' logging off the terminal. Apache POI, which jsign reads MSI installers
 * with, logs through log4j-api; the CLI ships no Log4j implementation, so without a provider log4j-api
 * prints "ERROR Log4j API could not find a logging provider." on every MSI although the signing succeeds.
 * The CLI reports its own failures (as one line, with an exit code), so library log lines would only be
 * noise: log4j-api's built-in simple provider is chosen and switched off. This must run before any
 * library class asks for a logger; settings given with {@code -D} win.
 */
final class LibraryLogging {

    static final String PROVIDER = "log4j.provider";
    static final String SIMPLE_LOGGER_LEVEL = "org.apache.logging.log4j.simplelog.level";

    private LibraryLogging() {
    }

    static void silence(Properties systemProperties) {
        systemProperties.putIfAbsent(PROVIDER, "org.apache.logging.log4j.simple.internal.SimpleProvider");
        systemProperties.putIfAbsent(SIMPLE_LOGGER_LEVEL, "OFF");
    }
}
