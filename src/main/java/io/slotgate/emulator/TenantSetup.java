package io.slotgate.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The changes a test or a simulation makes to the emulated tenant directly, as an admin would in Cal.com's web app:
 * each checks what it names exists and, like Cal.com, sends a webhook only for an out-of-office entry.
 */
final class TenantSetup {
    private final GuardedModel guarded;
    private final Model model;
    private final EmulatorWebhooks webhooks;
    private long nextBusyBlock = 1;

    TenantSetup(GuardedModel guarded, EmulatorWebhooks webhooks) {
        this.guarded = guarded;
        this.model = guarded.model();
        this.webhooks = webhooks;
    }

    void addHost(Host host) {
        Objects.requireNonNull(host, "host");
        guarded.locked(() -> model.hosts.put(host.id(), host));
    }

    void addEventType(EventTypeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        guarded.locked(() -> {
            requireHosts(spec.hostIds(), host -> "event type " + spec.id() + " names unknown host " + host);
            return model.eventTypes.put(spec.id(), spec);
        });
    }

    String addBusyBlock(long hostId, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("busy block must end after it starts");
        }
        return guarded.locked(() -> {
            requireHosts(List.of(hostId), host -> "unknown host " + host);
            String id = "busy-" + nextBusyBlock++;
            model.busyBlocks.put(id, new Model.BusyBlock(id, hostId, start, end));
            return id;
        });
    }

    String addOutOfOffice(long hostId, Instant start, Instant end) {
        String id = addBusyBlock(hostId, start, end);
        Host host = guarded.locked(() -> Optional.ofNullable(model.hosts.get(hostId))).orElseThrow();
        webhooks.outOfOffice(host, "ooo-" + id, nextBusyBlock, start, end);
        return id;
    }

    void removeBusyBlock(String id) {
        guarded.locked(() -> model.busyBlocks.remove(id));
    }

    void addDateOverride(long hostId, DateOverride override) {
        Objects.requireNonNull(override, "override");
        guarded.locked(() -> {
            requireHosts(List.of(hostId), host -> "unknown host " + host);
            List<DateOverride> list = new ArrayList<>(model.dateOverrides(hostId));
            list.add(override);
            return model.dateOverrides.put(hostId, List.copyOf(list));
        });
    }

    void removeDateOverrides(long hostId, LocalDate date) {
        guarded.locked(() -> {
            List<DateOverride> kept = model.dateOverrides(hostId).stream().filter(o -> !o.date().equals(date)).toList();
            return model.dateOverrides.put(hostId, kept);
        });
    }

    void addTeam(Team team) {
        Objects.requireNonNull(team, "team");
        guarded.locked(() -> {
            requireHosts(team.memberIds(), member -> "team " + team.id() + " names unknown user " + member);
            return model.teams.put(team.id(), team);
        });
    }

    void setOrganization(Organization organization) {
        guarded.locked(() -> model.organization = Objects.requireNonNull(organization, "organization"));
    }

    void setApiKeyOwner(long userId) {
        guarded.locked(() -> {
            requireHosts(List.of(userId), user -> "unknown user " + user);
            return model.apiKeyOwner = userId;
        });
    }

    private void requireHosts(List<Long> ids, LongFunction<String> unknown) {
        for (long id : ids) {
            if (!model.hosts.containsKey(id)) {
                throw new IllegalArgumentException(unknown.apply(id));
            }
        }
    }
}
