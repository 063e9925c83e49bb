"""newsan: analyze Arabic news articles: sections, entities, quoted speakers, summaries."""

__version__ = "0.1.0"
