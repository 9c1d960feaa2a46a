"""Reports a person can share: built as plain data first, then written as md, txt, html or json.

``build`` turns journal data into a JSON-ready dict (the documented shape, with
``report_version``); ``document`` turns that dict into headings, paragraphs and tables
(``blocks``), one module of ``sections`` per section; ``writers`` render those for each
format. Nothing here reads or writes files.
"""
