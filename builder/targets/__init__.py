"""One module per output: each turns the rendered learner files into a package's file map."""

ALL_TARGETS = ("scorm12", "scorm2004", "cmi5", "offline", "facilitator")
