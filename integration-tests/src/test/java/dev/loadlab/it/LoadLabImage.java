package dev.loadlab.it;

import dev.loadlab.agent.AgentMain;
import dev.loadlab.coordinator.CoordinatorMain;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.TargetMain;
import dev.loadlab.targethost.host.HostConfig;
import dev.loadlab.targethost.host.ProfileCatalog;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** A LoadLab image and the options its entry point reads, as the manifests must give them. */
enum LoadLabImage {
    COORDINATOR("loadlab/coordinator", CoordinatorMain.class),
    AGENT("loadlab/agent", AgentMain.class),
    TARGET("loadlab/target", TargetMain.class, TargetConfig.class, HostConfig.class, ProfileCatalog.class);

    final String image;
    final Class<?> main;
    final List<Class<?>> configs;

    LoadLabImage(String image, Class<?> main, Class<?>... configs) {
        this.image = image;
        this.main = main;
        this.configs = List.of(configs);
    }

    /** {@code --flag} names of the entry point's picocli options. */
    Set<String> flags() {
        Set<String> flags = new HashSet<>(Set.of("--help", "--version", "-h", "-V"));
        for (Field field : main.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                flags.addAll(List.of(option.names()));
            }
        }
        return flags;
    }

    /** Environment variables the service reads: picocli's {@code ${env:NAME}} defaults and the configs' *_ENV. */
    Set<String> environment() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        Pattern env = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)");
        for (Field field : main.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                Matcher m = env.matcher(option.defaultValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        for (Class<?> config : configs) {
            for (Field field : config.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class
                        && field.getName().endsWith("_ENV")) {
                    names.add((String) field.get(null));
                }
            }
        }
        return names;
    }
}
