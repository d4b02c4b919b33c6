"""coursepack: build SCORM, offline and facilitator editions of a course from plain text."""

__version__ = "0.1.0"
