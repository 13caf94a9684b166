package io.slotgate.slots;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestedZoneProperties {
    private static final DateTimeFormatter LUXON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    @Property(tries = 2000)
    void theFastRenderingEqualsTheFormattersInEveryZone(@ForAll("instants") Instant instant, @ForAll("zones") String zone) {
        RequestedZone requested = RequestedZone.parse(zone).orElseThrow();
        String expected = requested.universal()
                ? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").format(instant.atZone(ZoneId.of("UTC")))
                : LUXON_ISO.format(instant.atZone(ZoneId.of(zone)));
        assertThat(requested.format(instant)).isEqualTo(expected);
        assertThat(requested.dateOf(instant)).isEqualTo(LocalDate.ofInstant(instant, requested.zone()));
    }

    @Property
    void unknownZonesAreRefused(@ForAll("nonsense") String name) {
        assertThat(RequestedZone.parse(name)).isEmpty();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-2_000_000_000_000L, 4_000_000_000_000L).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(List.of("UTC", "GMT", "Europe/Berlin", "Europe/London", "America/New_York",
                "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu",
                "Pacific/Kiritimati", "America/Sao_Paulo", "Africa/Casablanca", "Europe/Dublin"));
    }

    @Provide
    Arbitrary<String> nonsense() {
        return Arbitraries.of("", "Mars/Olympus", "Europe/Atlantis", "+02:00", "EST5EDTX", "Berlin", "utc+1");
    }
}
