"""The database adapter: SQLAlchemy tables, rows <-> ``planner.model``, stored plans, absences, accounts."""
