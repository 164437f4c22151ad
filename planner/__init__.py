"""Handenplanner's pure core: model, workbook, solver, diagnosis and analysis."""
