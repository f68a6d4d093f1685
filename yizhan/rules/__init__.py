"""Pure-Python legal rule engines (fees, case numbers, periods, identifiers).

This package imports nothing from Django or the rest of the project, so that it can be
reused as a library and tested exhaustively on its own.
"""
