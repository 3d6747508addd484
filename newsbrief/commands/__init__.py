"""The commands of the CLI, one module per area; ``newsbrief.cli`` registers them."""
