package org.lessonloop.annotations;

import java.util.List;

/**
 * RFC 4180 CSV lines. A cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR, or
 * their full-width forms, after any leading spaces, no-break ones included) gets a leading
 * apostrophe, so an exported comment cannot run in the reader's spreadsheet.
 */
final class Csv {
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
    /** Spreadsheets read these as the start of a formula; U+FF1D, U+FF0B, U+FF0D, U+FF20 are full-width = + - @. */
    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";
    private final StringBuilder out = new StringBuilder();

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (startsLikeFormula(text) && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Spreadsheets skip leading spaces (U+00A0 and the other space separators too) before they look. */
    private static boolean startsLikeFormula(String text) {
        int i = 0;
        while (i < text.length() && Character.isSpaceChar(text.charAt(i))) {
            i++;
        }
        return i < text.length() && FORMULA_STARTS.indexOf(text.charAt(i)) >= 0;
    }
}
