"""Use cases: combine the pure domain with the store. No typer, no rich, no printing."""
