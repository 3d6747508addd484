"""Feedback from the web: the same recording and learning as `newsbrief feedback`."""

from newsbrief.feedback import KINDS, MESSAGES, FeedbackError, Recorded, give_feedback

__all__ = ["KINDS", "MESSAGES", "FeedbackError", "Recorded", "give_feedback"]
