package io.slotgate.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A Cal.com team: it owns round-robin and collective event types, and is found by {@code slug} in
 * {@code GET /v2/slots?teamSlug=…} and the team routes of {@code /v2/event-types}.
 *
 * @param memberIds the users in the team (hosts of its event types are drawn from them)
 */
public record Team(long id, String slug, String name, List<Long> memberIds) {
    /** The team a team event type belongs to when it names none: Cal.com's answers call it "Demo Team". */
    public static final long DEFAULT_ID = 1;

    public Team {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        memberIds = List.copyOf(memberIds);
        if (slug.isBlank()) {
            throw new IllegalArgumentException("a team needs a slug");
        }
    }
}
