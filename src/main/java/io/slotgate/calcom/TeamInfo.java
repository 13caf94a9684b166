package io.slotgate.calcom;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A team as {@code GET /v2/teams} lists it ({@code TeamOutputDto}): what finding a team by its slug needs. Cal.com
 * models an organization as a team too ({@code isOrganization}); its teams name it as their {@code parentId}.
 */
public record TeamInfo(long id, OptionalLong parentId, String slug, boolean isOrganization) {
    public TeamInfo {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(slug, "slug");
    }
}
