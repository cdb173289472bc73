"""Tagging: the rule tagger (a spaCy component) and case attribution."""
