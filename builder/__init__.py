"""coursepack: build SCORM, offline and facilitator editions of a course from plain text."""
