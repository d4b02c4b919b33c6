"""`coursepack classroom`: the facilitator's laptop serves the course to a room and sees the answers.

edition.py builds the classroom variant of the offline edition and the facts the server needs;
store.py keeps one session in SQLite; app.py is the web application; network.py finds the LAN
address; serve.py starts it all. Only `coursepack classroom` imports this package.
"""
