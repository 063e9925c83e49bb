"""The analysis stages between ingest and output: page parts, entities from tags, the summary, and their order."""
