package dev.atrium.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;

class PagingTest {

    private final CommonErrors errors = new CommonErrors(104);

    @Test
    void validatesLimitAndOffset() {
        assertEquals(new PageQuery(20, 0), PageQuery.of(null, null, errors));
        assertEquals(104400001, assertThrows(DomainException.class, () -> PageQuery.of(0, 0, errors)).errorCode().code());
        assertThrows(DomainException.class, () -> PageQuery.of(101, 0, errors));
        assertThrows(DomainException.class, () -> PageQuery.of(10, -1, errors));
    }

    @Test
    void readsRawQueryStringsSoThatNonNumbersAreA400() {
        assertEquals(new PageQuery(5, 10), PageQuery.parse("5", " 10 ", errors));
        assertEquals(new PageQuery(20, 0), PageQuery.parse(null, "", errors));
        DomainException e = assertThrows(DomainException.class, () -> PageQuery.parse("abc", null, errors));
        assertEquals(104400001, e.errorCode().code());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void cozePageNumbersCountFromOne() {
        assertEquals(new PageQuery(20, 0), PageQuery.ofPageNumber("page_num", null, "page_size", "", 20, 50, errors));
        assertEquals(new PageQuery(10, 20), PageQuery.ofPageNumber("page_num", "3", "page_size", "10", 20, 50, errors));
        for (String[] bad : new String[][]{{"0", "10"}, {"-1", "10"}, {"x", "10"}, {"1", "51"}, {"1", "1.5"}, {"2147483647", "50"}}) {
            DomainException e = assertThrows(DomainException.class,
                    () -> PageQuery.ofPageNumber("page_num", bad[0], "page_size", bad[1], 20, 50, errors), () -> String.join(",", bad));
            assertEquals(104400001, e.errorCode().code());
        }
    }

    @Test
    void offsetPagesKnowWhetherMoreFollow() {
        assertTrue(Page.of(List.of(1, 2), 5, new PageQuery(2, 0)).hasMore());
        assertFalse(Page.of(List.of(5), 5, new PageQuery(2, 4)).hasMore());
    }

    @Test
    void cursorPagesTrimTheProbeItemAndReportTheirEnds() {
        CursorPage<String> page = CursorPage.of(List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), page.data());
        assertTrue(page.hasMore());
        assertEquals("a", page.firstId());
        assertEquals("b", page.lastId());
        CursorPage<String> empty = CursorPage.of(List.of(), 2, s -> s);
        assertFalse(empty.hasMore());
        assertNull(empty.firstId());
    }

    @Test
    void errorCodesEncodeRangeStatusAndSequence() {
        ErrorCode code = ErrorCode.of(720, 409, 12, "run already finished");
        assertEquals(720409012, code.code());
        assertEquals(720, code.range());
        assertEquals(409, code.httpStatus());
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.of(7, 400, 1, "short range"));
    }
}
