"""Actors: the actor dictionary and the assignment of actor roles to events."""

from dateline.actors.dictionary import Actor, ActorDictionary, ActorMatch

__all__ = ["Actor", "ActorDictionary", "ActorMatch"]
