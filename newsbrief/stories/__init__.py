"""Stories: duplicates folded into reports, reports clustered into stories, the pipeline run."""
