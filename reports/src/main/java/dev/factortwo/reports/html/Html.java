package dev.factortwo.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.factortwo.model.json.ResultsCodec;

/** Escaping for text from results: HTML text and attributes, and JSON embedded in a script element. */
final class Html {

    private Html() {
    }

    /** Text safe in element content and in quoted attribute values; line breaks kept as {@code &#10;}. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n' -> b.append("&#10;");
                case '\r' -> { }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code value} as JSON that can sit inside {@code <script type="application/json">}: every
     * {@code <}, {@code >} and {@code &} (which JSON only allows inside strings) is written as a
     * {@code \}{@code u} escape, so no {@code </script>} or {@code <!--} in a name can end the element,
     * and the line separators U+2028/U+2029 are escaped too.
     */
    static String scriptJson(Object value) {
        String json;
        try {
            json = ResultsCodec.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise chart data", e);
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Inline script source with any {@code </script} broken up so it cannot close the element early. */
    static String inlineScript(String source) {
        return source.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
    }
}
