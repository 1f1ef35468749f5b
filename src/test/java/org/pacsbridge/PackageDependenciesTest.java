package org.pacsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's packages depend one way, read from the compiled classes with the JDK's jdeps: no cycle
 * between packages (a package and its own {@code internal} part may know each other), the event model
 * and the start-up home import nothing of the node, nor does the failure contract, the DICOM layers
 * nothing of the flows, the results builder only the event model and the DICOM layer, and no package of
 * the node imports the X-Raydar simulator.
 */
class PackageDependenciesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.pacsbridge[\\w.]*)\\s+->\\s+(org\\.pacsbridge[\\w.]*)\\s");
    private static final Map<String, Set<String>> EDGES = new TreeMap<>();

    @BeforeAll
    static void readDependencies() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes), "compile first: " + classes.toAbsolutePath());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                classes.toString());
        assertEquals(0, exit, out.toString());
        for (String line : out.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                EDGES.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
            }
        }
        assertTrue(EDGES.size() > 5, "jdeps output not understood: " + out);
    }

    @Test
    void noCycleBetweenPackages() {
        List<Set<String>> cycles = new StronglyConnected(EDGES).cycles();
        assertEquals(List.of(), cycles, "packages that depend on each other");
    }

    @Test
    void theEventModelAndTheHomeImportNothingOfTheNode() {
        assertEquals(Set.of(), EDGES.getOrDefault("org.pacsbridge.model", Set.of()));
        assertEquals(Set.of(), EDGES.getOrDefault("org.pacsbridge.home", Set.of()));
    }

    @Test
    void theFailureContractImportsNothingOfTheNode() {
        assertEquals(Set.of(), EDGES.getOrDefault("org.pacsbridge.failure", Set.of()));
    }

    @Test
    void noPackageOfTheNodeImportsTheSimulator() {
        String simulator = "org.pacsbridge.xraydar.simulator";
        assertTrue(EDGES.containsKey(simulator), "the simulator package was not read");
        List<String> importers = EDGES.entrySet().stream()
                .filter(e -> !e.getKey().equals(simulator) && e.getValue().contains(simulator))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), importers);
    }

    @Test
    void theDicomLayersImportNothingAboveThemButTheTlsSettings() {
        assertEquals(Set.of(), EDGES.getOrDefault("org.pacsbridge.tls", Set.of()));
        for (String layer : List.of("org.pacsbridge.dicom", "org.pacsbridge.dicom.net", "org.pacsbridge.dicom.net.internal")) {
            Set<String> above = new TreeSet<>(EDGES.getOrDefault(layer, Set.of()));
            above.removeIf(p -> p.startsWith("org.pacsbridge.dicom") || p.equals("org.pacsbridge.tls"));
            assertEquals(Set.of(), above, layer);
        }
    }

    @Test
    void theResultsBuilderKnowsOnlyTheEventModelAndTheDicomLayer() {
        assertEquals(Set.of("org.pacsbridge.dicom", "org.pacsbridge.model"), EDGES.get("org.pacsbridge.results"));
    }

    /** Tarjan's strongly connected components; a component of more than one package is a cycle. */
    private static final class StronglyConnected {

        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<Set<String>> cycles = new ArrayList<>();

        StronglyConnected(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<Set<String>> cycles() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return cycles;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (isOwnInternalPart(node, next)) {
                    continue;
                }
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }

        private static boolean isOwnInternalPart(String a, String b) {
            return b.equals(a + ".internal") || a.equals(b + ".internal");
        }
    }
}
