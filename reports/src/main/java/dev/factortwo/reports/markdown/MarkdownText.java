package dev.factortwo.reports.markdown;

/** Escapes text from results so that Markdown shows it literally, inside or outside a table. */
final class MarkdownText {

    private MarkdownText() {
    }

    /**
     * Backslash-escapes Markdown punctuation ({@code \ ` * _ [ ] | ~ #}), writes {@code < > &} as HTML
     * entities so no tag or autolink can form, and folds line breaks into spaces so a table row stays
     * one row.
     */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\n', '\r', '\t' -> b.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
