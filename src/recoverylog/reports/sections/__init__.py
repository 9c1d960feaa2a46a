"""The sections of a report document, one module each, in the order they are shown:
clean time, lapses, cravings, coping, peer support, check-ins, coming up, day by day,
notes and journal. Each reads its part of the report dict and returns blocks of plain
text (see ``reports.blocks``).
"""
