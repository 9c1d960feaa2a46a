"""What the log teaches: aggregates over entries, one module per concern. Pure: no I/O,
no clock reads.

The insights screen and the sponsor report share these functions, so a number means
the same thing everywhere. Import from the module that holds a name:

- ``period``: the Period (whole local days) and picking the entries that fall in it
- ``measures``: the rounded averages, fractions and name keys every section uses
- ``cravings``: how many cravings, how strong, the trend, by day, week and month
- ``craving_times``: when they come (weekday x hour) and how strong by hour
- ``triggers``: what sets them off, and the HALT states
- ``coping``: which techniques were used and how often the craving passed
- ``outcomes``: passed or used, how long cravings lasted, lapses in the period
- ``clean_days``: the clean-days calendar, shares and the trend score
- ``selfchecks``: the weekly self-check totals
- ``mood``: mood by week, and how mood and cravings differ on days with and without
  a meeting, a contact, coping, enough sleep or a tag
- ``build``: every section at once, in one pass over the entries

Nothing is imported here, so loading one concern loads only what it needs.
"""
