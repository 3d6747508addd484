"""newsbrief: the day's news as a short, personal, cited briefing."""

__version__ = "0.1.0"
