"""Text primitives every stage shares: folding (``normalize``: width,
traditional -> simplified, case) and jieba word segmentation (``segmenter``).
They import nothing else of papersearch."""
