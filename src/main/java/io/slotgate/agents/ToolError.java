package io.slotgate.agents;

/**
 * A refusal an agent can act on: the message says what was wrong and what to do instead ("eventTypeId 99 is unknown:
 * call list_event_types"). It becomes an MCP tool error ({@code isError: true}) or a 4xx over HTTP; never a stack trace.
 */
public final class ToolError extends RuntimeException {
    private final int status;

    ToolError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ToolError invalid(String message) {
        return new ToolError(400, message);
    }

    /** The HTTP status the same refusal has over plain HTTP. */
    public int status() {
        return status;
    }
}
