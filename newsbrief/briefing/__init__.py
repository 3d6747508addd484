"""The briefing: ranking, relevance to a reader, personalisation, assembly, story pages."""
