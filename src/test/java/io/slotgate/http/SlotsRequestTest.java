package io.slotgate.http;

import io.slotgate.availability.EventTypeName;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SlotsRequestTest {

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return params;
    }

    private static String refusal(String... pairs) {
        SlotsRequest parsed = SlotsRequest.parse(query(pairs));
        assertThat(parsed).isInstanceOf(SlotsRequest.Invalid.class);
        return ((SlotsRequest.Invalid) parsed).message();
    }

    @Test
    void aWellFormedQueryByIdIsServedFromTheCache() {
        SlotsRequest parsed = SlotsRequest.parse(query("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06",
                "timeZone", "Europe/Rome", "format", "RANGE", "duration", "30"));
        assertThat(parsed).isInstanceOfSatisfying(SlotsRequest.Cached.class, c -> {
            assertThat(c.query().eventTypeId()).isEqualTo(10);
            assertThat(c.query().durationMinutes()).contains(30);
            assertThat(c.zone().name()).isEqualTo("Europe/Rome");
        });
    }

    @Test
    void aZoneInAnyCaseIsTheZoneAsCalcomsIsTimeZoneAndLuxonTakeIt() {
        SlotsRequest parsed = SlotsRequest.parse(query("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06",
                "timeZone", "europe/rome"));
        assertThat(parsed).isInstanceOfSatisfying(SlotsRequest.Cached.class,
                c -> assertThat(c.zone().zone()).isEqualTo(java.time.ZoneId.of("Europe/Rome")));
    }

    @Test
    void eachBadParameterIsNamedInTheRefusal() {
        assertThat(refusal("eventTypeId", "abc", "start", "2050-09-05", "end", "2050-09-06")).contains("eventTypeId");
        assertThat(refusal("eventTypeId", "-3", "start", "2050-09-05", "end", "2050-09-06")).contains("eventTypeId");
        assertThat(refusal("eventTypeId", "10", "end", "2050-09-06")).contains("start is required");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05")).contains("end is required");
        assertThat(refusal("eventTypeId", "10", "start", "05/09/2050", "end", "2050-09-06")).contains("start must be");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "soon")).contains("end must be");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06", "timeZone", "Mars/Olympus"))
                .contains("timeZone").contains("Mars/Olympus");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06", "format", "list"))
                .contains("format");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06", "duration", "0"))
                .contains("duration");
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06", "duration", "1.5"))
                .contains("duration");
    }

    @Test
    void anEndBeforeTheStartGetsCalcomsOwnMessage() {
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-06", "end", "2050-09-05"))
                .isEqualTo("Invalid time range given - check the 'start' and 'end' query parameters.");
    }

    @Test
    void rangesOverNinetyDaysAreRefused() {
        assertThat(refusal("eventTypeId", "10", "start", "2050-01-01", "end", "2050-06-01")).contains("90 days");
        assertThat(SlotsRequest.parse(query("eventTypeId", "10", "start", "2050-01-01", "end", "2050-03-31")))
                .isInstanceOf(SlotsRequest.Cached.class);
    }

    @Test
    void unknownParametersAreRefusedAsCalcomRefusesThem() {
        assertThat(refusal("eventTypeId", "10", "start", "2050-09-05", "end", "2050-09-06", "startTime", "x"))
                .isEqualTo("property startTime should not exist");
    }

    @Test
    void repeatedParametersAreRefused() {
        assertThat(refusal("eventTypeId", "10", "eventTypeId", "11", "start", "2050-09-05", "end", "2050-09-06"))
                .contains("eventTypeId must be given once");
    }

    @Test
    void shapesSlotgateDoesNotCacheArePassedThrough() {
        assertThat(SlotsRequest.parse(query("usernames", "a,b", "organizationSlug", "o", "start", "2050-09-05", "end", "2050-09-06")))
                .isInstanceOf(SlotsRequest.PassThrough.class);
        assertThat(SlotsRequest.parse(query("eventTypeId", "10", "username", "bob", "start", "2050-09-05", "end", "2050-09-06")))
                .as("variants mixed: Cal.com's 400 names the parameter").isInstanceOf(SlotsRequest.PassThrough.class);
        assertThat(SlotsRequest.parse(query("eventTypeSlug", "intro", "username", "", "start", "2050-09-05", "end", "2050-09-06")))
                .as("a blank name").isInstanceOf(SlotsRequest.PassThrough.class);
        assertThat(SlotsRequest.parse(query("eventTypeSlug", "intro", "username", "bob", "teamSlug", "t", "start", "2050-09-05",
                "end", "2050-09-06"))).isInstanceOf(SlotsRequest.PassThrough.class);
        assertThat(SlotsRequest.parse(query("eventTypeId", "10", "bookingUidToReschedule", "abc", "start", "2050-09-05", "end", "2050-09-06")))
                .isInstanceOf(SlotsRequest.PassThrough.class);
    }

    @Test
    void slugQueriesOfBothFormsAreNamedForTheResolver() {
        assertThat(SlotsRequest.parse(query("eventTypeSlug", "intro", "username", "bob", "start", "2050-09-05", "end", "2050-09-06")))
                .isEqualTo(new SlotsRequest.Named(new EventTypeName.OfUser("bob", "intro", Optional.empty()),
                        new TimeRange(Instant.parse("2050-09-05T00:00:00Z"), Instant.parse("2050-09-06T23:59:59Z")),
                        Optional.empty(), RequestedZone.UTC, SlotFormat.TIME));
        SlotsRequest team = SlotsRequest.parse(query("teamSlug", "sales", "eventTypeSlug", "demo", "organizationSlug", "acme",
                "start", "2050-09-05", "end", "2050-09-06", "duration", "30"));
        assertThat(team).isInstanceOfSatisfying(SlotsRequest.Named.class, named -> {
            assertThat(named.name()).isEqualTo(new EventTypeName.OfTeam("sales", "demo", Optional.of("acme")));
            assertThat(named.withId(7).query().durationMinutes()).contains(30);
        });
        assertThat(SlotsRequest.parse(query("teamSlug", "sales", "eventTypeSlug", "demo", "organizationSlug", "",
                "start", "2050-09-05", "end", "2050-09-06"))).isInstanceOfSatisfying(SlotsRequest.Named.class,
                named -> assertThat(named.name().organizationSlug()).as("empty is none, as for Cal.com").isEmpty());
    }
}
