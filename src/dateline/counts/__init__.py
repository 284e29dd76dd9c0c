"""The counts stage: casualty, injury, arrest and abduction figures.

* :func:`parse_quantity` reads one quantity phrase ("at least 12", "dozens") into a :class:`Quantity`;
* :func:`find_counts` finds the figures in a sentence as :class:`CountMention` objects with exact spans;
* :func:`combine` merges the mentions of one event into one :class:`dateline.model.Count` per kind.
"""

from dateline.counts.casualties import KINDS, CountMention, combine, find_counts
from dateline.counts.numbers import Quantity, parse_quantity

__all__ = ["KINDS", "CountMention", "Quantity", "combine", "find_counts", "parse_quantity"]
