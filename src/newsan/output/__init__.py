"""Views of the data model: plain dicts for machines, a rich view for people, and the files they go to.

  schema    the data model as the `newsan/1` schema dict (article_to_dict)
  writers   JSON, JSON Lines and YAML writers, streamed; make_writer picks one by format
  terminal  the rich view for a person at a terminal
  files     atomic output files
"""
