"""`newsan report`: who gets a voice across an archive, aggregated from newsan/1 articles."""
