"""The site's search index: written by the build from the finished article pages, read in the reader's
browser by ``overrides/assets/psychoed/search.js``, in parts, so a query fetches only what it needs."""
