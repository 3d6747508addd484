"""The briefing as JSON text; the form itself (keys, encoding) is ``newsbrief.codec``'s."""

from __future__ import annotations

import json

from newsbrief.codec import briefing_dict
from newsbrief.models import Briefing


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing_dict(briefing), ensure_ascii=False, indent=2) + "\n"
