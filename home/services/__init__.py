"""Editorial rules as plain functions: importable and testable without HTTP or Celery."""
