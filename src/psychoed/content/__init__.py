"""The content model and its loader: articles, their bodies and prose, the registries, crisis services,
``docs/`` pages' front matter and static files, and dates. Everything a pull request can change is read
here, and refused with its file and line when it is unsafe or wrong."""
