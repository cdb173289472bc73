"""Readers that turn files into normalised text with page spans."""
