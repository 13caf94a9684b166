package io.slotgate.availability;

import java.util.Objects;
import java.util.Optional;

/**
 * An event type named the way booking pages and links name it, as {@code GET /v2/slots} takes it: a user's event type
 * by {@code username} + {@code eventTypeSlug}, or a team's by {@code teamSlug} + {@code eventTypeSlug}, each optionally
 * within an organization ({@code organizationSlug}).
 */
public sealed interface EventTypeName {
    String eventTypeSlug();

    Optional<String> organizationSlug();

    record OfUser(String username, String eventTypeSlug, Optional<String> organizationSlug) implements EventTypeName {
        public OfUser {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(eventTypeSlug, "eventTypeSlug");
            Objects.requireNonNull(organizationSlug, "organizationSlug");
        }
    }

    record OfTeam(String teamSlug, String eventTypeSlug, Optional<String> organizationSlug) implements EventTypeName {
        public OfTeam {
            Objects.requireNonNull(teamSlug, "teamSlug");
            Objects.requireNonNull(eventTypeSlug, "eventTypeSlug");
            Objects.requireNonNull(organizationSlug, "organizationSlug");
        }
    }
}
