"""Reading files: bounded text, front matter, the YAML reader with line numbers, typed fields, the file
tree, addresses, slugs and the HTML policy. The first layer: it imports only ``findings`` and ``errors``."""
