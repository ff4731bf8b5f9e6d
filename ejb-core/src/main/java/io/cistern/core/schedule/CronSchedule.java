package io.cistern.core.schedule;

import jakarta.ejb.ScheduleExpression;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's schedule, written like a cron line and run as an EJB calendar timer:
 * <ul>
 * <li>{@code off}: never;</li>
 * <li>five fields, {@code minute hour dayOfMonth month dayOfWeek} (at second 0), as in crontab(5);</li>
 * <li>six fields, {@code second minute hour dayOfMonth month dayOfWeek}, for schedules finer than a minute.</li>
 * </ul>
 * Each field is {@code *} or a comma-separated list of values and ranges ({@code 1-5}); {@code second}, {@code minute}
 * and {@code hour} also take increments ({@code *}{@code /15}, {@code 5/20}), as {@link ScheduleExpression} does; months
 * and days of the week may be named ({@code Jan}, {@code Mon}), {@code dayOfWeek} counts 0 and 7 as Sunday, and
 * {@code dayOfMonth} takes {@code Last}. Times are the server's time zone. Every value is checked here, so that a bad
 * schedule is refused with the field it breaks rather than failing when the timer is made.
 */
public final class CronSchedule {
    /** The expression that turns a job's schedule off. */
    public static final String OFF = "off";

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private enum Field {
        SECOND("second", 0, 59, true), MINUTE("minute", 0, 59, true), HOUR("hour", 0, 23, true),
        DAY_OF_MONTH("dayOfMonth", 1, 31, false), MONTH("month", 1, 12, false), DAY_OF_WEEK("dayOfWeek", 0, 7, false);

        final String label;
        final int min;
        final int max;
        final boolean increments;

        Field(String label, int min, int max, boolean increments) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.increments = increments;
        }
    }

    private final String expression;
    private final String[] values;

    private CronSchedule(String expression, String[] values) {
        this.expression = expression;
        this.values = values;
    }

    /**
     * The schedule {@code expression} says, normalized (single spaces, {@code off} in lower case).
     *
     * @throws InvalidScheduleException naming the field that is wrong
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("schedule",
                    "a schedule is required: 'off', or cron fields 'minute hour dayOfMonth month dayOfWeek'");
        }
        String trimmed = expression.trim();
        if (trimmed.equalsIgnoreCase(OFF)) {
            return new CronSchedule(OFF, null);
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 5 && parts.length != 6) {
            throw new InvalidScheduleException("schedule", "'" + trimmed + "' has " + parts.length + " fields: give 5"
                    + " (minute hour dayOfMonth month dayOfWeek), 6 (second first) or 'off'");
        }
        String[] six = parts.length == 6 ? parts : prependSecondZero(parts);
        Field[] fields = Field.values();
        for (int i = 0; i < fields.length; i++) {
            six[i] = checkField(fields[i], six[i]);
        }
        return new CronSchedule(String.join(" ", parts.length == 6 ? six : Arrays.copyOfRange(six, 1, 6)), six);
    }

    /** Whether the schedule is {@code off}: no timer. */
    public boolean isOff() {
        return values == null;
    }

    /** The normalized expression, as stored and shown. */
    public String expression() {
        return expression;
    }

    /** The timer's calendar; empty when off. */
    public Optional<ScheduleExpression> toScheduleExpression() {
        if (isOff()) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleExpression().second(values[0]).minute(values[1]).hour(values[2])
                .dayOfMonth(values[3]).month(values[4]).dayOfWeek(values[5]).year("*"));
    }

    @Override
    public String toString() {
        return expression;
    }

    private static String[] prependSecondZero(String[] five) {
        String[] six = new String[6];
        six[0] = "0";
        System.arraycopy(five, 0, six, 1, 5);
        return six;
    }

    /** The field's text with names in the case ScheduleExpression documents; refuses what it would not take. */
    private static String checkField(Field field, String text) {
        StringBuilder normalized = new StringBuilder();
        for (String item : text.split(",", -1)) {
            if (normalized.length() > 0) {
                normalized.append(',');
            }
            normalized.append(checkItem(field, item));
        }
        return normalized.toString();
    }

    private static String checkItem(Field field, String item) {
        if (item.isEmpty()) {
            throw invalid(field, "an empty value in a list");
        }
        if (item.equals("*")) {
            return item;
        }
        int slash = item.indexOf('/');
        if (slash >= 0) {
            if (!field.increments) {
                throw invalid(field, "'" + item + "': increments (x/y) are allowed in second, minute and hour only");
            }
            String start = item.substring(0, slash);
            int step = number(field, item.substring(slash + 1), item);
            if (step < 1 || step > field.max) {
                throw invalid(field, "'" + item + "': the increment must be 1 to " + field.max);
            }
            return (start.equals("*") ? "*" : Integer.toString(value(field, start, item))) + "/" + step;
        }
        int dash = item.indexOf('-', 1);
        if (dash > 0) {
            int from = value(field, item.substring(0, dash), item);
            int to = value(field, item.substring(dash + 1), item);
            return from + "-" + to;
        }
        if (field == Field.DAY_OF_MONTH && item.equalsIgnoreCase("last")) {
            return "Last";
        }
        return Integer.toString(value(field, item, item));
    }

    private static int value(Field field, String text, String item) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> named = field == Field.MONTH ? MONTHS : field == Field.DAY_OF_WEEK ? DAYS : null;
        if (named != null && named.contains(lower)) {
            return named.indexOf(lower) + (field == Field.MONTH ? 1 : 0);
        }
        int value = number(field, text, item);
        if (value < field.min || value > field.max) {
            throw invalid(field, "'" + item + "': " + value + " is outside " + field.min + "-" + field.max);
        }
        return value;
    }

    private static int number(Field field, String text, String item) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw invalid(field, "'" + item + "' is not " + describe(field));
        }
        return Integer.parseInt(text);
    }

    private static String describe(Field field) {
        return switch (field) {
            case MONTH -> "a month (1-12 or Jan-Dec), a range, a list or *";
            case DAY_OF_WEEK -> "a day of the week (0-7 or Sun-Sat), a range, a list or *";
            case DAY_OF_MONTH -> "a day of the month (1-31 or Last), a range, a list or *";
            default -> "a number (" + field.min + "-" + field.max + "), a range, a list, an increment or *";
        };
    }

    private static InvalidScheduleException invalid(Field field, String message) {
        return new InvalidScheduleException(field.label, field.label + ": " + message);
    }
}
