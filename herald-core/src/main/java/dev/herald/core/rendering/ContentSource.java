package dev.herald.core.rendering;

import dev.herald.core.model.Channel;
import dev.herald.core.model.Message;

/** Where a notification's text for one channel and one recipient locale comes from: the request, or templates. */
@FunctionalInterface
public interface ContentSource {
    Message render(Channel channel, String locale);
}
