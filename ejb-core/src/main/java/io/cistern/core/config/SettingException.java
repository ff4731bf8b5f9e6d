package io.cistern.core.config;

import jakarta.ejb.ApplicationException;

/**
 * A setting change that cannot be made as asked: an unknown setting, one that cannot be changed through the API (a
 * secret, the data directory, the database, the store…), or a bad value. The API answers 400 naming the setting as the field. Rolls the transaction back; never logged as a
 * failure.
 */
@ApplicationException(rollback = true)
public class SettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String setting;

    SettingException(String code, String setting, String message) {
        super(message, null, false, false);
        this.code = code;
        this.setting = setting;
    }

    /** {@code unknown_setting}, {@code not_changeable} or {@code invalid_value}. */
    public String code() {
        return code;
    }

    /** The setting's name as the request gave it. */
    public String setting() {
        return setting;
    }
}
