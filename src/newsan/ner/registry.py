"""The NER backends newsan knows, in one list, and the order `auto` tries them in.

Light on purpose: the command line reads these names for its option choices,
and `newsan --help` must not load a model to print them.
"""

BACKENDS = ("auto", "builtin", "neural", "ensemble", "camel", "rules")
# What `auto` tries, in order, before the rules: the most accurate model, then the fastest.
AUTO_MODELS = ("ensemble", "builtin")
