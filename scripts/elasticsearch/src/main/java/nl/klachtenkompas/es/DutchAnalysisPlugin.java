package nl.klachtenkompas.es;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * A small stand-in for Elasticsearch's analysis-common module (which is not published as a jar),
 * built on Lucene's own analysis components. Names and settings follow analysis-common, so the
 * usual mappings work unchanged:
 *
 * analyzers:     dutch (stopwords, stem_exclusion)
 * token filters: lowercase (language), asciifolding (preserve_original), stemmer (language|name),
 *                snowball (language), edge_ngram (min_gram, max_gram, preserve_original)
 * tokenizers:    edge_ngram (min_gram, max_gram, token_chars), keyword, whitespace
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
            return normalizing(name, settings, ts -> new ASCIIFoldingFilter(ts, preserveOriginal));
        });
        filters.put("stemmer", (indexSettings, env, name, settings) -> {
            String language = settings.get("language", settings.get("name", "porter"));
            return filter(name, settings, stemmer(language));
        });
        filters.put("snowball", (indexSettings, env, name, settings) -> {
            String language = settings.get("language", "English");
            return filter(name, settings, snowball(language));
        });
        filters.put("edge_ngram", (indexSettings, env, name, settings) -> {
            int minGram = settings.getAsInt("min_gram", 1);
            int maxGram = settings.getAsInt("max_gram", 2);
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            return filter(name, settings, ts -> new EdgeNGramTokenFilter(ts, minGram, maxGram, preserveOriginal));
        });
        return filters;
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

    private static Function<TokenStream, TokenStream> stemmer(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        switch (lang) {
            case "dutch":
                return snowball("Dutch");
            case "dutch_kp":
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
