package org.lessonloop.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula guard of CSV exports: what a spreadsheet would run is written as text. */
class CsvTest {
    private static String cell(String text) {
        return new Csv().row(List.of(text)).toString().replace("\r\n", "");
    }

    @Test
    void aCellStartingAsAFormulaGetsAnApostrophe() {
        assertEquals("'=1+2", cell("=1+2"));
        assertEquals("'@SUM(A1)", cell("@SUM(A1)"));
        assertEquals("'+cmd", cell("+cmd"));
    }

    @Test
    void leadingSpacesNoBreakOnesIncludedDoNotHideAFormula() {
        assertEquals("'\u00A0=1+2", cell("\u00A0=1+2"));
        assertEquals("' =1+2", cell(" =1+2"));
        assertEquals("'\u3000@SUM(A1)", cell("\u3000@SUM(A1)"));
    }

    @Test
    void fullWidthFormulaSignsAreGuardedToo() {
        assertEquals("'\uFF1DHYPERLINK(1)", cell("\uFF1DHYPERLINK(1)"));
        assertEquals("'\uFF0B1", cell("\uFF0B1"));
        assertEquals("'\uFF0D1", cell("\uFF0D1"));
        assertEquals("'\uFF20A1", cell("\uFF20A1"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertEquals("-12.5", cell("-12.5"));
        assertEquals("Turn and talk", cell("Turn and talk"));
        assertEquals("a = b", cell("a = b"));
    }
}
