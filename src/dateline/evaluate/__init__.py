"""Evaluations: scores of the pipeline's stages against labelled files."""
