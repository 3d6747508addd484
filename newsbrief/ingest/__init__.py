"""Reading articles from files, pages and feeds into the store."""
