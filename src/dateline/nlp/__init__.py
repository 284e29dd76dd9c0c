"""Language processing shared by the stages: spaCy loading and sentence segmentation."""

from dateline.nlp.segment import load_spacy, segment, segment_many

__all__ = ["load_spacy", "segment", "segment_many"]
