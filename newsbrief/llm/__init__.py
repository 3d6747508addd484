"""Optional language-model writing: model access, prompt templates, cache and accounting.

Nothing here is imported unless a model is configured; newsbrief works fully without it.
"""
