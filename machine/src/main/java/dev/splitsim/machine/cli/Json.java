package dev.splitsim.machine.cli;

import java.util.List;

/** The little JSON the command line writes: quoted strings and arrays of them. */
final class Json {
    private Json() {}

    /** {@code text} as a JSON string, quotes included; control characters are escaped so a value stays on its line. */
    static String string(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    static String strings(List<String> texts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(string(texts.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A finite number as JSON writes it; NaN and infinities, which JSON cannot hold, as null. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
