package org.pacsbridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings the compiled node reads, found in {@code target/classes}: every leaf of every
 * {@code @ConfigMapping} (named as SmallRye names them: kebab-case methods, nested groups, {@code @WithName},
 * {@code @WithParentName}; a map's keys as {@code *}), and every {@code @ConfigProperty} still injected.
 */
final class MappedSettings {

    /** One key the code reads; {@code defaultValue} is the default written in the code, or null. */
    record Setting(String key, String defaultValue, String source) {
    }

    private MappedSettings() {
    }

    static List<Setting> read(Path classes) {
        List<Setting> settings = new ArrayList<>();
        for (Class<?> type : classesUnder(classes)) {
            settings.addAll(of(type));
        }
        return settings;
    }

    /** The keys {@code type} reads: as a {@code @ConfigMapping}, and through {@code @ConfigProperty}. */
    static List<Setting> of(Class<?> type) {
        List<Setting> settings = new ArrayList<>();
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping != null) {
            if (mapping.namingStrategy() != ConfigMapping.NamingStrategy.KEBAB_CASE) {
                throw new AssertionError(type.getName() + ": only kebab-case mappings are understood here");
            }
            group(mapping.prefix(), type, type.getSimpleName(), settings);
        }
        injected(type, settings);
        return settings;
    }

    private static void group(String prefix, Class<?> type, String path, List<Setting> settings) {
        for (Method method : type.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? null
                    : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String key = name == null ? prefix : prefix + "." + name;
            String source = path + "." + method.getName() + "()";
            member(key, method.getGenericReturnType(), method, source, settings);
        }
    }

    private static void member(String key, Type type, Method method, String source, List<Setting> settings) {
        Type value = unwrapOptional(type);
        Class<?> raw = raw(value);
        if (Map.class.isAssignableFrom(raw)) {
            Type entry = ((ParameterizedType) value).getActualTypeArguments()[1];
            member(key + ".*", entry, method, source, settings);
        } else if (isGroup(raw)) {
            group(key, raw, source, settings);
        } else {
            WithDefault fallback = method.getAnnotation(WithDefault.class);
            settings.add(new Setting(key, fallback == null ? null : fallback.value(), source));
        }
    }

    private static void injected(Class<?> type, List<Setting> settings) {
        List<AnnotatedElement> places = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            places.add(field);
        }
        Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
                .flatMap(executable -> Stream.of(executable.getParameters()))
                .forEach(places::add);
        for (AnnotatedElement place : places) {
            ConfigProperty property = place.getAnnotation(ConfigProperty.class);
            if (property != null) {
                String fallback = ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue()) ? null
                        : property.defaultValue();
                String where = place instanceof Parameter p ? p.getDeclaringExecutable().getName() + "(" + p.getName() + ")"
                        : ((Field) place).getName();
                settings.add(new Setting(property.name(), fallback,
                        "@ConfigProperty " + type.getSimpleName() + "." + where));
            }
        }
    }

    /** SmallRye's kebab-case: {@code apiKeyInQuery} → {@code api-key-in-query}. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                if (!out.isEmpty()) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        if (type == OptionalInt.class) {
            return int.class;
        }
        if (type == OptionalLong.class) {
            return long.class;
        }
        if (type == OptionalDouble.class) {
            return double.class;
        }
        return type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new AssertionError("unexpected configuration type " + type);
    }

    /** A nested group is one of the node's own interfaces; lists, enums and JDK types are values. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("org.pacsbridge.");
    }

    private static List<Class<?>> classesUnder(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    found.add(Class.forName(name, false, MappedSettings.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name + " from " + classes, e);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
