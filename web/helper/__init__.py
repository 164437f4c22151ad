"""A helper's (ondersteuner's) pages: their week and their calendar feed."""
