"""Stage 3: article text -> index tokens: jieba words for ranking and
character bigrams (and single characters) for literal, grep-equal matching.
See ``analyzers`` for the tokenizers and their posting formats."""
