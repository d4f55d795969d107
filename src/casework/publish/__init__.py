"""Stage 4 of the pipeline: publish. Scaffolds for new content, moving pages, what's new and feeds, and the exports (site zip, QTI).

Everything here starts from a checked project or writes files for an author; nothing below imports from here.
"""
