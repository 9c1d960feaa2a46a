"""Terminal output: the only place that imports rich."""
