"""Measuring quality against gold data: CoNLL NER scores, quote attribution, outlet-grouped folds."""
