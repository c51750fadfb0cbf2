package nl.klachtenkompas.es;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.CompoundWordTokenFilterBase;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.logging.DeprecationCategory;
import org.elasticsearch.common.logging.DeprecationLogger;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * A small stand-in for Elasticsearch's analysis-common module (which is not published as a jar),
 * built on Lucene's own analysis components. Names and settings follow analysis-common, so the
 * usual mappings work unchanged:
 *
 * analyzers:     dutch (stopwords, stem_exclusion)
 * token filters: lowercase (language), asciifolding (preserve_original), stemmer (language|name,
 *                incl. dutch and dutch_kp), snowball (language, incl. Dutch and Kp),
 *                edge_ngram (min_gram, max_gram, preserve_original),
 *                dictionary_decompounder (word_list|word_list_path, min_word_size, min_subword_size,
 *                max_subword_size, only_longest_match),
 *                synonym and synonym_graph (synonyms|synonyms_path, expand, lenient, updateable)
 * tokenizers:    edge_ngram (min_gram, max_gram, token_chars), keyword, whitespace
 * char filters:  pattern_replace (pattern, replacement, flags)
 *
 * The server itself already provides: standard tokenizer/analyzer, stop filter (incl. "_dutch_"),
 * pre-configured lowercase, shingle, hunspell, the keyword/simple/whitespace/stop analyzers.
 */
public class DutchAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("dutch", (indexSettings, env, name, settings) -> {
            DutchAnalyzer analyzer = new DutchAnalyzer(
                Analysis.parseStopWords(env, settings, DutchAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
            return new AbstractIndexAnalyzerProvider<DutchAnalyzer>(name, settings) {
                @Override
                public DutchAnalyzer get() {
                    return analyzer;
                }
            };
        });
        return analyzers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("lowercase", (indexSettings, env, name, settings) -> {
            String language = settings.get("language");
            Function<TokenStream, TokenStream> f;
            if (language == null) {
                f = LowerCaseFilter::new;
            } else if (language.equalsIgnoreCase("greek")) {
                f = GreekLowerCaseFilter::new;
            } else if (language.equalsIgnoreCase("irish")) {
                f = IrishLowerCaseFilter::new;
            } else if (language.equalsIgnoreCase("turkish")) {
                f = TurkishLowerCaseFilter::new;
            } else {
                throw new IllegalArgumentException("language [" + language + "] not support for lower case");
            }
            return normalizing(name, settings, f);
        });
        filters.put("asciifolding", (indexSettings, env, name, settings) -> {
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            // As analysis-common: normalizers and synonym rules get the folded form only, one
            // token per position (stacked originals would make the rules unparsable, LUCENE-7536).
            class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
                AsciiFolding() {
                    super(name, settings);
                }

                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
                }

                @Override
                public TokenStream normalize(TokenStream tokenStream) {
                    return new ASCIIFoldingFilter(tokenStream, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return preserveOriginal ? normalizing(name, settings, ts -> new ASCIIFoldingFilter(ts, false)) : this;
                }
            }
            return new AsciiFolding();
        });
        filters.put("stemmer", (indexSettings, env, name, settings) -> {
            String language = settings.get("language", settings.get("name", "porter"));
            warnIfRemovedInLucene10("stemmer", language);
            return filter(name, settings, stemmer(language));
        });
        filters.put("snowball", (indexSettings, env, name, settings) -> {
            String language = settings.get("language", "English");
            warnIfRemovedInLucene10("snowball", language);
            return filter(name, settings, snowball(language));
        });
        // These three have no meaning without settings; as in analysis-common, the server then
        // does not build them by bare name.
        filters.put("dictionary_decompounder", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
            // Defaults as Lucene's CompoundWordTokenFilterBase (and so analysis-common): 5, 2, 15, false.
            int minWordSize = settings.getAsInt("min_word_size", CompoundWordTokenFilterBase.DEFAULT_MIN_WORD_SIZE);
            int minSubwordSize = settings.getAsInt("min_subword_size", CompoundWordTokenFilterBase.DEFAULT_MIN_SUBWORD_SIZE);
            int maxSubwordSize = settings.getAsInt("max_subword_size", CompoundWordTokenFilterBase.DEFAULT_MAX_SUBWORD_SIZE);
            boolean onlyLongestMatch = settings.getAsBoolean("only_longest_match", false);
            CharArraySet words = Analysis.getWordSet(env, settings, "word_list");
            if (words == null) {
                throw new IllegalArgumentException(
                    "word_list must be provided for [" + name + "], either as a path to a file, or directly");
            }
            // As in analysis-common, synonym rules are not decompounded (the filter is skipped
            // when a later synonym filter analyses its rules).
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return new DictionaryCompoundWordTokenFilter(
                        tokenStream, words, minWordSize, minSubwordSize, maxSubwordSize, onlyLongestMatch);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return IDENTITY_FILTER;
                }
            };
        }));
        filters.put("synonym", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) ->
            new SynonymFactory(env, name, settings, false)));
        filters.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) ->
            new SynonymFactory(env, name, settings, true)));
        filters.put("edge_ngram", (indexSettings, env, name, settings) -> {
            int minGram = settings.getAsInt("min_gram", 1);
            int maxGram = settings.getAsInt("max_gram", 2);
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            // As in analysis-common, n-grams cannot come before a synonym filter.
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
                }
            };
        });
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> charFilters = new TreeMap<>();
        // As analysis-common's pattern_replace: `pattern` (required), `replacement` ("" by
        // default, $1-style groups), `flags` (Java flag names separated by "|"); usable in
        // normalizers too.
        charFilters.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
            String pattern = settings.get("pattern");
            if (pattern == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern compiled = Regex.compile(pattern, settings.get("flags"));
            String replacement = settings.get("replacement", "");
            return new NormalizingCharFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Reader create(Reader reader) {
                    return new PatternReplaceCharFilter(compiled, replacement, reader);
                }
            };
        }));
        return charFilters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("keyword", (indexSettings, env, name, settings) -> {
            int bufferSize = settings.getAsInt("buffer_size", 256);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
        });
        tokenizers.put("whitespace", (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, WhitespaceTokenizer::new));
        tokenizers.put("edge_ngram", (indexSettings, env, name, settings) -> {
            int minGram = settings.getAsInt("min_gram", 1);
            int maxGram = settings.getAsInt("max_gram", 2);
            IntPredicate tokenChars = tokenChars(settings.getAsList("token_chars", List.of()));
            return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return tokenChars.test(chr);
                }
            });
        });
        return tokenizers;
    }

    private static final DeprecationLogger DEPRECATION = DeprecationLogger.getLogger(DutchAnalysisPlugin.class);

    /**
     * Elasticsearch 8.16+ warns about these (Lucene 10, so Elasticsearch 9, dropped the KP and
     * Lovins stemmers); the same warning here keeps a development cluster from hiding it.
     */
    private static void warnIfRemovedInLucene10(String filter, String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        if (lang.equals("dutch_kp") || lang.equals("dutchkp") || lang.equals("kp") || lang.equals("lovins")) {
            DEPRECATION.critical(DeprecationCategory.ANALYSIS, filter + "_" + lang + "_deprecation",
                "The [" + language + "] " + filter + " language is deprecated and will be removed in a future version (Lucene 10 dropped it).");
        }
    }

    private static Function<TokenStream, TokenStream> stemmer(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        switch (lang) {
            case "dutch":
                return snowball("Dutch");
            case "dutch_kp":
            case "dutchkp":
            case "kp":
                return snowball("Kp");
            case "english":
            case "porter":
                return PorterStemFilter::new;
            default:
                // The other full-strength stemmers of analysis-common are Snowball stemmers of the same name.
                return snowball(lang.replace("_", ""));
        }
    }

    private static Function<TokenStream, TokenStream> snowball(String language) {
        String stemmer = language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1).toLowerCase(Locale.ROOT);
        try {
            Class.forName("org.tartarus.snowball.ext." + stemmer + "Stemmer");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown stemmer language [" + language + "]");
        }
        return ts -> new SnowballFilter(ts, stemmer);
    }

    private static IntPredicate tokenChars(List<String> classes) {
        if (classes.isEmpty()) {
            return c -> true;
        }
        IntPredicate result = c -> false;
        for (String cls : classes) {
            IntPredicate p;
            switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter":
                    p = Character::isLetter;
                    break;
                case "digit":
                    p = Character::isDigit;
                    break;
                case "whitespace":
                    p = Character::isWhitespace;
                    break;
                case "punctuation":
                    p = c -> switch (Character.getType(c)) {
                        case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                            Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION -> true;
                        default -> false;
                    };
                    break;
                case "symbol":
                    p = c -> switch (Character.getType(c)) {
                        case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                            Character.OTHER_SYMBOL -> true;
                        default -> false;
                    };
                    break;
                default:
                    throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            }
            result = result.or(p);
        }
        return result;
    }

    /**
     * synonym and synonym_graph as analysis-common has them: the rules (Solr format, inline
     * `synonyms` or a file under the config dir in `synonyms_path`) are analysed with the
     * tokenizer, char filters and filters that come before the synonym filter in its analyzer,
     * so "Pakketten" in a rule matches what the chain makes of it. That is why the real work
     * happens in getChainAwareTokenFilterFactory and create() alone refuses to run.
     * `updateable: true` makes it search-time only, so _reload_search_analyzers can reload it.
     */
    static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final Environment env;
        private final Settings settings;
        private final boolean graph;
        private final boolean expand;
        private final boolean lenient;
        private final AnalysisMode analysisMode;

        SynonymFactory(Environment env, String name, Settings settings, boolean graph) {
            super(name, settings);
            this.env = env;
            this.settings = settings;
            this.graph = graph;
            if (settings.hasValue("synonyms_set")) {
                throw new IllegalArgumentException(
                    "[synonyms_set] needs the synonyms API, which this development server does not offer; use [synonyms] or [synonyms_path]");
            }
            if (settings.hasValue("synonyms") == false && settings.hasValue("synonyms_path") == false) {
                throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
            }
            if ("wordnet".equalsIgnoreCase(settings.get("format", ""))) {
                throw new IllegalArgumentException("the wordnet synonym format is not supported here; use the Solr format");
            }
            boolean updateable = settings.getAsBoolean("updateable", false);
            this.expand = settings.getAsBoolean("expand", true);
            // As on indices created by Elasticsearch 8.x: lenient by default only when updateable.
            this.lenient = settings.getAsBoolean("lenient", updateable);
            this.analysisMode = updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
        }

        @Override
        public AnalysisMode getAnalysisMode() {
            return analysisMode;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexService.IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer analyzer = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
            );
            SynonymMap synonyms = build(analyzer);
            String name = name();
            boolean graph = this.graph;
            AnalysisMode mode = analysisMode;
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                @SuppressWarnings("deprecation")  // SynonymFilter: deprecated in Lucene, still offered by Elasticsearch 8
                public TokenStream create(TokenStream tokenStream) {
                    if (synonyms.fst == null) {
                        return tokenStream;
                    }
                    return graph ? new SynonymGraphFilter(tokenStream, synonyms, false) : new SynonymFilter(tokenStream, synonyms, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    // A later synonym filter must not apply these synonyms to its own rules.
                    return IDENTITY_FILTER;
                }

                @Override
                public AnalysisMode getAnalysisMode() {
                    return mode;
                }
            };
        }

        private SynonymMap build(Analyzer analyzer) {
            String origin = settings.get("synonyms_path") != null ? settings.get("synonyms_path") : "'" + name() + "' analyzer settings";
            try {
                // getWordList reads `synonyms_path` (relative to the config dir) or the inline `synonyms`.
                List<String> rules = Analysis.getWordList(env, settings, "synonyms");
                LenientSolrSynonymParser parser = new LenientSolrSynonymParser(expand, lenient, analyzer);
                parser.parse(new StringReader(String.join("\n", rules == null ? List.of() : rules)));
                return parser.build();
            } catch (Exception e) {
                throw new IllegalArgumentException("failed to build synonyms from [" + origin + "]", e);
            }
        }
    }

    /** With lenient, a rule whose words the chain cannot analyse (e.g. a stop word) is skipped, not fatal. */
    static final class LenientSolrSynonymParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrSynonymParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }
    }

    private static TokenFilterFactory filter(String name, Settings settings, Function<TokenStream, TokenStream> f) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return f.apply(tokenStream);
            }
        };
    }

    /** Filters that may also be used in normalizers (keyword fields). */
    private static TokenFilterFactory normalizing(String name, Settings settings, Function<TokenStream, TokenStream> f) {
        class Normalizing extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
            Normalizing() {
                super(name, settings);
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return f.apply(tokenStream);
            }
        }
        return new Normalizing();
    }
}
