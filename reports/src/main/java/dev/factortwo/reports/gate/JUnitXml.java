package dev.factortwo.reports.gate;


/**
 * The gate as JUnit XML (the Ant/Surefire schema CI systems read): one {@code <testsuite>}, one
 * {@code <testcase>} per subject and check ({@code classname} = subject, {@code name} = check), failed
 * checks as {@code <failure>}. Warnings and information go to the test case's {@code <system-out>},
 * since JUnit has no warning state.
 */
public final class JUnitXml implements GateFormat {

    @Override
    public String render(GateReport r) {
        long failures = r.count(Status.FAIL);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"factortwo gate\" tests=\"").append(r.checks().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\">\n");
        b.append("  <testsuite name=\"factortwo gate: ").append(attr(r.suite())).append("\" tests=\"").append(r.checks().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        b.append("    <properties>\n");
        property(b, "baseline", r.baseline());
        property(b, "candidate", r.candidate());
        property(b, "kind", r.kind());
        property(b, "maxSlowdown", String.valueOf(r.options().maxSlowdown()));
        property(b, "confidence", String.valueOf(r.options().confidence()));
        property(b, "maxAccuracyDrop", String.valueOf(r.options().maxAccuracyDrop()));
        property(b, "correction", r.options().correction().name());
        property(b, "test", r.options().test().name());
        property(b, "strictEnvironment", String.valueOf(r.options().strictEnvironment()));
        b.append("    </properties>\n");
        for (CheckResult c : r.checks()) {
            b.append("    <testcase classname=\"").append(attr(c.subject())).append("\" name=\"").append(attr(c.check().label()))
                    .append("\" time=\"0\"");
            switch (c.status()) {
                case FAIL -> b.append(">\n      <failure message=\"").append(attr(c.message())).append("\" type=\"")
                        .append(attr(c.check().label())).append("\">").append(text(c.message())).append("</failure>\n    </testcase>\n");
                case WARN, INFO -> b.append(">\n      <system-out>").append(c.status().label()).append(": ")
                        .append(text(c.message())).append("</system-out>\n    </testcase>\n");
                case PASS -> b.append("/>\n");
            }
        }
        b.append("  </testsuite>\n</testsuites>\n");
        return b.toString();
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    private static String text(String s) {
        return clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** Drops characters XML 1.0 cannot hold. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000).forEach(b::appendCodePoint);
        return b.toString();
    }
}
