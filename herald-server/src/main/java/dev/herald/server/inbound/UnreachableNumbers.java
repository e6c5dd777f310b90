package dev.herald.server.inbound;

import java.util.Set;

/**
 * The Twilio error codes that say a phone number cannot receive SMS at all, so the number goes on the suppression
 * list as INVALID_NUMBER: 21211 (the To number is not a valid phone number), 21614 (not a mobile number: a
 * landline cannot take SMS), 30005 (unknown destination handset: the number does not exist or is no longer in
 * service), 30006 (landline or unreachable carrier). Left out on purpose: 30003 (unreachable destination handset),
 * which Twilio also reports for a phone that is switched off or out of coverage, a passing state; and every
 * carrier, filtering or account error (30007 filtered, 21610 the recipient replied STOP, which Twilio itself
 * enforces), which say nothing about the number.
 */
public final class UnreachableNumbers {
    private static final Set<String> CODES = Set.of("21211", "21614", "30005", "30006");

    private UnreachableNumbers() {
    }

    public static boolean isUnreachable(String errorCode) {
        return errorCode != null && CODES.contains(errorCode.strip());
    }
}
