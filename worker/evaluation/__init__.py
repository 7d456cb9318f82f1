"""Evaluation commands (`make eval`, `make eval-dedup`): measure against gold-labelled data."""
