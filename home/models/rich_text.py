"""Rich-text settings shared by the home app's models."""

# Short editorial text: no headings or embeds, which belong in StreamField bodies.
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
