package io.slotgate.simulator.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting and escaping shared by the reports. Locale-independent: always a dot, never grouping. */
final class Fmt {
    private Fmt() {
    }

    /**
     * A ratio (0..1) as a percentage without the sign. At least two decimals; small values keep three significant
     * digits (0.000854 -> "0.0854") and values just under 100 keep enough to show the complement (0.99996 -> "99.9960").
     */
    static String pct(double ratio) {
        double p = ratio * 100;
        if (!Double.isFinite(p)) {
            return "-";
        }
        if (p == 0) {
            return "0";
        }
        int decimals;
        if (Math.abs(p) < 1) {
            decimals = Math.min(6, Math.max(3, 2 - (int) Math.floor(Math.log10(Math.abs(p)))));
        } else if (p > 99 && p < 100) {
            decimals = Math.min(4, Math.max(2, 1 - (int) Math.floor(Math.log10(100 - p))));
        } else {
            decimals = 2;
        }
        return fixed(p, decimals);
    }

    /** A measured quantity (per day, ms, calls): fewer decimals as it grows, three significant digits below 1. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return fixed(v, 0);
        }
        if (a >= 10) {
            return fixed(v, 1);
        }
        if (a >= 1) {
            return fixed(v, 2);
        }
        return fixed(v, Math.min(6, 2 - (int) Math.floor(Math.log10(a))));
    }

    /** A parameter value as given: integers without decimals, others to four significant digits. */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String fixed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** Text for XML/HTML content and attribute values. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // characters XML 1.0 forbids are dropped rather than breaking the document
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    /** Text for a Markdown table cell or paragraph: punctuation that Markdown or inline HTML would act on is escaped. */
    static String md(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if ("\\`*_[]<>&|~".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return b.toString();
    }

    /** A file-name fragment: lower case letters, digits and single dashes. */
    static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
