package dev.herald.core.stats;

import dev.herald.core.model.Channel;

import java.time.LocalDate;

/** One row of the read model: the deliveries of one type on one channel accepted on one UTC day. */
public record DailyDeliveryStats(LocalDate day, Channel channel, String type, DeliveryCounts counts) {
}
