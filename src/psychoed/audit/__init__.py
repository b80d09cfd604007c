"""``psychoed audit``: the evidence a clinic can show an assessor, found in the repository itself.

:mod:`psychoed.audit.evidence` gathers what the content, settings and git history show (sign-offs, review
dates, sources and when they were checked, reading levels, definitions, disclosures, testing, feedback,
withdrawn articles); :mod:`psychoed.audit.standards` holds each standard's criteria, in psychoed's own
words with their source, and which evidence speaks to each; :mod:`psychoed.audit.report` writes it for
people, as Markdown, or as JSON.
"""
