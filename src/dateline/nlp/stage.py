"""The ``segment`` stage: parse the article and split it into sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from dateline.nlp.segment import segment
from dateline.pipeline import ArticleDoc, Resources, register_stage


@dataclass
class Segmenter:
    nlp: Language
    name: str = "segment"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        adoc.doc, adoc.sentences = segment(self.nlp, adoc.article)
        return adoc


@register_stage("segment")
def make_segmenter(resources: Resources, config: dict[str, Any]) -> Segmenter:
    return Segmenter(nlp=resources.nlp)
