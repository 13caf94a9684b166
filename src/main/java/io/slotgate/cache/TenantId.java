package io.slotgate.cache;

import java.util.regex.Pattern;

/** A Cal.com account slotgate serves; the first segment of every key, so it may not contain the separator. */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must be 1-64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
