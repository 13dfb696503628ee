package dev.factortwo.reports;

import java.util.List;

/**
 * A report table as texts, raw (each format escapes them): its headers and, per row, one text under each header.
 * The per-run tables whose rows are words first and figures after render through it in HTML and Markdown alike.
 */
public record TextTable(List<String> headers, List<List<String>> rows) {

    public TextTable {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
