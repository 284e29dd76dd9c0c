"""Dump every event mention the pipeline finds in whole articles, for labelling their status
(current / background / not an event) and which real-world event each belongs to.

    python scripts/dump_mentions.py DOCS.jsonl OUT.jsonl

One JSON object per article: ``id``, ``published``, ``sentences`` (numbered), ``mentions``
(``key`` = ``START:TRIGGER``, sentence, trigger, the pipeline's type and status). The labels go
to ``data/training/articles/*.tsv`` (``doc_id``, ``key``, ``status``, ``event``, ``note``); the
text stays outside the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dateline.evaluate.records import read_docs
from dateline.pipeline import default_pipeline


def status(m) -> str:  # noqa: ANN001
    if m.excluded:
        return f"excluded:{m.excluded}"
    if m.is_background:
        return "background"
    return "weak" if m.weak else "current"


def main() -> None:
    docs = read_docs(Path(sys.argv[1]))
    pipe = default_pipeline()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for aid, article in docs.items():
            adoc = pipe.run(article)
            out.write(
                json.dumps(
                    {
                        "id": aid,
                        "published": article.published.isoformat() if article.published else None,
                        "sentences": [f"s{i}: {s.text}" for i, s in enumerate(adoc.sentences)],
                        "mentions": [
                            {
                                "key": f"{m.trigger.start}:{m.trigger.text}",
                                "sentence": m.sentence,
                                "trigger": m.trigger.text,
                                "type": m.sub_event_type,
                                "pipeline": status(m),
                            }
                            for m in adoc.mentions
                        ],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
