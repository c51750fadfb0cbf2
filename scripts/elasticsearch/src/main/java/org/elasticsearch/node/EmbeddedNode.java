package org.elasticsearch.node;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.List;

/**
 * A production Node (no test mocks) whose plugins come from the classpath.
 *
 * Lives in org.elasticsearch.node because NodeConstruction, NodeServiceProvider and the
 * Node(NodeConstruction) constructor are package-private.
 */
public class EmbeddedNode extends Node {

    public EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(
            NodeConstruction.prepareConstruction(
                environment,
                ClasspathPluginsService.emptyLoader(),
                new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment env, PluginsLoader loader) {
                        return new ClasspathPluginsService(env.settings(), env, List.copyOf(plugins));
                    }
                },
                true
            )
        );
    }
}
