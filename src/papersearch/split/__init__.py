"""Stage 2: a page's text -> its articles.

``units`` (lines and the kinds of blocks) <- ``textfix``, ``hanzi`` (line-level
repairs: letter-spacing, wraps, marks) <- ``furniture``, ``bylines``,
``titles`` (what a line is) <- ``layout`` (lines -> typed units), ``verse``
(poems) <- ``bodies``, ``cohesion`` (which paragraphs belong together) <-
``splitter`` (units -> ``Article`` objects, in printed order).
"""
