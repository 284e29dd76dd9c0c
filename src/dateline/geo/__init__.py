"""Geography: toponym normalisation, an offline gazetteer, and toponym recognition/resolution."""

from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import normalize, variants
from dateline.geo.toponyms import Toponym, find_toponyms, resolve

__all__ = ["Gazetteer", "Place", "Toponym", "find_toponyms", "normalize", "resolve", "variants"]
