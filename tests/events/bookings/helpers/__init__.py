"""Plain helpers shared by the bookings tests (fixtures live in ../conftest.py)."""
