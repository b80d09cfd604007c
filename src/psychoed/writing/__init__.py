"""Text as readers meet it: reading level, measured on the prose the content layer extracts."""
