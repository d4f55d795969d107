"""Stage 1 of the pipeline: content. YAML with places, the pydantic model, reading a project, citations, and the index of what trains what.

Nothing here checks across files or renders; everything above builds on it.
"""
