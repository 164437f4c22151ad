"""E-mail to helpers and teachers on publishing and on a passed-on absence, sent in the background."""
