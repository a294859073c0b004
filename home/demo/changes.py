"""How the demo's loaders tell whether what is stored differs from what they would write."""


def strip_ids(data):
    """Stream data without block ids (and list items unwrapped), for comparing content."""
    if isinstance(data, list):
        return [strip_ids(item) for item in data]
    if isinstance(data, dict):
        if set(data) <= {"type", "value", "id"} and data.get("type") == "item":
            return strip_ids(data["value"])
        return {key: strip_ids(value) for key, value in data.items() if key != "id"}
    return data
