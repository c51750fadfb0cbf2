package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PluginsService whose plugins are plain classes on the JVM classpath instead of
 * bundles under modules/ and plugins/ (the embedded launcher has no distribution layout).
 *
 * Lives in org.elasticsearch.plugins because PluginsService.LoadedPlugin and the
 * PluginsLoader constructor are package-private. Works on the classpath (unnamed module).
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configDir(), emptyLoader());
        List<LoadedPlugin> loaded = new ArrayList<>();
        String javaVersion = Integer.toString(Runtime.version().feature());
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin instance = loadPlugin(pluginClass, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getName(),
                "classpath plugin",
                "NA",
                Build.current().version(),
                javaVersion,
                pluginClass.getName(),
                null,
                Collections.emptyList(),
                false,
                false,
                false,
                false
            );
            loaded.add(new LoadedPlugin(descriptor, instance, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    /** A loader without module/plugin bundles (the public factory needs a modular server, which we are not). */
    public static PluginsLoader emptyLoader() {
        return new PluginsLoader(Collections.emptySet(), Collections.emptySet(), Collections.emptyMap());
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    /** Reported like the built-in modules of a distribution (so _cat/plugins stays empty, as on a stock node). */
    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(List.of(), classpathPlugins.stream().map(LoadedPlugin::descriptor).toList());
    }

    /**
     * Everything shares the application class loader, so each SPI implementation found on the
     * classpath is instantiated once (either with a no-arg constructor or with the plugin instance).
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<?>, T> byClass = new LinkedHashMap<>();
        for (LoadedPlugin plugin : plugins()) {
            SPIClassIterator<T> it = SPIClassIterator.get(service, plugin.instance().getClass().getClassLoader());
            while (it.hasNext()) {
                Class<? extends T> impl = it.next();
                if (byClass.containsKey(impl) || accepts(impl, plugin.instance()) == false) {
                    continue;
                }
                byClass.put(impl, createExtension(impl, service, plugin.instance()));
            }
        }
        return List.copyOf(byClass.values());
    }

    private static boolean accepts(Class<?> impl, Plugin plugin) {
        for (Constructor<?> c : impl.getConstructors()) {
            if (c.getParameterCount() == 0) {
                return true;
            }
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == plugin.getClass()) {
                return true;
            }
        }
        return false;
    }
}
