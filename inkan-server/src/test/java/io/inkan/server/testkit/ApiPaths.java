package io.inkan.server.testkit;

/** The API's resource paths, so tests name what they address instead of concatenating strings. */
public final class ApiPaths {

    private static final String PROJECTS = "/api/v1/projects/";

    private ApiPaths() {
    }

    /** {@code /api/v1/projects/{project}/profiles/{profile}/{operation}}, e.g. {@code sign}. */
    public static String profile(String project, String profile, String operation) {
        return PROJECTS + project + "/profiles/" + profile + "/" + operation;
    }

    /** {@code /api/v1/projects/{project}/keys/{key}/{operation}}, or the key itself when {@code operation} is empty. */
    public static String key(String project, String key, String operation) {
        return PROJECTS + project + "/keys/" + key + (operation.isEmpty() ? "" : "/" + operation);
    }

    /** {@code /api/v1/projects/{project}/requests/{id}}: one signing request. */
    public static String request(String project, String id) {
        return PROJECTS + project + "/requests/" + id;
    }
}
