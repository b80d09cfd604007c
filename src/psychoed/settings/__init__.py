"""A clinic's settings, the ``extra.psychoed`` block of ``mkdocs.yml``: each setting declared once in
``model``, read by ``read`` and ``load``, documented by ``docs``; and the safe-language entries
(``language``), psychoed's own with the site's file applied."""
