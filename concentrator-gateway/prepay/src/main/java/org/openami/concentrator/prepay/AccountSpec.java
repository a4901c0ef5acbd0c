package org.openami.concentrator.prepay;

/**
 * What the meter archive says about a prepaid account: its measurement point and meter, its
 * tariff id and whether it is keep-power (保电: never tripped). One meter per account. Validated
 * on construction ({@link IllegalArgumentException} naming the field).
 *
 * @param account   the archive's {@code account} column (1..64 characters)
 * @param point     measurement point number, not negative
 * @param meter     the meter's address as the archive has it (1..32 characters); a different
 *                  address than before means the meter was replaced
 * @param tariffId  the archive's {@code tariff} column: an id in the {@link TariffBook}
 * @param keepPower the archive's {@code keep_power} column
 */
public record AccountSpec(String account, int point, String meter, String tariffId, boolean keepPower) {

    /** Longest account id. */
    public static final int MAX_ACCOUNT_LENGTH = 64;
    /** Longest meter address. */
    public static final int MAX_METER_LENGTH = 32;

    public AccountSpec {
        checkAccount(account);
        if (point < 0) {
            throw new IllegalArgumentException("point " + point + " is negative");
        }
        check("meter", meter, MAX_METER_LENGTH);
        check("tariffId", tariffId, TariffTable.MAX_ID_LENGTH);
    }

    /** Checks an account id as {@link AccountSpec} does; returns it. */
    static String checkAccount(String account) {
        check("account", account, MAX_ACCOUNT_LENGTH);
        return account;
    }

    private static void check(String field, String v, int max) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank");
        }
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be 1.." + max + " characters without control characters");
        }
    }
}
