package nl.doorbraak.esanalysis;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.KpStemmer;

/**
 * Test-node stand-in for the parts of Elasticsearch's "analysis-common" module that the portal
 * uses. That module is not published to Maven Central for 8.x, so this plugin registers the same
 * names and settings around the same Apache Lucene classes: the "dutch" analyzer, the "stemmer",
 * "synonym"/"synonym_graph", "asciifolding", "lowercase", "ngram", "edge_ngram" and
 * "dictionary_decompounder" filters, and the "ngram", "edge_ngram", "whitespace", "keyword" and
 * "pattern" tokenizers. Anything else fails loudly
 * at index creation (unknown type), never silently.
 */
public class DutchAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    /** GET/HEAD / (client.info() and client.ping()); in a distribution the "rest-root" module serves it. */
    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        String clusterName = settings.get("cluster.name", "elasticsearch");
        String nodeName = settings.get("node.name", "node");
        return List.of(new BaseRestHandler() {
            @Override
            public String getName() {
                return "test_node_root_action";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
            }

            @Override
            protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                return channel -> {
                    XContentBuilder body = channel.newBuilder();
                    body.startObject()
                        .field("name", nodeName)
                        .field("cluster_name", clusterName)
                        .startObject("version")
                        .field("number", Build.current().version())
                        .field("build_flavor", "default")
                        .field("build_type", "test-node")
                        .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                        .endObject()
                        .field("tagline", "You Know, for Search")
                        .endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, body));
                };
            }
        });
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("dutch", DutchAnalyzerProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "asciifolding", (is, env, name, s) -> filter(name, s, ts -> new ASCIIFoldingFilter(ts, s.getAsBoolean("preserve_original", false))),
            "lowercase", (is, env, name, s) -> filter(name, s, LowerCaseFilter::new),
            "ngram", (is, env, name, s) -> {
                int min = s.getAsInt("min_gram", 1);
                int max = s.getAsInt("max_gram", 2);
                checkNgramDiff(is, min, max);
                boolean keep = s.getAsBoolean("preserve_original", false);
                return filter(name, s, ts -> new NGramTokenFilter(ts, min, max, keep));
            },
            "edge_ngram", (is, env, name, s) -> {
                int min = s.getAsInt("min_gram", 1);
                int max = s.getAsInt("max_gram", 2);
                boolean keep = s.getAsBoolean("preserve_original", false);
                return filter(name, s, ts -> new EdgeNGramTokenFilter(ts, min, max, keep));
            },
            "stemmer", (is, env, name, s) -> stemmer(name, s),
            // As analysis-common's DictionaryCompoundWordTokenFilterFactory: the same settings and defaults.
            "dictionary_decompounder", new AnalysisProvider<TokenFilterFactory>() {
                @Override
                public TokenFilterFactory get(IndexSettings is, Environment env, String name, Settings s) {
                    CharArraySet words = wordList(s, "word_list", null);
                    if (words == null) {
                        throw new IllegalArgumentException("word_list must be provided for [" + name + "], either as a path to a file, or directly");
                    }
                    int minWord = s.getAsInt("min_word_size", 5);
                    int minSub = s.getAsInt("min_subword_size", 2);
                    int maxSub = s.getAsInt("max_subword_size", 15);
                    boolean longest = s.getAsBoolean("only_longest_match", false);
                    return filter(name, s, ts -> new DictionaryCompoundWordTokenFilter(ts, words, minWord, minSub, maxSub, longest));
                }

                @Override
                public boolean requiresAnalysisSettings() {
                    return true;
                }
            },
            "synonym", (is, env, name, s) -> new SynonymFactory(env, name, s, false),
            "synonym_graph", (is, env, name, s) -> new SynonymFactory(env, name, s, true)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "ngram", (is, env, name, s) -> {
                int min = s.getAsInt("min_gram", 1);
                int max = s.getAsInt("max_gram", 2);
                checkNgramDiff(is, min, max);
                return tokenizer(is, s, name, () -> new NGramTokenizer(min, max));
            },
            "edge_ngram", (is, env, name, s) -> {
                int min = s.getAsInt("min_gram", 1);
                int max = s.getAsInt("max_gram", 2);
                return tokenizer(is, s, name, () -> new EdgeNGramTokenizer(min, max));
            },
            "whitespace", (is, env, name, s) -> tokenizer(is, s, name, WhitespaceTokenizer::new),
            // As analysis-common's PatternTokenizerFactory (pattern, group; no flags).
            "pattern", (is, env, name, s) -> {
                java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(s.get("pattern", "\\W+"));
                int group = s.getAsInt("group", -1);
                return tokenizer(is, s, name, () -> new PatternTokenizer(pattern, group));
            },
            "keyword", (is, env, name, s) -> tokenizer(is, s, name, KeywordTokenizer::new)
        );
    }

    private static void checkNgramDiff(IndexSettings indexSettings, int min, int max) {
        int allowed = indexSettings.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    private static TokenFilterFactory filter(String name, Settings settings, Function<TokenStream, TokenStream> fn) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return fn.apply(tokenStream);
            }
        };
    }

    private static TokenizerFactory tokenizer(
        IndexSettings indexSettings, Settings settings, String name, java.util.function.Supplier<Tokenizer> supplier
    ) {
        return new AbstractTokenizerFactory(indexSettings, settings, name) {
            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    private static TokenFilterFactory stemmer(String name, Settings settings) {
        String language = settings.get("language", settings.get("name", "porter")).toLowerCase(Locale.ROOT);
        return switch (language) {
            case "dutch" -> filter(name, settings, ts -> new SnowballFilter(ts, new DutchStemmer()));
            case "dutch_kp" -> filter(name, settings, ts -> new SnowballFilter(ts, new KpStemmer()));
            case "english", "porter" -> filter(name, settings, PorterStemFilter::new);
            default -> throw new IllegalArgumentException("stemmer language [" + language + "] is not available on the test node");
        };
    }

    private static CharArraySet wordList(Settings settings, String key, CharArraySet defaults) {
        List<String> words = settings.getAsList(key, null);
        if (words == null) {
            return defaults;
        }
        if (words.size() == 1 && words.get(0).equals("_none_")) {
            return CharArraySet.EMPTY_SET;
        }
        if (words.size() == 1 && words.get(0).equals("_dutch_")) {
            return DutchAnalyzer.getDefaultStopSet();
        }
        return new CharArraySet(words, settings.getAsBoolean("ignore_case", false));
    }

    static final class DutchAnalyzerProvider extends AbstractIndexAnalyzerProvider<DutchAnalyzer> {
        private final DutchAnalyzer analyzer;

        DutchAnalyzerProvider(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            analyzer = new DutchAnalyzer(
                wordList(settings, "stopwords", DutchAnalyzer.getDefaultStopSet()),
                wordList(settings, "stem_exclusion", CharArraySet.EMPTY_SET)
            );
        }

        @Override
        public DutchAnalyzer get() {
            return analyzer;
        }
    }

    /** Like Elasticsearch: synonym rules are parsed with the analysis chain that precedes the filter. */
    static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final Environment env;
        private final Settings settings;
        private final boolean graph;

        SynonymFactory(Environment env, String name, Settings settings, boolean graph) {
            super(name, settings);
            this.env = env;
            this.settings = settings;
            this.graph = graph;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previous,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer parser = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previous.toArray(new TokenFilterFactory[0])
            );
            SynonymMap map = buildMap(parser);
            String name = name();
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    if (map.fst == null) {
                        return tokenStream;
                    }
                    return graph ? new SynonymGraphFilter(tokenStream, map, false) : new SynonymFilter(tokenStream, map, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return IDENTITY_FILTER;
                }
            };
        }

        private SynonymMap buildMap(Analyzer parser) {
            try {
                List<String> rules = new ArrayList<>(settings.getAsList("synonyms", List.of()));
                String path = settings.get("synonyms_path");
                if (path != null) {
                    rules.addAll(Files.readAllLines(env.configDir().resolve(Path.of(path)), StandardCharsets.UTF_8));
                }
                SolrSynonymParser p = new SolrSynonymParser(settings.getAsBoolean("expand", true), true, parser);
                p.parse(new StringReader(String.join("\n", rules)));
                return p.build();
            } catch (IOException | java.text.ParseException e) {
                throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]: " + e.getMessage(), e);
            }
        }
    }
}
