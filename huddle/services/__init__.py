"""Use-cases of the app: typed, keyword-only, validated, one transaction each.

Start with :class:`huddle.services.app.HuddleApp`.
"""

from huddle.services.app import HuddleApp

__all__ = ["HuddleApp"]
