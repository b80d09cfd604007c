"""Every page of the site, independent of the generator: page kinds (one spec each), the site map, the
sanitiser, the Content Security Policy and JSON-LD."""
