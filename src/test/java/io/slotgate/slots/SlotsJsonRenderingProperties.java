package io.slotgate.slots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole answer rendered at once (offsets looked up once per stretch between a zone's transitions) is exactly the
 * answer a formatter gives slot by slot: across DST changes, in zones with odd offsets, with overlapping slots whose
 * ends fall past the next start, in both formats.
 */
class SlotsJsonRenderingProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LUXON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final DateTimeFormatter UTC_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    @Property(tries = 500)
    void renderingARunOfSlotsEqualsFormattingEachSlotOnItsOwn(
            @ForAll("starts") Instant first, @ForAll("zones") String zoneName,
            @ForAll @IntRange(min = 5, max = 120) int intervalMinutes,
            @ForAll @IntRange(min = 5, max = 240) int lengthMinutes,
            @ForAll @IntRange(min = 0, max = 400) int count, @ForAll boolean range) {
        RequestedZone zone = RequestedZone.parse(zoneName).orElseThrow();
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(Slot.of(first.plus(Duration.ofMinutes((long) i * intervalMinutes)), Duration.ofMinutes(lengthMinutes)));
        }
        SlotFormat format = range ? SlotFormat.RANGE : SlotFormat.TIME;

        assertThat(SlotsJson.render(slots, zone, format)).isEqualTo(reference(slots, zone, format));
    }

    /** Cal.com's shape built with Jackson and java.time's formatter, one slot at a time. */
    private static String reference(List<Slot> slots, RequestedZone zone, SlotFormat format) {
        ZoneId id = zone.universal() ? ZoneId.of("UTC") : zone.zone();
        DateTimeFormatter formatter = zone.universal() ? UTC_ISO : LUXON_ISO;
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "success");
        ObjectNode data = root.putObject("data");
        for (Slot slot : slots) {
            LocalDate date = LocalDate.ofInstant(slot.start(), id);
            ArrayNode day = data.has(date.toString()) ? (ArrayNode) data.get(date.toString()) : data.putArray(date.toString());
            ObjectNode rendered = day.addObject();
            rendered.put("start", formatter.format(slot.start().atZone(id)));
            if (format == SlotFormat.RANGE) {
                rendered.put("end", formatter.format(slot.end().atZone(id)));
            }
        }
        return root.toString();
    }

    /** Mostly around DST changes (late March, late October, early April in the south), some anywhere in 1970-2099. */
    @Provide
    Arbitrary<Instant> starts() {
        Arbitrary<Instant> nearChanges = Arbitraries.of(
                        "2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z", "2030-03-29T00:00:00Z", "2030-10-25T00:00:00Z",
                        "2031-04-04T00:00:00Z", "2037-10-30T00:00:00Z", "2045-03-24T00:00:00Z")
                .map(Instant::parse)
                .flatMap(base -> Arbitraries.integers().between(0, 7 * 24 * 4)
                        .map(quarters -> base.plus(Duration.ofMinutes(15L * quarters))));
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, nearChanges), net.jqwik.api.Tuple.of(1, anywhere));
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "Europe/London", "America/New_York", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "America/Sao_Paulo", "Africa/Casablanca",
                "Australia/Sydney");
    }
}
