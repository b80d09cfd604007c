"""Clinical sign-off: fingerprints of the text a reviewer approved, where each review stands (``state``),
signing, git history and text diffs, the review calendar, CODEOWNERS and new articles."""
