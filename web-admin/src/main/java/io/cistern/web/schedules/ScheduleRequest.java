package io.cistern.web.schedules;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT schedules/{job}}. */
@Schema(name = "ScheduleChange")
public class ScheduleRequest {
    @Schema(required = true, example = "0 3 * * *", description = "'off', or cron fields 'minute hour dayOfMonth month"
            + " dayOfWeek' (at second 0), or six fields with the second first; each field *, a value, a range (1-5) or a"
            + " list (1,3); second, minute and hour also take increments (*/15); months and days may be named (Jan, Mon);"
            + " server time")
    public String schedule;
}
