"""The project file and everything that speaks SQL: schema and migrations, opening and checking the
file, the one-writer lock, project rules, full-text search, the vector cache, sentence writes, and
the read-only records handed to callers. `project_store.ProjectStore` is the only door to the
database for the rest of the program.
"""
