package io.slotgate.emulator;

import java.util.Objects;

/**
 * The Cal.com organization the emulated tenant is, when it is one: every user and team of the tenant then belongs to
 * it, and {@code orgSlug}/{@code orgId}/{@code organizationSlug} parameters and the {@code /v2/organizations/{orgId}}
 * routes find them through it. A tenant without one is a set of plain users and teams (DemoData's).
 */
public record Organization(long id, String slug, String name) {
    public Organization {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        if (slug.isBlank()) {
            throw new IllegalArgumentException("an organization needs a slug");
        }
    }
}
