package io.cistern.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    @Test
    void fiveFieldsRunAtSecondZero() {
        CronSchedule hourly = CronSchedule.parse("  0  *  * * *  ");
        assertEquals("0 * * * *", hourly.expression());
        ScheduleExpression timer = hourly.toScheduleExpression().orElseThrow();
        assertEquals("0", timer.getSecond());
        assertEquals("0", timer.getMinute());
        assertEquals("*", timer.getHour());
        assertEquals("*", timer.getDayOfMonth());
        assertEquals("*", timer.getMonth());
        assertEquals("*", timer.getDayOfWeek());
        assertEquals("*", timer.getYear());
    }

    @Test
    void sixFieldsPutTheSecondFirst() {
        ScheduleExpression timer = CronSchedule.parse("*/3 * * * * *").toScheduleExpression().orElseThrow();
        assertEquals("*/3", timer.getSecond());
        assertEquals("*", timer.getMinute());
    }

    @Test
    void namesListsRangesAndIncrementsAreTakenAndNormalized() {
        CronSchedule weekly = CronSchedule.parse("30 4 * jan,Jul SUN");
        ScheduleExpression timer = weekly.toScheduleExpression().orElseThrow();
        assertEquals("1,7", timer.getMonth());
        assertEquals("0", timer.getDayOfWeek());
        assertEquals("30 4 * 1,7 0", weekly.expression());
        assertEquals("1-5", CronSchedule.parse("0 0 * * Mon-Fri").toScheduleExpression().orElseThrow().getDayOfWeek());
        assertEquals("Last", CronSchedule.parse("0 0 last * *").toScheduleExpression().orElseThrow().getDayOfMonth());
        assertEquals("5/20", CronSchedule.parse("5/20 */2 * * *").toScheduleExpression().orElseThrow().getMinute());
        assertEquals("7", CronSchedule.parse("0 0 * * 7").toScheduleExpression().orElseThrow().getDayOfWeek());
    }

    @Test
    void offMeansNoTimer() {
        CronSchedule off = CronSchedule.parse("OFF");
        assertTrue(off.isOff());
        assertEquals("off", off.expression());
        assertTrue(off.toScheduleExpression().isEmpty());
        assertFalse(CronSchedule.parse("0 3 * * *").isOff());
    }

    @Test
    void eachMistakeNamesItsField() {
        assertRefused("schedule", null);
        assertRefused("schedule", "  ");
        assertRefused("schedule", "0 * * *");
        assertRefused("schedule", "0 0 0 * * * *");
        assertRefused("minute", "60 * * * *");
        assertRefused("minute", "x * * * *");
        assertRefused("minute", "1,,2 * * * *");
        assertRefused("minute", "*/0 * * * *");
        assertRefused("hour", "0 24 * * *");
        assertRefused("hour", "0 -1 * * *");
        assertRefused("dayOfMonth", "0 0 0 * *");
        assertRefused("dayOfMonth", "0 0 32 * *");
        assertRefused("dayOfMonth", "0 0 */2 * *");
        assertRefused("month", "0 0 * 13 *");
        assertRefused("month", "0 0 * Foo *");
        assertRefused("dayOfWeek", "0 0 * * 8");
        assertRefused("dayOfWeek", "0 0 * * Mon-Funday");
        assertRefused("second", "61 * * * * *");
        assertRefused("second", "? * * * * *");
    }

    @Test
    void theMessageSaysWhatIsWrongWithWhichField() {
        InvalidScheduleException refused = assertThrows(InvalidScheduleException.class,
                () -> CronSchedule.parse("75 * * * *"));
        assertEquals("minute: '75': 75 is outside 0-59", refused.getMessage());
    }

    private static void assertRefused(String field, String expression) {
        InvalidScheduleException refused = assertThrows(InvalidScheduleException.class,
                () -> CronSchedule.parse(expression), String.valueOf(expression));
        assertEquals(field, refused.field(), refused.getMessage());
    }
}
