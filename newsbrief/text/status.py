"""Status lines: what a page says about itself next to a story ("Updated 3 hours ago",
"Read time: 4 min", "5 min read · Updated 2 hours ago"), in the languages pages are read in.

Such a line holds a figure and reads like a short statement, so without this it can pass for a
key fact. It is recognised by its parts: a line is a status line when every part of it (the
parts a "·", "|" or "•" separates) is a reading time, a listening time or a relative time.
Absolute dates and times ("Posted: Nov 27, 2005 8:20 AM ET") are stamps, told elsewhere; one
may stand beside a status part.
"""

from __future__ import annotations

import re

from newsbrief.text.stamps import is_stamp

_MINUTES = r"(?:min|mins|minutes?|minuten|minutos?|minuti|minuty|minuter|minutter|dk|dakika|мин\w*)"
_READ_LABEL = (
    r"(?:(?:estimated\s+)?(?:read(?:ing)?\s+(?:time|length)|time\s+to\s+read)|lesezeit|lesedauer|"
    r"temps\s+de\s+lecture|durée\s+de\s+lecture|tiempo\s+(?:de\s+)?lectura|tempo\s+di\s+lettura|"
    r"tempo\s+de\s+leitura|leestijd|czas\s+czytania|время\s+чтения|okuma\s+süresi|lästid|"
    r"läsetid|lesetid|læsetid)"
)
_READ_WORDS = (
    r"(?:read|reading|lesen|lesezeit|de\s+lecture|de\s+lectura|di\s+lettura|de\s+leitura|"
    r"leestijd|czytania|чтения|okuma)"
)
_NUMBER = r"(?:about\s+|ca\.?\s+|~\s*|<\s*)?\d{1,3}"
_UNITS = (
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|minuten|stunden?|tagen?|wochen|"
    r"heures?|jours?|semaines?|minutos?|horas?|días?|dias?|semanas?|minuti|ore|giorni|"
    r"settimane|uur|dagen|weken)"
)
_PARTS = (
    # a reading time: "Read time: 4 min", "4 min read", "4-minute read", "Lesezeit: 3 Minuten"
    rf"{_READ_LABEL}\s*:?\s*{_NUMBER}\s*-?\s*{_MINUTES}\.?",
    rf"{_NUMBER}\s*-?\s*{_MINUTES}\.?\s+{_READ_WORDS}",
    # a listening time: "Listen (4 min)", "Listen to this article, 5 minutes"
    rf"(?:listen|hören|anhören|écouter|escuchar|ascolta|ouvir)\b[^.!?]{{0,40}}?[(,:]?\s*"
    rf"{_NUMBER}\s*{_MINUTES}\.?\)?",
    # a relative time: "Updated 3 hours ago", "vor 3 Stunden", "il y a 2 jours", "hace 3 horas"
    rf"(?:(?:last\s+)?(?:updated|posted|published|edited|aktualisiert|veröffentlicht|"
    rf"mis\s+à\s+jour|publié|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|"
    rf"gepubliceerd|atualizado)\s*:?\s*)?"
    rf"(?:{_NUMBER}\s*{_UNITS}\s+(?:ago|fa|geleden)|(?:vor|il\s+y\s+a|hace|há)\s+{_NUMBER}\s*"
    rf"{_UNITS})\.?",
)
_PART = re.compile(r"^(?:" + "|".join(_PARTS) + r")$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[·|•]\s*|\s+[-–—]\s+")


def is_status_line(text: str) -> bool:
    """Whether a line only tells how long the text takes to read or hear, or how long ago it
    was updated."""
    stripped = text.strip().strip("*_()[] ")
    if not stripped or len(stripped) > 120:
        return False
    parts = [p.strip(" ,;") for p in _SEPARATOR.split(stripped)]
    parts = [p for p in parts if p]
    statuses = [bool(_PART.match(p)) for p in parts]
    # A date beside a reading time is part of the status: "Nov 27, 2005 · 4 min read".
    return any(statuses) and all(s or is_stamp(p) for s, p in zip(statuses, parts, strict=True))
