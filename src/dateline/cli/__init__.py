"""The ``dateline`` command line."""
