"""The review desk: a web application over the store where analysts check, correct and approve
coded events with the evidence of every field in view (``dateline serve``)."""

from dateline.desk.app import create_app

__all__ = ["create_app"]
