"""A teacher's pages: their requests, the request form, and what the plan gives them."""
