"""Calendar subscriptions: each helper's and teacher's published plan as a secret iCalendar address."""
