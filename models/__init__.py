"""Model files shipped with the package: the theme taxonomy, the trained theme model, the
entity catalogue (read by path, not imported)."""
