package dev.rigger.engine.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser, also telling what its tokens leave out: a scalar's anchor (Jackson
 * exposes only a collection's) and whether a key was written plain ({@code <<} merges, a quoted
 * {@code "<<"} is an ordinary key). Read from the SnakeYAML event behind the current token.
 */
final class NodeEvents extends YAMLParser {
    /** Makes {@link NodeEvents} parsers; Jackson's factory otherwise, limits and features alike. */
    static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new NodeEvents(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    private NodeEvents(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions options, ObjectCodec codec,
                       Reader reader) {
        super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
    }

    /** The current token is an alias ({@code *name}); its text is the name. */
    boolean isAlias() {
        return _lastEvent instanceof AliasEvent;
    }

    /** The anchor ({@code &name}) on the current node, or null. */
    String anchor() {
        return _lastEvent instanceof NodeEvent n && !isAlias() ? n.getAnchor() : null;
    }

    /** The current scalar (a key, say) was written without quotes. */
    boolean isPlain() {
        return _lastEvent instanceof ScalarEvent s && s.isPlain();
    }
}
