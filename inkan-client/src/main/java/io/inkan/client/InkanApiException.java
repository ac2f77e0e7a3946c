package io.inkan.client;

/**
 * The server answered with an error status. Carries the RFC 9457 problem fields so callers can react to
 * the status (e.g. map it to an exit code) and show the server's own explanation.
 */
public class InkanApiException extends InkanException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;

    /**
     * @param status HTTP status of the response
     * @param type   problem type URI, {@code about:blank} when the server gave none
     * @param title  short summary, never {@code null}
     * @param detail explanation of this occurrence; may be {@code null}
     */
    public InkanApiException(int status, String type, String title, String detail) {
        super(detail == null ? title + " (HTTP " + status + ")" : title + ": " + detail + " (HTTP " + status + ")");
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
