package org.lessonloop.mail;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A mail's words, written once and rendered twice: plain text, and simple HTML in which everything
 * that came from a person (names, titles, an excerpt) is escaped. No images, no scripts, no tracking.
 */
final class Letter {
    private record Block(String text, URI link, boolean list) {
    }

    private final String subject;
    private final List<Block> blocks = new ArrayList<>();
    private String footer = "";

    Letter(String subject) {
        this.subject = oneLine(subject);
    }

    Letter paragraph(String text) {
        blocks.add(new Block(text, null, false));
        return this;
    }

    Letter item(String text) {
        blocks.add(new Block(text, null, true));
        return this;
    }

    Letter link(String label, URI url) {
        blocks.add(new Block(label, url, false));
        return this;
    }

    Letter footer(String text) {
        this.footer = text;
        return this;
    }

    String subject() {
        return subject;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            out.append(block.list() ? "- " + block.text() : block.link() != null ? block.text() + ":\n" + block.link() : block.text())
                    .append(block.list() ? "\n" : "\n\n");
        }
        if (!footer.isEmpty()) {
            out.append("-- \n").append(footer).append('\n');
        }
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject)).append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">\n");
        boolean inList = false;
        for (Block block : blocks) {
            if (block.list() != inList) {
                out.append(block.list() ? "<ul>\n" : "</ul>\n");
                inList = block.list();
            }
            if (block.list()) {
                out.append("<li>").append(escape(block.text())).append("</li>\n");
            } else if (block.link() != null) {
                out.append("<p><a href=\"").append(escape(block.link().toString())).append("\">").append(escape(block.text()))
                        .append("</a></p>\n");
            } else {
                out.append("<p>").append(escape(block.text())).append("</p>\n");
            }
        }
        if (inList) {
            out.append("</ul>\n");
        }
        if (!footer.isEmpty()) {
            out.append("<hr><p style=\"font-size:small;color:#555\">").append(escape(footer)).append("</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A name or title as one line: no line breaks or other control characters (a subject is a header). */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    /** The start of a comment, for its addressee only: at most {@code max} characters, cut at a word. */
    static String excerpt(String body, int max) {
        String flat = oneLine(body).replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max - 1);
        return flat.substring(0, cut > max / 2 ? cut : max - 1).strip() + "…";
    }
}
