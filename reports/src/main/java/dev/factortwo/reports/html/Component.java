package dev.factortwo.reports.html;

/** One part of the page: a block of HTML, every value from the results already escaped. */
interface Component {

    /** The component's HTML. */
    String html();
}
