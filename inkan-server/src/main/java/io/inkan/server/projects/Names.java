package io.inkan.server.projects;

import io.inkan.server.web.ApiProblem;

import java.util.regex.Pattern;

/**
 * The naming rule for projects, keys and profiles: short lowercase slugs that are safe in URLs, file
 * names and log lines alike.
 */
public final class Names {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Names() {
    }

    /** Returns {@code name} if it is a valid slug, otherwise refuses the request naming {@code what}. */
    public static String require(String what, String name) {
        if (name == null || !SLUG.matcher(name).matches()) {
            throw ApiProblem.badRequest("invalid-name", "Invalid name", what
                    + " names are 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}
