"""Where assertions go: the embedded store (the source of truth), Neo4j, and files."""
