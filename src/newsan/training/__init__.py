"""Rebuilding the NER model files in data/ner/ (the `train` extra installs what this needs)."""
