package dev.herald.bench;

import java.io.File;
import java.net.URI;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The command that starts another JVM on the bench's own class path (Herald nodes, the SMTP sink process). */
final class ChildJava {
    private ChildJava() {
    }

    static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass));
        command.addAll(args);
        return command;
    }

    /** The bench's class path is unavailable under exec:java (its loader is not the system one); read it off ours. */
    private static String classPath() {
        if (ChildJava.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs()).map(u -> new File(URI.create(u.toString())).getPath())
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
