"""Pure recovery logic: standard library only, no I/O, no clock reads."""
