from events.imports.models.sources import ImportChange, ImportedItem, ImportSource

__all__ = ["ImportChange", "ImportSource", "ImportedItem"]
