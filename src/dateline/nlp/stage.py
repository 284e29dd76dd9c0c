"""The ``segment`` stage: parse the article and split it into sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from dateline.nlp.segment import segment, segment_many
from dateline.pipeline import ArticleDoc, Resources, doc_text, register_stage


@dataclass
class Segmenter:
    nlp: Language
    name: str = "segment"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        adoc.doc, adoc.sentences = segment(self.nlp, adoc.article)
        adoc.text = doc_text(adoc.doc)
        return adoc

    def pipe(self, adocs: list[ArticleDoc]) -> list[ArticleDoc]:
        """Segment several articles with one batched parse (see :meth:`Pipeline.run_batch`)."""
        for adoc, (doc, sents) in zip(adocs, segment_many(self.nlp, [a.article for a in adocs]), strict=True):
            adoc.doc, adoc.sentences, adoc.text = doc, sents, doc_text(doc)
        return adocs


@register_stage("segment")
def make_segmenter(resources: Resources, config: dict[str, Any]) -> Segmenter:
    return Segmenter(nlp=resources.nlp)
