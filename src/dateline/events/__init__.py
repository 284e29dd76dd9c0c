"""Event stages: find event mentions, type them, and assemble them into events."""
