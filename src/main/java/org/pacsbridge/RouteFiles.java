package org.pacsbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.jboss.logging.Logger;
import org.pacsbridge.home.NodeHome;
import org.pacsbridge.ops.CorrelationIdsInLog;

/**
 * Loads the flows: every {@code *.yaml} file in the {@code routes/} directory of the node's home,
 * read at start-up (not built into the application), in file-name order.
 */
@ApplicationScoped
public class RouteFiles extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(RouteFiles.class);

    @Inject
    CorrelationIdsInLog correlationIdsInLog;

    @Override
    public void configure() throws Exception {
        // before the routes are loaded, so that every one of them gets the policy
        getContext().addRoutePolicyFactory(correlationIdsInLog);
        Path dir = NodeHome.current().resolve(NodeHome.ROUTES);
        if (!Files.isDirectory(dir)) {
            throw new IOException("No routes directory at " + dir + " (set PACS_HOME to the node's directory)");
        }
        List<Path> files = yamlFiles(dir);
        LOG.infof("Loading %d route files from %s: %s", files.size(), dir,
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<Resource> resources = files.stream()
                .map(p -> ResourceHelper.resolveResource(getContext(), "file:" + p))
                .toList();
        PluginHelper.getRoutesLoader(getContext()).loadRoutes(resources.toArray(Resource[]::new));
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }
}
