package io.slotgate.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The emulated tenant (hosts and their date overrides, teams, event types, bookings, busy blocks, reservations); the
 * availability rules are {@link SlotEngine}'s. Not thread-safe: {@link CalcomEmulator} guards every call with its lock.
 */
final class Model {
    record BusyBlock(String id, long hostId, Instant start, Instant end) {
    }

    /** A row of Cal.com's SelectedSlots: blocks its hosts for every event type until {@code until} (NOTES §3e). */
    record Reservation(String uid, long eventTypeId, List<Long> hostIds, Instant slotStart, Instant slotEnd,
                       int reservationMinutes, Instant until) {
        boolean activeAt(Instant now) {
            return until.isAfter(now);
        }
    }

    final Map<Long, Host> hosts = new TreeMap<>();
    final Map<Long, EventTypeSpec> eventTypes = new TreeMap<>();
    final Map<String, Booking> bookings = new LinkedHashMap<>();
    final Map<String, BusyBlock> busyBlocks = new LinkedHashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();

    final Map<Long, List<DateOverride>> dateOverrides = new HashMap<>();
    final Map<Long, Team> teams = new TreeMap<>();
    /** The organization the tenant is, or null. */
    Organization organization;
    /** The user the emulator's API keys belong to; null: the user with the lowest id. */
    Long apiKeyOwner;
    final SlotEngine engine;

    Model(EmulatorSettings settings) {
        this.engine = new SlotEngine(this, settings);
    }

    List<DateOverride> dateOverrides(long hostId) {
        return dateOverrides.getOrDefault(hostId, List.of());
    }

    /** The team owning a team event type: its own, else the default team (an implicit one when none is set up). */
    Team teamOf(EventTypeSpec type) {
        if (!type.schedulingType().isTeam()) {
            return null;
        }
        long id = type.teamId() != null ? type.teamId() : Team.DEFAULT_ID;
        Team team = teams.get(id);
        return team != null ? team : new Team(id, "demo-team", "Demo Team", type.hostIds());
    }

    Optional<Host> userByUsername(String username) {
        return hosts.values().stream().filter(h -> h.username().equals(username)).findFirst();
    }

    /** {@code findByUsername(username, orgSlug, orgId)}: with an organization named, only its users. */
    Optional<Host> userByUsername(String username, String orgSlug, Long orgId) {
        if ((orgSlug != null || orgId != null) && !isOrganization(orgSlug, orgId)) {
            return Optional.empty();
        }
        return userByUsername(username);
    }

    boolean isOrganization(String slug, Long id) {
        return organization != null && (slug == null || organization.slug().equals(slug))
                && (id == null || organization.id() == id);
    }

    Optional<Team> teamBySlug(String slug) {
        return teams.values().stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /**
     * {@code findTeamBySlug} without an organization ({@code parentId: null}), {@code findOrgTeamBySlug} with one: the
     * tenant's teams belong to its organization when it is one, so only a lookup naming it finds them.
     */
    Optional<Team> teamBySlug(String slug, String orgSlug) {
        boolean inOrganization = organization != null;
        return (orgSlug != null) == inOrganization ? teamBySlug(slug) : Optional.empty();
    }

    /** The id of the organization a team belongs to ({@code parentId}), or null. */
    Long parentOf(Team team) {
        return organization == null ? null : organization.id();
    }

    /** A user's own event types (Cal.com's {@code userId}): the individual ones they host. */
    java.util.List<EventTypeSpec> userEventTypes(long userId) {
        return eventTypes.values().stream()
                .filter(t -> !t.schedulingType().isTeam() && t.hostIds().get(0) == userId).toList();
    }

    java.util.List<EventTypeSpec> teamEventTypes(long teamId) {
        return eventTypes.values().stream()
                .filter(t -> t.schedulingType().isTeam() && teamOf(t).id() == teamId).toList();
    }

    Optional<EventTypeSpec> eventType(long id) {
        return Optional.ofNullable(eventTypes.get(id));
    }

    /**
     * A dynamic group event ({@code dynamicEvent} of defaultEvents.ts): collective over the users found, 30 minutes,
     * lengths 15-90, two hours' notice, id 0.
     */
    EventTypeSpec dynamicEventType(List<String> usernames, String orgSlug) {
        List<Long> users = usernames.stream().map(u -> userByUsername(u.trim(), orgSlug, null))
                .flatMap(Optional::stream).map(Host::id).distinct().toList();
        // with no user found, a host nobody is: the collective then has no free time
        return new EventTypeSpec(0, "dynamic", 30, List.of(15, 30, 45, 60, 90), null, 0, 0, 120,
                SchedulingType.COLLECTIVE, users.isEmpty() ? List.of(-1L) : users);
    }

    long keyOwner() {
        return apiKeyOwner != null ? apiKeyOwner : hosts.keySet().stream().findFirst().orElse(0L);
    }

    // ---------------------------------------------------------------- booking

    /**
     * The hosts a booking of {@code type} at [start, end) would block, or empty when the time is not free: inside one
     * of the host's free ranges for that time (schedule less bookings and busy blocks, buffers applied) (reservations are a booker-UI hint and do not stop a
     * booking). Round robin picks the free host with the fewest accepted bookings, then the lowest id; a reschedule
     * keeps its previous host when that host is free.
     */
    List<Long> assignableHosts(EventTypeSpec type, Instant start, Instant end, Instant now, Booking rescheduling) {
        String excluded = rescheduling == null ? null : rescheduling.uid();
        List<Long> free = type.hostIds().stream()
                .filter(h -> engine.hostFreeFor(h, type, start, end, excluded))
                .toList();
        return switch (type.schedulingType()) {
            case INDIVIDUAL, COLLECTIVE -> free.size() == type.hostIds().size() ? type.hostIds() : List.of();
            case ROUND_ROBIN -> {
                if (free.isEmpty()) {
                    yield List.of();
                }
                if (rescheduling != null && free.containsAll(rescheduling.hostIds())) {
                    yield rescheduling.hostIds();
                }
                Map<Long, Long> load = new HashMap<>();
                for (Booking b : bookings.values()) {
                    if (b.isAccepted()) {
                        b.hostIds().forEach(h -> load.merge(h, 1L, Long::sum));
                    }
                }
                long pick = free.stream()
                        .min(Comparator.<Long>comparingLong(h -> load.getOrDefault(h, 0L)).thenComparing(h -> h))
                        .orElseThrow();
                yield List.of(pick);
            }
        };
    }

    Optional<Booking> overlappingBooking(long eventTypeId, Instant start, Instant end) {
        return bookings.values().stream()
                .filter(b -> b.isAccepted() && b.eventTypeId() == eventTypeId && b.start().isBefore(end)
                        && start.isBefore(b.end()))
                .findFirst();
    }

    Optional<Reservation> overlappingReservation(long eventTypeId, Instant start, Instant end, Instant now) {
        return reservations.values().stream()
                .filter(r -> r.activeAt(now) && r.eventTypeId() == eventTypeId && r.slotStart().isBefore(end)
                        && start.isBefore(r.slotEnd()))
                .findFirst();
    }

    void dropExpiredReservations(Instant now) {
        reservations.values().removeIf(r -> !r.activeAt(now));
    }
}
