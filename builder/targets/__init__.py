"""One module per output: each turns the rendered learner files into a package's file map."""
