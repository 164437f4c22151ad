"""Importing a school from a workbook and exporting it (with the plan) as one."""
