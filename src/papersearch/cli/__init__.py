"""Stage 6: the ``papersearch`` command. It parses arguments, calls the
library and formats what it returns (``render``, ``export``, ``progress``);
it adds how to act on an error in its own terms (flags, commands)."""
