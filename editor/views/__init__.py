"""The matrix page's views: the page, and each fragment it swaps, one module per part.

Each view is thin: an access helper (404 for outsiders, 403 for a write without the
permission), a form, the app's write function (swot/strategies/actions `changes.py`), then
the fragment that changed (with HTMX) or the page (without).
"""
