"""Questions answered from the archive: retrieval, extractive answers, a model's answers."""
