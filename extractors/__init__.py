"""Extract stage: discover, fetch and read sources, and parse pages into article records (the only I/O stage
besides the warehouse). Import from the module that does the job (``extractors.crawl``, ``extractors.parse``);
the records it produces live in ``records``."""
