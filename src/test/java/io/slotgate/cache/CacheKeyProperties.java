package io.slotgate.cache;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheKeyProperties {

    @Property
    void everyKeyReadsBackAsItself(@ForAll("keys") CacheKey key) {
        assertThat(CacheKey.parse(key.render())).isEqualTo(key);
    }

    @Property
    void differentKeysNeverRenderAlike(@ForAll("keys") CacheKey a, @ForAll("keys") CacheKey b) {
        assertThat(a.render().equals(b.render())).isEqualTo(a.equals(b));
    }

    @Property
    void everyKeyIsNamespacedByItsTenant(@ForAll("keys") CacheKey key) {
        assertThat(key.render()).startsWith("sg:" + key.tenant().value() + ":");
    }

    @Property
    void bucketKeysFollowTheDesignedLayout(@ForAll("buckets") CacheKey.Bucket key) {
        assertThat(key.render()).isEqualTo("sg:%s:slots:%d:%d:%s",
                key.tenant().value(), key.eventTypeId(), key.durationMinutes(), key.day());
    }

    @Property
    void aTenantPatternMatchesOnlyThatTenantsKeys(@ForAll("keys") CacheKey a, @ForAll("keys") CacheKey b) {
        String prefixOfA = "sg:" + a.tenant().value() + ":";
        assertThat(b.render().startsWith(prefixOfA)).isEqualTo(a.tenant().equals(b.tenant()));
    }

    @Property
    void mangledKeysAreRefusedWithAMessage(@ForAll("keys") CacheKey key, @ForAll("mangling") String suffix) {
        assertThatThrownBy(() -> CacheKey.parse(key.render() + suffix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
    }

    @Property
    void tenantIdsWithTheSeparatorAreRefused(@ForAll("tenantNames") String name) {
        assertThatThrownBy(() -> new TenantId(name + ":x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> tenantNames() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-").ofMinLength(1).ofMaxLength(64)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    }

    @Provide
    Arbitrary<CacheKey.Bucket> buckets() {
        return Combinators.combine(tenantNames().map(TenantId::new), ids(),
                        Arbitraries.integers().between(0, 1440), days())
                .as(CacheKey.Bucket::new);
    }

    @Provide
    Arbitrary<CacheKey> keys() {
        Arbitrary<CacheKey> generations = Combinators.combine(tenantNames().map(TenantId::new), ids(), days())
                .as(CacheKey.Generation::new);
        Arbitrary<CacheKey> hostMaps = Combinators.combine(tenantNames().map(TenantId::new), ids())
                .as(CacheKey.HostMap::new);
        return Arbitraries.oneOf(buckets().map(b -> (CacheKey) b), generations, hostMaps);
    }

    @Provide
    Arbitrary<String> mangling() {
        return Arbitraries.of(":", ":x", ":1", "x");
    }

    private static Arbitrary<Long> ids() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE);
    }

    private static Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(0, 365 * 200).map(d -> LocalDate.of(1970, 1, 1).plusDays(d));
    }
}
