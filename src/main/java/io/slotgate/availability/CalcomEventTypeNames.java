package io.slotgate.availability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.calcom.TeamInfo;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Resolves event-type names through Cal.com's own event-type routes, with slotgate's key, the way
 * {@code SlotsInputService_2024_09_04.getEventType} resolves them for {@code GET /v2/slots}:
 * <ul>
 *   <li>a user's: {@code GET /v2/event-types?username=…&eventSlug=…[&orgSlug=…]}, which runs the same
 *       {@code getUserEventTypeBySlug} for the same user lookup;</li>
 *   <li>a team's: the team's id from {@code GET /v2/teams} (a team without an organization is one with no
 *       {@code parentId}, as {@code findTeamBySlug} requires; with one, the organization's team of that slug, as
 *       {@code findOrgTeamBySlug}), then {@code GET /v2/teams/{teamId}/event-types?eventSlug=…}. Only teams the key's
 *       owner belongs to are listed: another team's queries stay Cal.com's to answer.</li>
 * </ul>
 * A name found is kept as long as event-type facts are ({@link EventTypeDirectory#KNOWN_FOR}); a name Cal.com does not
 * know, for {@link EventTypeDirectory#UNKNOWN_FOR}, during which its queries go to Cal.com without another lookup; a
 * failed lookup is not kept at all. Concurrent first lookups of a name share one call (Caffeine's per-key loading).
 */
public final class CalcomEventTypeNames implements EventTypeNames {
    private static final String TEAMS = "teams";

    private final CalcomClient client;
    private final Consumer<EventTypeInfo> described;
    private final Cache<EventTypeName, Resolution> names;
    private final Cache<String, List<TeamInfo>> teams;

    /** @param described told of each event type a lookup found, as the list described it */
    public CalcomEventTypeNames(CalcomClient client, Consumer<EventTypeInfo> described, Clock clock) {
        this.client = client;
        this.described = described;
        this.names = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .maximumSize(10_000)
                .expireAfter(Expiry.creating((EventTypeName name, Resolution r) -> r instanceof Found
                        ? EventTypeDirectory.KNOWN_FOR : EventTypeDirectory.UNKNOWN_FOR))
                .build();
        this.teams = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.creating((String key, List<TeamInfo> list) -> list.isEmpty()
                        ? EventTypeDirectory.UNKNOWN_FOR : EventTypeDirectory.KNOWN_FOR))
                .build();
    }

    @Override
    public Resolution resolve(EventTypeName name) {
        Resolution known = names.get(name, this::ask);
        return known != null ? known : new Unavailable();
    }

    @Override
    public void forget(EventTypeName name) {
        names.invalidate(name);
    }

    /** null when Cal.com could not be asked: nothing is kept. */
    private Resolution ask(EventTypeName name) {
        if (name.eventTypeSlug().isBlank()) {
            return new NotFound();
        }
        return switch (name) {
            // (a blank username would make the event-type list fall back to the key owner's own event types)
            case EventTypeName.OfUser user when user.username().isBlank() -> new NotFound();
            case EventTypeName.OfUser user -> first(client.userEventTypes(user.username(), user.eventTypeSlug(),
                    user.organizationSlug()));
            case EventTypeName.OfTeam team -> {
                List<TeamInfo> listed = teams.get(TEAMS, key -> listTeams());
                if (listed == null) {
                    yield null;
                }
                OptionalLong teamId = teamId(listed, team.teamSlug(), team.organizationSlug());
                yield teamId.isEmpty() ? new NotFound()
                        : first(client.teamEventTypes(teamId.getAsLong(), team.eventTypeSlug()));
            }
        };
    }

    /** The key's teams; empty when Cal.com will not list them (no key, a refused key); null when it could not. */
    private List<TeamInfo> listTeams() {
        CalcomOutcome<List<TeamInfo>> outcome = client.teams();
        return switch (outcome) {
            case CalcomOutcome.Success<List<TeamInfo>> ok -> List.copyOf(ok.value());
            case CalcomOutcome.Unauthorised<List<TeamInfo>> denied -> List.of();
            case CalcomOutcome.Rejected<List<TeamInfo>> rejected -> List.of();
            default -> null;
        };
    }

    static OptionalLong teamId(List<TeamInfo> teams, String teamSlug, Optional<String> organizationSlug) {
        OptionalLong parent = OptionalLong.empty();
        if (organizationSlug.isPresent()) {
            Optional<TeamInfo> organization = teams.stream()
                    .filter(t -> t.isOrganization() && t.slug().equals(organizationSlug.get())).findFirst();
            if (organization.isEmpty()) {
                return OptionalLong.empty();
            }
            parent = OptionalLong.of(organization.get().id());
        }
        OptionalLong wanted = parent;
        return teams.stream().filter(t -> !t.isOrganization() && t.slug().equals(teamSlug)
                        && t.parentId().equals(wanted))
                .mapToLong(TeamInfo::id).findFirst();
    }

    /** The listed event type, whose description the directory keeps too: its first query then needs no lookup of it. */
    private Resolution first(CalcomOutcome<List<EventTypeInfo>> outcome) {
        return switch (outcome) {
            case CalcomOutcome.Success<List<EventTypeInfo>> ok -> {
                if (ok.value().isEmpty()) {
                    yield new NotFound();
                }
                EventTypeInfo found = ok.value().get(0);
                described.accept(found);
                yield new Found(found.id());
            }
            // a definite refusal: the name is Cal.com's to answer for a while
            case CalcomOutcome.Rejected<List<EventTypeInfo>> rejected -> new NotFound();
            case CalcomOutcome.Unauthorised<List<EventTypeInfo>> denied -> new NotFound();
            default -> null;
        };
    }
}
