package io.slotgate.availability;

import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.EventTypeListing;
import io.slotgate.calcom.Priority;
import io.slotgate.calcom.TeamInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Reads every list of event types slotgate's key can see, for one load of the catalog. */
final class EventTypeLists {
    /** The organization route's largest page. */
    private static final int PAGE = 250;
    private final CalcomClient client;
    private final int memberLists;
    private final AtomicLong listCalls = new AtomicLong();

    EventTypeLists(CalcomClient client, int memberLists) {
        this.client = client;
        this.memberLists = memberLists;
    }

    /** A list the load cannot do without failed: the load keeps what it had. */
    static final class ListFailed extends Exception {
        ListFailed(String message) {
            super(message, null, false, false);
        }
    }

    long listCalls() {
        return listCalls.get();
    }

    /**
     * The lists, in three rounds of calls made side by side (each round needs the one before): the owner's own list
     * and the teams; the teams' (or organizations') event types; the public lists of their hosts. A cold start waits
     * three Cal.com latencies, not one per list.
     */
    Map<Long, EventTypeListing> read(Priority priority) throws ListFailed {
        Core core = readCore(priority);
        return withMembers(core.found(), readMembers(core.members(), priority));
    }

    /** What {@code found} lists, and what the hosts' lists add to it (an id listed already keeps its listing). */
    static Map<Long, EventTypeListing> withMembers(Map<Long, EventTypeListing> found,
                                                   Map<String, List<EventTypeListing>> members) {
        Map<Long, EventTypeListing> all = new LinkedHashMap<>(found);
        members.values().forEach(list -> list.forEach(l -> all.putIfAbsent(l.info().id(), l)));
        return all;
    }

    /**
     * The first two rounds: what the owner's and the teams' lists name, and the hosts they name whose own public lists
     * are still to be read (at most {@code memberLists}).
     */
    record Core(Map<Long, EventTypeListing> found, List<String> members) {
    }

    Core readCore(Priority priority) throws ListFailed {
        Map<Long, EventTypeListing> found = new LinkedHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var ownCall = pool.submit(() -> client.ownEventTypes(priority));
            var teamsCall = pool.submit(() -> client.teams(priority));
            Set<String> covered = new LinkedHashSet<>();
            for (EventTypeListing l : required(get(ownCall), "own event types")) {
                found.put(l.info().id(), l);
                covered.addAll(l.hostUsernames());
            }
            List<TeamInfo> teams = required(get(teamsCall), "teams");
            Map<Long, Future<Boolean>> organizations = new LinkedHashMap<>();
            Map<Long, Map<Long, EventTypeListing>> ofOrganization = new LinkedHashMap<>();
            for (TeamInfo org : teams) {
                if (org.isOrganization()) {
                    Map<Long, EventTypeListing> mine = new LinkedHashMap<>();
                    ofOrganization.put(org.id(), mine);
                    organizations.put(org.id(), pool.submit(() -> organizationTeams(org.id(), mine, priority)));
                }
            }
            Map<Long, Future<CalcomOutcome<List<EventTypeListing>>>> ofTeam = new LinkedHashMap<>();
            for (TeamInfo team : teams) {
                if (!team.isOrganization()) {
                    ofTeam.put(team.id(), pool.submit(() -> client.teamEventTypes(team.id(), priority)));
                }
            }
            Set<Long> readable = new LinkedHashSet<>();
            for (var org : organizations.entrySet()) {
                if (get(org.getValue())) {
                    readable.add(org.getKey());
                    ofOrganization.get(org.getKey()).forEach(found::put);
                }
            }
            for (TeamInfo team : teams) {
                if (team.isOrganization()) {
                    continue;
                }
                CalcomOutcome<List<EventTypeListing>> listed = get(ofTeam.get(team.id()));
                boolean inReadableOrg = team.parentId().isPresent() && readable.contains(team.parentId().getAsLong());
                if (!inReadableOrg || listed instanceof CalcomOutcome.Success<?>) {
                    // a team of an organization already read may fail alone: its event types came with the organization's
                    required(listed, "team " + team.id()).forEach(l -> found.put(l.info().id(), l));
                }
            }
            Set<String> members = new LinkedHashSet<>();
            found.values().forEach(l -> members.addAll(l.hostUsernames()));
            members.removeAll(covered);
            return new Core(found, members.stream().limit(memberLists).toList());
        }
    }

    /**
     * The hosts' public lists, side by side: each member's list that Cal.com gave. A member's list that fails (refused
     * by the budget, Cal.com down) is missing from the answer; the others are still worth having.
     */
    Map<String, List<EventTypeListing>> readMembers(List<String> members, Priority priority) throws ListFailed {
        Map<String, List<EventTypeListing>> read = new LinkedHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<CalcomOutcome<List<EventTypeListing>>>> lists = new LinkedHashMap<>();
            members.forEach(member -> lists.put(member, pool.submit(() -> client.publicEventTypes(member, priority))));
            for (var list : lists.entrySet()) {
                if (get(list.getValue()) instanceof CalcomOutcome.Success<List<EventTypeListing>> ok) {
                    listCalls.incrementAndGet();
                    read.put(list.getKey(), ok.value());
                }
            }
        }
        return read;
    }

    private static <T> T get(Future<T> future) throws ListFailed {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListFailed("interrupted");
        } catch (ExecutionException e) {
            throw new ListFailed(e.getCause() instanceof ListFailed f ? f.getMessage() : String.valueOf(e.getCause()));
        }
    }

    /** Every page of an organization's team event types; false when the key may not read them. */
    private boolean organizationTeams(long orgId, Map<Long, EventTypeListing> found, Priority priority)
            throws ListFailed {
        for (int skip = 0; ; skip += PAGE) {
            CalcomOutcome<List<EventTypeListing>> page = client.organizationTeamEventTypes(orgId, skip, PAGE, priority);
            if (page instanceof CalcomOutcome.Rejected<?> || page instanceof CalcomOutcome.Unauthorised<?>) {
                return false;
            }
            List<EventTypeListing> items = required(page, "organization " + orgId);
            items.forEach(l -> found.put(l.info().id(), l));
            if (items.size() < PAGE) {
                return true;
            }
        }
    }

    private <T> T required(CalcomOutcome<T> outcome, String what) throws ListFailed {
        if (!(outcome instanceof CalcomOutcome.Success<T> ok)) {
            throw new ListFailed(what + ": " + outcome.getClass().getSimpleName());
        }
        listCalls.incrementAndGet();
        return ok.value();
    }
}
