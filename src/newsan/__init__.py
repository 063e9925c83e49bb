"""newsan: analyze Arabic news articles: sections, entities, quoted speakers, summaries.

The library API (see `newsan.api`) is loaded on first use, so `import newsan`
(and `newsan --help`) stays light:

    import newsan
    article = newsan.analyze_text(text)              # one schema dict
    for article in newsan.analyze_path("archive/"):  # one per article, streamed
        ...
"""

__version__ = "0.1.0"
__all__ = ["InputError", "__version__", "analyze_path", "analyze_text"]

_LAZY = {"analyze_text", "analyze_path", "InputError"}


def __getattr__(name: str):
    if name in _LAZY:
        from newsan import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsan' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY)
