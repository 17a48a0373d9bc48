package org.lessonloop.http;

/** Text placed in an HTML page we write (a printable summary): what people typed is escaped, never markup. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
