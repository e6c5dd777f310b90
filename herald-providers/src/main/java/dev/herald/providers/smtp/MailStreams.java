package dev.herald.providers.smtp;

import jakarta.mail.util.StreamProvider;

/**
 * Makes Jakarta Mail find its {@link StreamProvider} by name instead of by a class-path scan. Jakarta Mail 2.1 looks
 * the provider up again for every body part and multipart it builds and every part it writes (jakartaee/mail-api
 * #699 and #861, changed in 2.2): a {@code ServiceLoader} pass over every jar, about ten per HTML email, which was
 * most of the CPU an SMTP send cost in the bench's profile (docs/BENCHMARKS.md). Its finder reads the system
 * property named after the interface before it scans; that property is set here, once, to the implementation the
 * scan finds, so every later lookup is a class lookup by name and picks the same class. A value already set (by an
 * operator's {@code -D}) is kept.
 */
final class MailStreams {
    private MailStreams() {
    }

    static void findByName() {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            System.setProperty(property, StreamProvider.provider().getClass().getName());
        }
    }
}
