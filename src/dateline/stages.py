"""Importing this module registers every built-in pipeline stage."""

from dateline.actors import roles  # noqa: F401
from dateline.counts import stage as counts_stage  # noqa: F401
from dateline.events import assemble, detect, typing  # noqa: F401
from dateline.geo import stage as geo_stage  # noqa: F401
from dateline.nlp import stage as nlp_stage  # noqa: F401
from dateline.sources import claims  # noqa: F401
from dateline.time import stage as time_stage  # noqa: F401
from dateline.time import status  # noqa: F401
