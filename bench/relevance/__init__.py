"""The judged relevance set: a generated Dutch complaint corpus whose documents carry
the concepts they are about, and queries judged against those concepts (never against
the analyser's tokens), for bench/relevance.py and tests/search/test_relevance_set.py."""
