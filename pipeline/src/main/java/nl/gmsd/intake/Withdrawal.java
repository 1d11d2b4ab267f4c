package nl.gmsd.intake;

import java.io.Serializable;

/**
 * One row of {@code withdrawals.csv}: the gemeente withdraws its consent to publish its data for
 * the period (SPEC 2). Whether it counts is decided by {@link DeliveryRules}.
 *
 * @param gemeentecode the 4-digit gemeentecode
 * @param period the period code, {@code H1YYYY} or {@code H2YYYY}
 * @param withdrawnAt the timestamp exactly as written
 * @param withdrawnAtMillis the timestamp as epoch milliseconds (UTC)
 * @param line the physical line number in {@code withdrawals.csv} (header = 1)
 */
public record Withdrawal(
    String gemeentecode, String period, String withdrawnAt, long withdrawnAtMillis, int line)
    implements Serializable {}
