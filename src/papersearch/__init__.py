"""papersearch: offline full-text search for Chinese newspaper pages.

The stages, one module each: reader (page file -> text), layout + splitter
(text -> articles), analysis (articles -> tokens), indexer (-> Whoosh index),
search (query -> ranked hits), render (hits -> terminal). The CLI in cli.py
only parses arguments and calls these.
"""

__version__ = "0.1.0"
