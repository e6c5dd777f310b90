package dev.herald.core.clock;

/**
 * Work a node runs on its own threads between start and stop (a runner, a relay, a sweep): what the application
 * starts on worker nodes and stops on shutdown, letting work in progress finish.
 */
public interface Background {
    void start();

    void stop();

    boolean isRunning();
}
