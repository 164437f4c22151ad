"""The school's set-up pages for the planner: settings, groups, teachers, helpers, tasks, requests, accounts."""
