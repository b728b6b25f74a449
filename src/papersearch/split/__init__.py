"""Stage 2: a page's text -> its articles.

``units`` (lines and the kinds of blocks) <- ``textfix``, ``hanzi`` (line-level
repairs: letter-spacing, wraps, marks) <- ``furniture``, ``bylines``,
``titles``, ``cues`` (what a line is) <- ``wraps`` (lines -> paragraphs),
``layout`` (paragraphs -> typed units), ``verse`` (poems) <- ``bodies``,
``cohesion`` (which paragraphs belong together) <- the splitter's steps:
``heads`` (title blocks, section heads), ``gather`` (paragraphs -> bodies),
``attach`` (each title block to its body), ``assemble`` (articles and ids in
printed order) <- ``splitter`` (the pipeline: a page -> ``Article`` objects).
"""
