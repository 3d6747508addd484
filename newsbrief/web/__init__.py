"""The web app (``newsbrief serve``): the briefing, stories, feedback and settings in a browser."""

from newsbrief.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
