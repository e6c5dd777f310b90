package dev.herald.core.notification;

/**
 * Something a provider reported about a delivery that changes not its status but belongs in its history. It is
 * recorded once per delivery and counted nowhere: the statistics count status changes.
 */
public enum DeliveryEvent {
    /** The recipient reported the message as spam (SES complaint, SendGrid spamreport). */
    COMPLAINT
}
